// Assessments and ZRM scores in the vault.
#include "store/assessments.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "store/clients.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::model::AssessmentKind;
using kt::model::AssessmentStatus;
namespace store = kt::store;

namespace {

struct Fixture {
    kt::test::TempDir dir;
    store::Vault vault = kt::test::create_test_vault(dir / "v.ktv", kt::test::kPassphrase);
    std::string client = add("Johannes", "Vries");

    std::string add(const char* given, const char* family) {
        auto id = store::add_client(vault.db(), {"", given, "", family, "", "", "", {}, {}}, 100);
        REQUIRE(id.ok());
        return id.value();
    }
    std::string start(AssessmentKind kind, std::int64_t at, const std::string& who = {}) {
        auto id = store::start_assessment(vault.db(), who.empty() ? client : who, kind, at);
        REQUIRE(id.ok());
        return id.value();
    }
    kt::model::Assessment load(const std::string& id) {
        auto a = store::load_assessment(vault.db(), id);
        REQUIRE(a.ok());
        return a.value();
    }
    std::int64_t count(const std::string& sql) {
        auto n = vault.db().query_int(sql);
        REQUIRE(n.ok());
        return n.value();
    }
    void score_all(const std::string& id, std::int64_t at) {
        for (int d = 0; d < kt::zrm::kDomainCount; ++d)
            REQUIRE(store::set_score(vault.db(), id, d, 1 + d % 5, at).ok());
    }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "a new assessment is a draft of the ZRM-2017 without scores") {
    const auto a = load(start(AssessmentKind::intake, 1000));
    CHECK(a.client_id == client);
    CHECK(a.kind == AssessmentKind::intake);
    CHECK(a.status == AssessmentStatus::draft);
    CHECK(a.instrument == "ZRM-2017");
    CHECK(a.started_at == 1000);
    CHECK(a.finished_at == 0);
    CHECK(a.scored_count() == 0);
}

TEST_CASE_METHOD(Fixture, "a score is stored and a later score for the domain replaces it") {
    const auto id = start(AssessmentKind::intake, 1000);
    REQUIRE(store::set_score(vault.db(), id, 3, 2, 1001).ok());
    CHECK(load(id).levels[3] == 2);
    REQUIRE(store::set_score(vault.db(), id, 3, 4, 1002).ok());
    const auto a = load(id);
    CHECK(a.levels[3] == 4);
    CHECK(a.scored_count() == 1);
    CHECK(count("SELECT count(*) FROM score") == 1);
}

TEST_CASE_METHOD(Fixture, "a finished assessment rejects a score change with invalid_state") {
    const auto id = start(AssessmentKind::intake, 1000);
    score_all(id, 1001);
    REQUIRE(store::finish_assessment(vault.db(), id, 2000).ok());
    auto s = store::set_score(vault.db(), id, 0, 5, 2001);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::invalid_state);
    const auto a = load(id);
    CHECK(a.levels[0] == 1);
    CHECK(a.status == AssessmentStatus::finished);
    CHECK(a.finished_at == 2000);
    auto again = store::finish_assessment(vault.db(), id, 3000);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::invalid_state);
    CHECK(load(id).finished_at == 2000);
}

TEST_CASE_METHOD(Fixture, "levels 0 and 6 and domains -1 and 13 are rejected and store nothing") {
    const auto id = start(AssessmentKind::intake, 1000);
    const std::pair<int, int> bad[] = {{0, 0}, {0, 6}, {0, -1}, {-1, 3}, {13, 3}, {99, 1}};
    for (const auto& [domain, level] : bad) {
        CAPTURE(domain, level);
        auto s = store::set_score(vault.db(), id, domain, level, 1001);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::usage);
    }
    CHECK(count("SELECT count(*) FROM score") == 0);
    REQUIRE(store::set_score(vault.db(), id, 12, 5, 1001).ok());
    REQUIRE(store::set_score(vault.db(), id, 0, 1, 1001).ok());
    CHECK(count("SELECT count(*) FROM score") == 2);
}

