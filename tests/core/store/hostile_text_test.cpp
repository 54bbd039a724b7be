// T-41: hostile text (1 MB, emoji, right to left, U+202E, NUL, SQL and CSV-formula starts) in
// every text field of a client, an assessment, its network map and the client's review is
// stored byte for byte as typed (a person's label without surrounding white space) or refused
// as a usage mistake, injects nothing, and the
// assessment still seals and verifies.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "review_fixture.hpp"
#include "store/seal.hpp"

namespace kt::test {

namespace {

std::vector<std::string> hostile_texts() {
    return {
        std::string(1 << 20, 'x'),                                             // 1 MB
        "Anna \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 \xF0\x9F\x8E\x82",  // emoji, ZWJ
        "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 \xD8\xA8\xD9\x83",           // Arabic
        "\xE2\x80\xAE"
        "gnp.exe",                         // U+202E right-to-left override
        std::string("voor\0na", 7),        // NUL inside
        "Robert'); DROP TABLE client;--",  // SQL
        "\" OR 1=1; --",
        "=HYPERLINK(\"http://x\",\"klik\")",  // CSV formula starts
        "+31 6 1234",
        "-2+3",
        "@SUM(A1)",
        "\tTab\r\nregel",
    };
}

struct Tally {
    int stored = 0, refused = 0, wrong = 0;
    void add(const Status& s, bool same, const char* field = "") {
        if (!s) {
            CHECK(s.error().code == ErrorCode::usage);  // a limit: a message, not a crash
            ++refused;
            return;
        }
        if (!same) UNSCOPED_INFO("changed: " << field);
        stored += same;
        wrong += !same;
    }
};

// A person's label is a name: stored without the white space around it.
std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::int64_t schema_objects(store::Database& db) {
    return db.query_int("SELECT count(*) FROM sqlite_master").value();
}

}  // namespace

TEST_CASE("T-41 hostile text in every field is stored as typed, injects nothing and seals",
          "[security]") {
    Tally t;
    int sealed = 0;
    const auto texts = hostile_texts();
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string& h = texts[i];
        CAPTURE(i);
        ReviewFixture f;
        auto& db = f.vault.db();
        const auto objects = schema_objects(db);
        // The client: every name field and the wijk.
        model::Client c;
        c.given_name = h;
        c.family_name = h;
        c.wijk = h;
        auto cid = store::add_client(db, c, 50);
        t.add(cid ? Status{} : Status(cid.error()), cid.ok());
        if (cid) {
            auto back = store::get_client(db, cid.value());
            REQUIRE(back.ok());
            t.add({}, back->given_name == h, "given name");
            t.add({}, back->family_name == h, "family name");
            t.add({}, back->wijk == h, "wijk");
        }
        // A draft assessment: the story and the request for help, the map and its words.
        auto a = store::start_assessment(db, f.client, model::AssessmentKind::voortgang, 5000);
        REQUIRE(a.ok());
        model::DomainDetail d;
        d.note = h;
        d.hulpvraag = h;
        t.add(store::set_domain_detail(db, a.value(), 2, d, 5001), true);
        model::NetworkPerson p;
        p.label = h;
        auto person = store::add_person(db, a.value(), p, 5002);
        t.add(person ? Status{} : Status(person.error()), person.ok());
        t.add(store::set_network_note(db, a.value(), h, 5003), true);
        auto loaded = store::load_assessment(db, a.value());
        REQUIRE(loaded.ok());
        t.add({}, loaded->details[2].note == h, "note");
        t.add({}, loaded->details[2].hulpvraag == h, "hulpvraag");
        auto map = store::load_network(db, a.value());
        REQUIRE(map.ok());
        t.add({}, map->note == h, "network note");
        if (person) {
            INFO("label stored as [" << map->people.back().label << "]");
            t.add({}, map->people.back().label == trimmed(h), "network label");
        }
        // The client's own words and a refusal's reason, then the seal.
        t.add(store::set_answer(db, f.id, 1, {model::Agreement::disagree, 2, h}, 5004), true);
        auto review = store::load_review(db, f.id);
        REQUIRE(review.ok());
        t.add({}, review->answers[1].own_words == h, "own words");
        f.review_and_sign(5005);
        REQUIRE(store::clear_signature(db, f.id, model::Signer::client, 5006).ok());
        auto refused = refusal("");
        refused.refusal_reason = h;
        t.add(store::save_signature(db, f.id, refused, 5007), true);
        store::SealContext sc{"0.1.0", std::string(64, 'a')};
        auto info = store::seal_assessment(db, f.id, sc, 6000);
        INFO((info.ok() ? "" : info.error().detail));
        REQUIRE(info.ok());
        auto check = store::verify_sealed(db);
        REQUIRE(check.ok());
        CHECK(check->broken == 0);
        sealed += check->broken == 0;
        CHECK(schema_objects(db) == objects);  // no table dropped or made
        CHECK(db.query_int("SELECT count(*) FROM client").value() == (cid ? 2 : 1));
    }
    CHECK(t.wrong == 0);
    CHECK(sealed == int(texts.size()));
    std::printf(
        "T-41: %zu hostile texts in client names, wijk, story, hulpvraag, network label and "
        "note, own words, refusal reason: %d stored as typed, %d refused with a message, %d "
        "changed; %d/%zu sealed and verified; 0 tables dropped or made\n",
        texts.size(), t.stored, t.refused, t.wrong, sealed, texts.size());
}

}  // namespace kt::test
