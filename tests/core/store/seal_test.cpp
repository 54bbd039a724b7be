// Sealing a co-signed assessment (security-tests.md §5.3): T-33 signature binding, T-34 the
// signature record, versions after a reopening, the device key and the WAL checkpoint.
#include "store/seal.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <regex>
#include <set>

#include "crypto/signing.hpp"
#include "review_fixture.hpp"
#include "util/canonical_json.hpp"

using kt::ErrorCode;
using kt::model::Agreement;
using kt::model::Signer;
namespace store = kt::store;
namespace model = kt::model;
namespace json = kt::json;

namespace {

using Fixture = kt::test::ReviewFixture;

json::Value stored_record(Fixture& f, int version = 1) {
    auto text = store::sealed_record(f.vault.db(), f.id, version);
    REQUIRE(text.ok());
    auto v = json::parse(text.value());
    REQUIRE(v.ok());
    return v.value();
}

std::set<std::string> keys(const json::Value& v) {
    std::set<std::string> out;
    if (const auto* o = v.object())
        for (const auto& [k, _] : *o)
            out.insert(k);
    return out;
}

// Runs `change` inside a savepoint, asks verify for broken seals, then undoes the change.
int broken_after(Fixture& f, const std::function<void()>& change) {
    auto& db = f.vault.db();
    REQUIRE(db.exec("SAVEPOINT mutation").ok());
    change();
    const int broken = f.verify().broken;
    REQUIRE(db.exec("ROLLBACK TO mutation; RELEASE mutation").ok());
    return broken;
}

void run_sql(Fixture& f, const std::string& sql) {
    auto st = f.vault.db().prepare(sql);
    REQUIRE(st.ok());
    st->bind(1, f.id);
    INFO(sql);
    REQUIRE(st->run().ok());
}

// Every node below the root, as a path of child positions (object members by position).
void paths(const json::Value& v, std::vector<std::size_t>& at,
           std::vector<std::vector<std::size_t>>& out) {
    const std::size_t n = v.object() ? v.object()->size() : v.array() ? v.array()->size() : 0;
    for (std::size_t i = 0; i < n; ++i) {
        at.push_back(i);
        out.push_back(at);
        paths(v.object() ? (*v.object())[i].second : (*v.array())[i], at, out);
        at.pop_back();
    }
}

json::Value& child(json::Value& v, std::size_t i) {
    return v.object() ? (*v.object())[i].second : (*v.array())[i];
}

// A leaf gets another value; a container loses its last child (or gains one when empty).
void mutate(json::Value& v) {
    if (v.is_null()) {
        v = json::Value(0);
    } else if (auto* b = std::get_if<bool>(&v.v)) {
        *b = !*b;
    } else if (auto* d = std::get_if<double>(&v.v)) {
        *d += 1;
    } else if (auto* s = std::get_if<std::string>(&v.v)) {
        *s += "x";
    } else if (auto* a = v.array()) {
        if (a->empty())
            a->push_back(json::Value(1));
        else
            a->pop_back();
    } else if (auto* o = v.object()) {
        if (o->empty())
            o->emplace_back("x", json::Value(1));
        else
            o->pop_back();
    }
}

void store_record(Fixture& f, const std::string& text, bool rehash) {
    auto st = f.vault.db().prepare(
        rehash ? "UPDATE sealed_record SET record = ?2, content_hash = ?3 WHERE assessment_id = ?1"
               : "UPDATE sealed_record SET record = ?2 WHERE assessment_id = ?1");
    REQUIRE(st.ok());
    st->bind(1, f.id).bind(2, text);
    if (rehash) st->bind(3, kt::crypto::sha256_hex(text));
    REQUIRE(st->run().ok());
}

// Row changes under a sealed assessment (?1 = its id); each must break the seal.
std::vector<std::string> row_mutations() {
    std::vector<std::string> sql;
    for (int d = 0; d < kt::zrm::kDomainCount - 1; ++d)
        sql.push_back(
            "UPDATE score SET level = level % 5 + 1 WHERE assessment_id = ?1 AND domain = '" +
            std::string(kt::zrm::kDomains[std::size_t(d)]) + "'");
    const std::string detail = "UPDATE domain_detail SET ";
    const std::string where = " WHERE assessment_id = ?1";
    for (const char* set : {"note = note || 'x'", "hulpvraag = hulpvraag || 'x'", "goal = 1 - goal",
                            "share_own = 40", "share_network = 40", "share_professional = 30",
                            "outcome = 'zelfredzaam'", "unscored_reason = 'unknown'"})
        sql.push_back(detail + set + where);
    for (const char* s : {
             "DELETE FROM score WHERE assessment_id = ?1 AND rowid = (SELECT min(rowid) FROM score "
             "WHERE assessment_id = ?1)",
             "INSERT INTO score SELECT ?1, domain, 3, 'ZRM-2017', 1 FROM domain_detail WHERE "
             "assessment_id = ?1 AND unscored_reason != ''",
             "UPDATE review SET locale = 'en' WHERE assessment_id = ?1",
             "UPDATE review SET network_agreed = '' WHERE assessment_id = ?1",
             "UPDATE review SET goals_agreed = 'agree' WHERE assessment_id = ?1",
             "UPDATE review_answer SET agreement = 'agree', own_level = 0 WHERE assessment_id = ?1 "
             "AND own_level > 0",
             "UPDATE review_answer SET own_level = 4 WHERE assessment_id = ?1 AND own_level > 0",
             "UPDATE review_answer SET own_words = own_words || 'x' WHERE assessment_id = ?1",
             "INSERT INTO review_answer VALUES (?1, 'werk_opleiding', 'agree', 0, '', 1)",
             "UPDATE review_signature SET strokes = replace(strokes, '1000,', '1001,') WHERE "
             "assessment_id = ?1",
             "UPDATE review_signature SET strokes = strokes || ';5,5' WHERE assessment_id = ?1",
             "UPDATE review_signature SET signed_at = signed_at + 1 WHERE assessment_id = ?1",
             "UPDATE review_signature SET device_seq = device_seq + 1 WHERE assessment_id = ?1",
             "UPDATE review_signature SET signer = 'representative', role = 'x' WHERE "
             "assessment_id = ?1 AND signer = 'client'",
             "DELETE FROM review_signature WHERE assessment_id = ?1 AND signer = 'worker'",
             "UPDATE network_person SET hinders = 1 WHERE assessment_id = ?1",
             "DELETE FROM network_person WHERE assessment_id = ?1",
             "UPDATE assessment SET kind = 'voortgang' WHERE id = ?1",
             "UPDATE assessment SET started_at = started_at + 1 WHERE id = ?1",
             "UPDATE assessment SET finished_at = finished_at + 1 WHERE id = ?1",
             "UPDATE assessment SET sealed_at = 0 WHERE id = ?1",
             "UPDATE assessment SET version = 2 WHERE id = ?1",
             "UPDATE sealed_record SET device_signature = CASE substr(device_signature, 1, 1) "
             "WHEN '0' THEN '1' ELSE '0' END || substr(device_signature, 2) WHERE "
             "assessment_id = ?1",
             "UPDATE sealed_record SET version = 2 WHERE assessment_id = ?1",
             "DELETE FROM sealed_record WHERE assessment_id = ?1",
             "UPDATE kt_meta SET value = (SELECT value FROM kt_meta WHERE key = 'actor') || "
             "substr(?1, 1, 0) WHERE key = 'device_sign_secret'",
         })
        sql.push_back(s);
    return sql;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "T-33 every mutation of a sealed record or its rows is detected",
                 "[security]") {
    review_and_sign();
    seal();
    REQUIRE(verify().ok == 1);
    REQUIRE(verify().broken == 0);
    const json::Value original = stored_record(*this);
    std::vector<std::size_t> at;
    std::vector<std::vector<std::size_t>> all;
    paths(original, at, all);
    int total = 0, detected = 0;
    for (const auto& path : all) {
        json::Value copy = original;
        json::Value* node = &copy;
        for (const std::size_t i : path)
            node = &child(*node, i);
        mutate(*node);
        auto text = json::canonical(copy);
        REQUIRE(text.ok());
        for (const bool rehash : {false, true}) {
            ++total;
            detected += broken_after(*this, [&] { store_record(*this, text.value(), rehash); }) > 0;
        }
    }
    const int record_mutations = total;
    for (const auto& sql : row_mutations()) {
        ++total;
        const int broken = broken_after(*this, [&] { run_sql(*this, sql); });
        CAPTURE(sql);
        CHECK(broken > 0);
        detected += broken > 0;
    }
    std::printf("T-33: %d of %d mutations detected (%d of the stored record, %d of rows)\n",
                detected, total, record_mutations, total - record_mutations);
    // The detector is not simply failing: what the record leaves out may change. The people's
    // labels are not in it (counts only), so renaming one keeps the seal intact.
    CHECK(broken_after(*this, [&] {
              run_sql(*this, "UPDATE network_person SET label = 'zoon' WHERE assessment_id = ?1");
          }) == 0);
    CHECK(record_mutations > 400);
    CHECK(detected == total);
    CHECK(verify().broken == 0);
}

TEST_CASE_METHOD(Fixture, "T-34 stored strokes hold x and y only, no timing or pressure",
                 "[security]") {
    static_assert(sizeof(model::Point) == 2 * sizeof(float), "a point is x and y only");
    review_and_sign();
    seal();
    auto cols = vault.db().prepare("PRAGMA table_info(review_signature)");  // SQLite 3.15
    REQUIRE(cols.ok());
    std::set<std::string> names;
    for (auto row = cols->step(); row && row.value(); row = cols->step())
        names.insert(cols->text(1));
    CHECK(names == std::set<std::string>{"assessment_id", "signer", "role", "strokes", "refused",
                                         "refusal_reason", "signed_at", "device_seq"});
    auto strokes = vault.db().query_text("SELECT group_concat(strokes, '|') FROM review_signature");
    REQUIRE(strokes.ok());
    CHECK(std::regex_match(strokes.value(), std::regex(R"((\d+,\d+[ ;|]?)+)")));
}

TEST_CASE_METHOD(Fixture, "T-34 the sealed record holds every schema field and points as x y",
                 "[security]") {
    review_and_sign();
    seal();
    const json::Value r = stored_record(*this);
    CHECK(keys(r) == std::set<std::string>{"schema",
                                           "assessment_uuid",
                                           "version",
                                           "previous_version_hash",
                                           "client_ref",
                                           "household_ref",
                                           "kind",
                                           "zrm_version",
                                           "locale_shown",
                                           "locale_bundle_sha256",
                                           "app_version",
                                           "started_at_utc",
                                           "finished_at_utc",
                                           "device_id",
                                           "device_public_key",
                                           "sealed_at_utc",
                                           "seal_seq",
                                           "content",
                                           "content_sha256",
                                           "signatures"});
    const json::Value& content = *r.find("content");
    CHECK(keys(content) == std::set<std::string>{"domains", "network_summary", "goals"});
    REQUIRE(content.find("domains")->array()->size() == 13);
    for (const auto& d : *content.find("domains")->array())
        CHECK(keys(d) == std::set<std::string>{"domain_id", "level", "unscored_reason",
                                               "worker_note", "hulpvraag", "is_goal", "shares",
                                               "outcome", "client_agrees", "client_level",
                                               "client_remark"});
    const auto& sigs = *r.find("signatures")->array();
    REQUIRE(sigs.size() == 2);
    for (const auto& s : sigs) {
        CHECK(keys(s) == std::set<std::string>{
                             "role", "representative_role", "refused", "refusal_reason",
                             "worker_id", "device_id", "method", "stroke_scale", "stroke_vector",
                             "stroke_sha256", "signed_at_utc", "device_seq", "device_ed25519_sig"});
        for (const auto& stroke : *s.find("stroke_vector")->array())
            for (const auto& point : *stroke.array()) {
                REQUIRE(point.array());
                REQUIRE(point.array()->size() == 2);  // x, y: no time, no pressure
                for (const auto& c : *point.array())
                    CHECK((*c.number() >= 0 && *c.number() <= model::kStrokeScale &&
                           *c.number() == double(std::int64_t(*c.number()))));
            }
    }
    CHECK(*r.find("locale_shown")->string() == "tr");
    CHECK(*r.find("content_sha256")->string() ==
          kt::crypto::sha256_hex(json::canonical(content).value()));
}

TEST_CASE_METHOD(Fixture, "T-34 a refusal is stored and sealed with its reason", "[security]") {
    REQUIRE(
        store::save_signature(vault.db(), id, kt::test::refusal("Ik lees het thuis na"), 10).ok());
    REQUIRE(store::save_signature(vault.db(), id, kt::test::drawn(Signer::worker), 11).ok());
    auto review = store::load_review(vault.db(), id);
    REQUIRE(review.ok());
    const auto* client_sig = review->signature(Signer::client);
    REQUIRE(client_sig);
    CHECK(client_sig->refused);
    CHECK(client_sig->refusal_reason == "Ik lees het thuis na");
    seal();
    const json::Value r = stored_record(*this);
    const json::Value& first = (*r.find("signatures")->array())[0];
    CHECK(*first.find("role")->string() == "client");
    CHECK(std::get<bool>(first.find("refused")->v));
    CHECK(*first.find("refusal_reason")->string() == "Ik lees het thuis na");
    CHECK(first.find("stroke_vector")->array()->empty());
    CHECK(verify().ok == 1);
}

TEST_CASE_METHOD(Fixture, "each signature entry carries a device signature over what it binds",
                 "[security]") {
    review_and_sign();
    const auto info = seal();
    const json::Value r = stored_record(*this);
    auto pk = store::device_public_key(vault.db());
    REQUIRE(pk.ok());
    CHECK(*r.find("device_public_key")->string() == pk.value());
    CHECK(kt::crypto::verify_hex(pk.value(), info.content_hash, info.device_signature));
    CHECK(*r.find("schema")->string() == "keukentafel.sealed_assessment/2");
    for (const auto& s : *r.find("signatures")->array()) {
        // Bound to this assessment and version, so it cannot be moved to another one.
        const std::string msg =
            "keukentafel.signature/2|" + id + "|1|" + *r.find("content_sha256")->string() + "|" +
            *s.find("role")->string() + "|" + *s.find("stroke_sha256")->string() + "|" +
            json::format_number(*s.find("signed_at_utc")->number()) + "|" +
            json::format_number(*s.find("device_seq")->number());
        CHECK(kt::crypto::verify_hex(pk.value(), msg, *s.find("device_ed25519_sig")->string()));
    }
}

TEST_CASE_METHOD(Fixture,
                 "T-33 a change after sealing makes version 2 and version 1 still verifies",
                 "[security]") {
    review_and_sign();
    const auto v1 = seal();
    const auto v1_text = store::sealed_record(vault.db(), id, 1);
    REQUIRE(v1_text.ok());
    REQUIRE(store::reopen_sealed(vault.db(), id, 4000).ok());
    auto a = store::load_assessment(vault.db(), id);
    REQUIRE(a.ok());
    CHECK(a->status == model::AssessmentStatus::draft);
    CHECK(a->version == 2);
    CHECK_FALSE(a->sealed());
    CHECK(verify().ok == 1);
    CHECK(verify().broken == 0);
    REQUIRE(store::set_score(vault.db(), id, 12, 4, 4100).ok());
    REQUIRE(store::finish_assessment(vault.db(), id, 4200).ok());
    // Unsealed until signed again: the old signatures bound to version 1.
    CHECK(store::seal_assessment(vault.db(), id, context(), 4300).error().code ==
          ErrorCode::invalid_state);
    auto review = store::load_review(vault.db(), id);
    CHECK(review->signatures.empty());
    CHECK(review->answers[3].own_level == 2);
    review_and_sign(4400);
    const auto v2 = seal(4500);
    CHECK(v2.version == 2);
    CHECK(v2.content_hash != v1.content_hash);
    CHECK(*stored_record(*this, 2).find("previous_version_hash")->string() == v1.content_hash);
    CHECK(stored_record(*this, 1).find("previous_version_hash")->is_null());
    CHECK(store::sealed_record(vault.db(), id, 1).value() == v1_text.value());
    CHECK(verify().ok == 2);
    CHECK(verify().broken == 0);
    CHECK(store::latest_seal(vault.db(), id).value()->version == 2);
}

TEST_CASE_METHOD(Fixture, "sealing refuses what is not ready and a second seal") {
    auto& db = vault.db();
    CHECK(store::seal_assessment(db, id, context(), 1).error().code == ErrorCode::invalid_state);
    review_and_sign();
    auto bad = context();
    bad.locale_bundle_sha256 = "abc";
    CHECK(store::seal_assessment(db, id, bad, 1).error().code == ErrorCode::usage);
    bad = context();
    bad.instrument_version = "ZRM-2010";
    CHECK(store::seal_assessment(db, id, bad, 1).error().code == ErrorCode::usage);
    CHECK(store::reopen_sealed(db, id, 1).error().code == ErrorCode::invalid_state);
    seal();
    CHECK(store::load_assessment(db, id)->sealed());
    CHECK(store::seal_assessment(db, id, context(), 1).error().code == ErrorCode::invalid_state);
    CHECK(store::set_score(db, id, 0, 5, 1).error().code == ErrorCode::invalid_state);
}

TEST_CASE_METHOD(Fixture, "the seal leaves nothing in the WAL and one device key per vault",
                 "[security]") {
    review_and_sign();
    const auto info = seal();
    const std::filesystem::path wal = vault.path().string() + "-wal";
    CHECK((!std::filesystem::exists(wal) || std::filesystem::file_size(wal) == 0));
    auto pk = store::device_public_key(vault.db());
    REQUIRE(pk.ok());
    CHECK(pk->size() == 64);
    id = finished_assessment(6000);
    review_and_sign(6100);
    seal(6200);
    CHECK(store::device_public_key(vault.db()).value() == pk.value());
    CHECK(verify().ok == 2);
    auto audit = store::read_audit(vault.db());
    REQUIRE(audit.ok());
    int sealed = 0;
    for (const auto& row : audit.value())
        sealed += row.action == "assessment_sealed";
    CHECK(sealed == 2);
    CHECK(info.device_signature.size() == 128);
}