TEST_CASE_METHOD(Fixture, "scoring an unknown assessment reports not_found") {
    auto s = store::set_score(vault.db(), "no-such-id", 0, 3, 1);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::not_found);
    auto l = store::load_assessment(vault.db(), "no-such-id");
    REQUIRE_FALSE(l.ok());
    CHECK(l.error().code == ErrorCode::not_found);
}

TEST_CASE_METHOD(Fixture, "an assessment for an unknown client is refused and stores nothing") {
    auto id = store::start_assessment(vault.db(), "no-such-client", AssessmentKind::intake, 1);
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().code == ErrorCode::not_found);
    CHECK(count("SELECT count(*) FROM assessment") == 0);
}

TEST_CASE_METHOD(Fixture, "finishing an unknown assessment reports not_found") {
    const auto id = start(AssessmentKind::intake, 1000);
    auto s = store::finish_assessment(vault.db(), "no-such-id", 1);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::not_found);
    CHECK(load(id).status == AssessmentStatus::draft);
}

TEST_CASE_METHOD(Fixture, "previous_assessment finds the earlier intake of the same client") {
    const auto intake = start(AssessmentKind::intake, 1000);
    score_all(intake, 1001);
    REQUIRE(store::finish_assessment(vault.db(), intake, 1100).ok());
    const auto other = add("Sanne", "Bakker");
    const auto others_intake = start(AssessmentKind::intake, 1500, other);
    const auto progress = start(AssessmentKind::voortgang, 2000);

    auto prev = store::previous_assessment(vault.db(), load(progress));
    REQUIRE(prev.ok());
    REQUIRE(prev->has_value());
    CHECK(prev.value()->id == intake);
    CHECK(prev.value()->levels[4] == 5);
    CHECK(prev.value()->scored_count() == 13);

    auto none = store::previous_assessment(vault.db(), load(intake));
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
    auto none_other = store::previous_assessment(vault.db(), load(others_intake));
    REQUIRE(none_other.ok());
    CHECK_FALSE(none_other->has_value());
}

TEST_CASE_METHOD(Fixture, "a client's assessments are listed newest first") {
    const auto first = start(AssessmentKind::intake, 1000);
    const auto second = start(AssessmentKind::voortgang, 3000);
    const auto third = start(AssessmentKind::afsluiting, 5000);
    auto list = store::assessments_of(vault.db(), client);
    REQUIRE(list.ok());
    REQUIRE(list->size() == 3);
    CHECK((*list)[0].id == third);
    CHECK((*list)[1].id == second);
    CHECK((*list)[2].id == first);
    CHECK((*list)[0].kind == AssessmentKind::afsluiting);
}

TEST_CASE_METHOD(Fixture, "every stored score row records the instrument ZRM-2017") {
    const auto a = start(AssessmentKind::intake, 1000);
    const auto b = start(AssessmentKind::voortgang, 2000, add("Ria", "Horst"));
    score_all(a, 1001);
    score_all(b, 2001);
    auto st = vault.db().prepare("SELECT instrument, count(*) FROM score GROUP BY instrument");
    REQUIRE(st.ok());
    std::vector<std::pair<std::string, std::int64_t>> rows;
    for (;;) {
        auto row = st->step();
        REQUIRE(row.ok());
        if (!row.value()) break;
        rows.emplace_back(st->text(0), st->int64(1));
    }
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].first == "ZRM-2017");
    CHECK(rows[0].second == 2 * kt::zrm::kDomainCount);
    CHECK(count("SELECT count(*) FROM assessment WHERE instrument <> 'ZRM-2017'") == 0);
}

TEST_CASE_METHOD(Fixture, "scores are stored under the domain ids in matrix order") {
    const auto id = start(AssessmentKind::intake, 1000);
    score_all(id, 1001);
    for (int d = 0; d < kt::zrm::kDomainCount; ++d) {
        const std::string domain(kt::zrm::kDomains[static_cast<std::size_t>(d)]);
        CAPTURE(domain);
        CHECK(count("SELECT level FROM score WHERE domain = '" + domain + "'") == 1 + d % 5);
    }
}
