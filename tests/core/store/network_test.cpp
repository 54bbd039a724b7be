// The network map in a real SQLCipher vault: stored at once, refused once finished, copied
// into the next assessment, audited without personal data.
#include "store/network.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "store/assessments.hpp"
#include "store/audit.hpp"
#include "store/clients.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::model::AskReason;
using kt::model::CarerLoad;
using kt::model::Frequency;
using kt::model::Give;
using kt::model::NetworkPerson;
using kt::model::PersonKind;
namespace store = kt::store;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

struct Fixture {
    kt::test::TempDir dir;
    store::Vault vault = kt::test::create_test_vault(dir / "v.ktv", kPass);
    std::string client = add_client("Johannes");
    std::string assessment = start(1000);

    std::string add_client(const char* given) {
        auto id = store::add_client(vault.db(), {"", given, "", "Vries", "", "", "", {}, {}}, 100);
        REQUIRE(id.ok());
        return id.value();
    }
    std::string start(std::int64_t at, const std::string& who = {}) {
        auto id = store::start_assessment(vault.db(), who.empty() ? client : who,
                                          kt::model::AssessmentKind::intake, at);
        REQUIRE(id.ok());
        return id.value();
    }
    std::string add(const NetworkPerson& p, const std::string& on = {}) {
        auto id = store::add_person(vault.db(), on.empty() ? assessment : on, p, 2000);
        REQUIRE(id.ok());
        return id.value();
    }
    kt::model::NetworkMap load(const std::string& id = {}) {
        auto m = store::load_network(vault.db(), id.empty() ? assessment : id);
        REQUIRE(m.ok());
        return m.value();
    }
    void finish(const std::string& id) {
        for (int d = 0; d < kt::zrm::kDomainCount; ++d)
            REQUIRE(store::set_score(vault.db(), id, d, 3, 1500).ok());
        REQUIRE(store::finish_assessment(vault.db(), id, 1600).ok());
    }
};

NetworkPerson daughter() {
    NetworkPerson p;
    p.label = "dochter";
    p.kind = PersonKind::child;
    p.ring = 0;
    p.gives = unsigned(Give::care) | unsigned(Give::practical);
    p.frequency = Frequency::daily;
    p.could_do_more = false;
    p.carer_load = CarerLoad::overloaded;
    return p;
}

NetworkPerson neighbour(const char* label = "buurvrouw") {
    NetworkPerson p;
    p.label = label;
    p.kind = PersonKind::neighbour;
    p.ring = 1;
    p.gives = unsigned(Give::practical);
    p.frequency = Frequency::weekly;
    p.could_do_more = true;
    return p;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "a new assessment of a client without an earlier map has an empty map") {
    const auto m = load();
    CHECK(m.assessment_id == assessment);
    CHECK(m.empty());
    const auto missing = store::load_network(vault.db(), "00000000-0000-4000-8000-000000000000");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::not_found);
}

TEST_CASE("people added to the map are in the vault at once, in the order they were added") {
    kt::test::TempDir dir;
    std::string assessment, first;
    {
        auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
        auto client =
            store::add_client(v.db(), {"", "Johannes", "", "Vries", "", "", "", {}, {}}, 100);
        REQUIRE(client.ok());
        auto a = store::start_assessment(v.db(), client.value(), kt::model::AssessmentKind::intake,
                                         1000);
        REQUIRE(a.ok());
        assessment = a.value();
        auto id = store::add_person(v.db(), assessment, daughter(), 2000);
        REQUIRE(id.ok());
        first = id.value();
        REQUIRE(store::add_person(v.db(), assessment, neighbour(), 2001).ok());
    }  // closed without any save step: each call was its own transaction
    auto v = store::Vault::open(dir / "v.ktv", kPass);
    REQUIRE(v.ok());
    auto m = store::load_network(v->db(), assessment);
    REQUIRE(m.ok());
    REQUIRE(m->people.size() == 2);
    auto expected = daughter();
    expected.id = first;
    CHECK(m->people[0] == expected);
    CHECK(m->people[1].label == "buurvrouw");
    CHECK(m->people[1].could_do_more);
    CHECK(m->people[1].frequency == Frequency::weekly);
}

