// The conversation's records: household, consent, who was present, domain details, settings.
#include <catch2/catch.hpp>

#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/settings.hpp"
#include "support/test_support.hpp"

using namespace kt;
using model::AssessmentKind;

namespace {

struct Fixture {
    test::TempDir dir;
    store::Vault vault = test::create_test_vault(dir / "v.kt", kt::test::kPassphrase);
    std::string client_id;
    std::string assessment_id;

    Fixture() {
        model::Client c;
        c.given_name = "Fatma";
        c.family_name = "Kaya";
        c.household = {{model::Relation::child, 7}, {model::Relation::partner, 41}};
        c.consents = {
            {model::ConsentPurpose::monitoring, true, 1000, model::ConsentGiver::representative}};
        auto id = store::add_client(vault.db(), c, 1000);
        REQUIRE(id.ok());
        client_id = id.value();
        auto a = store::start_assessment(vault.db(), client_id, AssessmentKind::intake, 2000);
        REQUIRE(a.ok());
        assessment_id = a.value();
    }

    model::Assessment load() {
        auto a = store::load_assessment(vault.db(), assessment_id);
        REQUIRE(a.ok());
        return a.value();
    }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "household and consent come back as they were stored, in order",
                 "[store]") {
    auto c = store::get_client(vault.db(), client_id);
    REQUIRE(c.ok());
    REQUIRE(c->household.size() == 2);
    CHECK(c->household[0] == model::HouseholdMember{model::Relation::child, 7});
    CHECK(c->children() == 1);
    const auto* k = c->consent(model::ConsentPurpose::monitoring);
    REQUIRE(k != nullptr);
    CHECK(k->given);
    CHECK(k->given_by == model::ConsentGiver::representative);
    CHECK(c->consent(model::ConsentPurpose::send_to_municipality) == nullptr);
}

TEST_CASE_METHOD(Fixture, "editing a client replaces the household as a whole", "[store]") {
    auto c = store::get_client(vault.db(), client_id).value();
    c.household = {{model::Relation::parent, 80}};
    c.wijk = "Oost";
    REQUIRE(store::update_client(vault.db(), c, 3000).ok());
    auto again = store::get_client(vault.db(), client_id).value();
    CHECK(again.household == std::vector<model::HouseholdMember>{{model::Relation::parent, 80}});
    CHECK(again.wijk == "Oost");
    model::Client ghost = c;
    ghost.id = "no-such-id";
    CHECK(store::update_client(vault.db(), ghost, 3000).error().code == ErrorCode::not_found);
}

TEST_CASE_METHOD(Fixture, "a domain's details are stored and shares must add up to 100",
                 "[store]") {
    model::DomainDetail d;
    d.note = "Het verhaal: schulden bij de woningcorporatie.";
    d.hulpvraag = "Overzicht in de post";
    d.goal = true;
    d.share_own = 30, d.share_network = 20, d.share_professional = 50;
    d.outcome = model::Outcome::professionele_hulp;
    REQUIRE(store::set_domain_detail(vault.db(), assessment_id, 0, d, 3000).ok());
    CHECK(load().details[0] == d);
    d.share_professional = 40;
    CHECK(store::set_domain_detail(vault.db(), assessment_id, 0, d, 3000).error().code ==
          ErrorCode::usage);
}

TEST_CASE_METHOD(Fixture, "a reason for no score removes the score, and a score clears the reason",
                 "[store]") {
    REQUIRE(store::set_score(vault.db(), assessment_id, 4, 2, 3000).ok());
    model::DomainDetail d;
    d.unscored = model::UnscoredReason::not_discussed;
    REQUIRE(store::set_domain_detail(vault.db(), assessment_id, 4, d, 3000).ok());
    auto a = load();
    CHECK_FALSE(a.levels[4].has_value());
    CHECK(a.details[4].unscored == model::UnscoredReason::not_discussed);
    CHECK(a.settled_count() == 1);
    REQUIRE(store::set_score(vault.db(), assessment_id, 4, 3, 3000).ok());
    a = load();
    CHECK(a.levels[4] == 3);
    CHECK(a.details[4].unscored == model::UnscoredReason::none);
}

TEST_CASE_METHOD(Fixture, "an assessment finishes only when every domain is scored or explained",
                 "[store]") {
    for (int d = 0; d < zrm::kDomainCount - 1; ++d)
        REQUIRE(store::set_score(vault.db(), assessment_id, d, 3, 3000).ok());
    CHECK(load().first_open_domain() == zrm::kDomainCount - 1);
    CHECK(store::finish_assessment(vault.db(), assessment_id, 4000).error().code ==
          ErrorCode::invalid_state);
    model::DomainDetail d;
    d.unscored = model::UnscoredReason::not_applicable;
    REQUIRE(
        store::set_domain_detail(vault.db(), assessment_id, zrm::kDomainCount - 1, d, 3000).ok());
    CHECK(store::finish_assessment(vault.db(), assessment_id, 4000).ok());
    CHECK(store::set_domain_detail(vault.db(), assessment_id, 0, d, 5000).error().code ==
          ErrorCode::invalid_state);
}

TEST_CASE_METHOD(Fixture, "who was present is stored with the representative's role", "[store]") {
    const std::vector<model::Participant> present = {
        {model::ParticipantRole::client, ""},
        {model::ParticipantRole::representative, "zaakwaarnemer"}};
    REQUIRE(store::set_participants(vault.db(), assessment_id, present).ok());
    CHECK(load().present == present);
}

TEST_CASE_METHOD(Fixture, "settings keep the wijk list and refuse impossible values", "[store]") {
    auto s = store::load_settings(vault.db());
    REQUIRE(s.ok());
    CHECK(s->interval_months == 6);
    CHECK(s->idle_lock_seconds == 120);
    s->wijken = {"Kralingen", "Crooswijk"};
    s->interval_months = 3;
    REQUIRE(store::save_settings(vault.db(), s.value()).ok());
    CHECK(store::load_settings(vault.db())->wijken ==
          std::vector<std::string>{"Kralingen", "Crooswijk"});
    CHECK(store::load_settings(vault.db())->interval_months == 3);
    s->interval_months = 4;
    CHECK(store::save_settings(vault.db(), s.value()).error().code == ErrorCode::usage);
}

TEST_CASE_METHOD(Fixture, "a stored setting save_settings could not have written is reported",
                 "[store]") {
    const auto store_raw = [&](const std::string& key, const std::string& value) {
        REQUIRE(vault.db()
                    .exec("INSERT OR REPLACE INTO setting (key, value) VALUES ('" + key + "', '" +
                          value + "')")
                    .ok());
    };
    for (const auto& [key, value] :
         std::vector<std::pair<std::string, std::string>>{{"idle_lock_seconds", "twee minuten"},
                                                          {"idle_lock_seconds", "120s"},
                                                          {"idle_lock_seconds", "99999999999"},
                                                          {"idle_lock_seconds", "5"},
                                                          {"interval_months", ""},
                                                          {"interval_months", "4"}}) {
        CAPTURE(key, value);
        store_raw(key, value);
        auto s = store::load_settings(vault.db());  // never throws
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::damaged_vault);
        CHECK(s.error().detail.find(key) != std::string::npos);
        CHECK(s.error().detail.find(value.empty() ? "\x01" : value) == std::string::npos);
        store_raw(key, key == "interval_months" ? "3" : "300");
        REQUIRE(store::load_settings(vault.db()).ok());
    }
    CHECK(store::load_settings(vault.db())->idle_lock_seconds == 300);
}