TEST_CASE_METHOD(Fixture, "a person needs a label and a ring, and a map holds at most 30 people") {
    auto blank = neighbour("   ");
    auto r = store::add_person(vault.db(), assessment, blank, 2000);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::usage);
    auto far = neighbour();
    far.ring = 3;
    CHECK(store::add_person(vault.db(), assessment, far, 2000).error().code == ErrorCode::usage);
    CHECK(load().people.empty());
    for (int i = 0; i < kt::model::kMaxNetworkPeople; ++i)
        add(neighbour(("buur " + std::to_string(i)).c_str()));
    auto full = store::add_person(vault.db(), assessment, neighbour("nog een"), 2000);
    REQUIRE_FALSE(full.ok());
    CHECK(full.error().code == ErrorCode::usage);
    CHECK(load().people.size() == 30);
}

TEST_CASE_METHOD(Fixture, "a label is stored without surrounding spaces") {
    add(neighbour("  Ans  "));
    CHECK(load().people.at(0).label == "Ans");
}

TEST_CASE_METHOD(Fixture, "editing a person replaces what they give, and a load needs care") {
    auto p = daughter();
    p.id = add(p);
    p.hinders = true;
    p.set(Give::care, false);
    p.frequency = Frequency::monthly;
    REQUIRE(store::update_person(vault.db(), assessment, p, 2100).ok());
    const auto got = load().people.at(0);
    CHECK(got.hinders);
    CHECK(got.frequency == Frequency::monthly);
    CHECK(got.gives == unsigned(Give::practical));
    CHECK(got.carer_load == CarerLoad::none);
}

TEST_CASE_METHOD(Fixture, "dragging a person to another ring and removing one are stored") {
    const auto a = add(daughter());
    const auto b = add(neighbour());
    REQUIRE(store::move_person(vault.db(), assessment, a, 2, 2100).ok());
    CHECK(load().people.at(0).ring == 2);
    CHECK(store::move_person(vault.db(), assessment, a, -1, 2100).error().code == ErrorCode::usage);
    REQUIRE(store::remove_person(vault.db(), assessment, b, 2200).ok());
    REQUIRE(load().people.size() == 1);
    CHECK(store::remove_person(vault.db(), assessment, b, 2200).error().code ==
          ErrorCode::not_found);
}

TEST_CASE_METHOD(Fixture,
                 "a person of another assessment's map cannot be changed through this one") {
    const auto other = start(1100, add_client("Fatma"));
    const auto theirs = add(daughter(), other);
    CHECK(store::move_person(vault.db(), assessment, theirs, 2, 2100).error().code ==
          ErrorCode::not_found);
    auto p = daughter();
    p.id = theirs;
    p.label = "zoon";
    CHECK(store::update_person(vault.db(), assessment, p, 2100).error().code ==
          ErrorCode::not_found);
    CHECK(load(other).people.at(0).label == "dochter");
}

TEST_CASE_METHOD(Fixture, "reasons for not asking more and the note are stored") {
    const unsigned reasons = unsigned(AskReason::no_burden) | unsigned(AskReason::other);
    REQUIRE(store::set_network_reasons(vault.db(), assessment, reasons, "schaamte", 2000).ok());
    REQUIRE(store::set_network_note(vault.db(), assessment, "Zoon belt elke zondag.", 2001).ok());
    auto m = load();
    CHECK(m.has(AskReason::no_burden));
    CHECK(m.has(AskReason::other));
    CHECK_FALSE(m.has(AskReason::family_far));
    CHECK(m.other_reason == "schaamte");
    CHECK(m.note == "Zoon belt elke zondag.");
    // Without "other" the client's own words have nothing to belong to.
    REQUIRE(store::set_network_reasons(vault.db(), assessment, unsigned(AskReason::family_far),
                                       "schaamte", 2002)
                .ok());
    m = load();
    CHECK(m.reasons == unsigned(AskReason::family_far));
    CHECK(m.other_reason.empty());
    CHECK(m.note == "Zoon belt elke zondag.");
    CHECK(store::set_network_reasons(vault.db(), assessment, 0x100, "", 2003).error().code ==
          ErrorCode::usage);
}

TEST_CASE_METHOD(Fixture, "a finished assessment's map cannot change, like its scores") {
    const auto id = add(daughter());
    finish(assessment);
    const auto before = load();
    auto p = daughter();
    p.id = id;
    p.label = "zoon";
    auto& db = vault.db();
    CHECK(store::add_person(db, assessment, neighbour(), 3000).error().code ==
          ErrorCode::invalid_state);
    CHECK(store::update_person(db, assessment, p, 3000).error().code == ErrorCode::invalid_state);
    CHECK(store::move_person(db, assessment, id, 2, 3000).error().code == ErrorCode::invalid_state);
    CHECK(store::remove_person(db, assessment, id, 3000).error().code == ErrorCode::invalid_state);
    CHECK(store::set_network_reasons(db, assessment, 1, "", 3000).error().code ==
          ErrorCode::invalid_state);
    CHECK(store::set_network_note(db, assessment, "x", 3000).error().code ==
          ErrorCode::invalid_state);
    CHECK(load() == before);
}

TEST_CASE_METHOD(Fixture, "the next assessment starts with a copy of the previous map") {
    const auto first = add(daughter());
    add(neighbour());
    REQUIRE(
        store::set_network_reasons(vault.db(), assessment, unsigned(AskReason::no_burden), "", 2000)
            .ok());
    REQUIRE(store::set_network_note(vault.db(), assessment, "Zoon belt.", 2000).ok());
    finish(assessment);
    const auto next = start(5000);
    const auto copy = load(next);
    const auto old = load();
    REQUIRE(copy.people.size() == 2);
    CHECK(copy.people[0].id != first);
    CHECK(copy.people[0].label == "dochter");
    CHECK(copy.people[0].carer_load == CarerLoad::overloaded);
    CHECK(copy.people[1].label == "buurvrouw");
    CHECK(copy.reasons == old.reasons);
    CHECK(copy.note == "Zoon belt.");
    // The copy is the new assessment's own: changing it leaves the finished one alone.
    REQUIRE(store::move_person(vault.db(), next, copy.people[0].id, 2, 5100).ok());
    CHECK(load().people[0].ring == 0);
}

TEST_CASE_METHOD(Fixture, "the copy comes from the latest earlier map of the same client only") {
    add(daughter());
    finish(assessment);
    const auto second = start(3000);
    REQUIRE(store::remove_person(vault.db(), second, load(second).people.at(0).id, 3100).ok());
    add(neighbour("Ans"), second);
    finish(second);
    CHECK(load(start(4000)).people.at(0).label == "Ans");
    const auto stranger = start(4000, add_client("Fatma"));
    CHECK(load(stranger).empty());
}

TEST_CASE_METHOD(Fixture, "prefill leaves a map that already has content alone") {
    add(daughter());
    const auto next = start(3000);
    add(neighbour("Ans"), next);
    REQUIRE(store::prefill_network_from_previous(vault.db(), next, 3100).ok());
    const auto m = load(next);
    REQUIRE(m.people.size() == 2);  // the copied daughter and Ans, not a second copy
    CHECK(m.people[1].label == "Ans");
}

TEST_CASE_METHOD(Fixture, "every map change is audited by assessment id without the names") {
    const auto id = add(neighbour("Auditmarkeer-Ans"));
    REQUIRE(store::move_person(vault.db(), assessment, id, 2, 2100).ok());
    REQUIRE(store::set_network_note(vault.db(), assessment, "Notitiemarkeer", 2200).ok());
    auto rows = store::read_audit(vault.db());
    REQUIRE(rows.ok());
    int changes = 0;
    for (const auto& r : rows.value()) {
        CHECK(r.object_id.find("markeer") == std::string::npos);
        if (r.action != "network_changed") continue;
        ++changes;
        CHECK(r.object_id == assessment);
    }
    CHECK(changes == 3);
}
