// Session: unlock, open a client, score a whole matrix, finish, lock (the kiosk's loop
// without the UI), checked against the vault on disk.
#include "present/session.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "store/assessments.hpp"
#include "store/demo_data.hpp"
#include "support/test_support.hpp"

using kt::model::AssessmentKind;
using kt::model::AssessmentStatus;
using kt::present::Session;
namespace flow = kt::flow;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

struct Fixture {
    kt::test::TempDir dir;
    fs::path path = dir / "demo.ktv";
    kt::SystemClock clock;

    Fixture() {
        auto v = kt::test::create_test_vault(path, kPass);
        REQUIRE(kt::store::fill_demo(v, clock.now_utc()).ok());
    }

    static std::string client_id(const Session& s, const std::string& given_name) {
        for (const auto& c : s.clients())
            if (c.given_name == given_name) return c.id;
        FAIL("no demo client " << given_name);
        return {};
    }

    // Unlocks and starts an intake for a demo client without earlier assessments.
    void start_intake(Session& s) {
        s.unlock(kPass);
        REQUIRE(s.is_unlocked());
        s.open_client(client_id(s, "Agnieszka"));
        REQUIRE(s.state().step == flow::Step::client);
        s.start_assessment(AssessmentKind::intake);
        REQUIRE(s.state().step == flow::Step::matrix);
        REQUIRE(s.assessment() != nullptr);
    }

    static void score_all(Session& s) {
        for (int d = 0; d < kt::zrm::kDomainCount; ++d) {
            REQUIRE(s.state().domain == d);
            s.score(1 + (d * 2) % 5);
            REQUIRE(s.error_key().empty());
            s.navigate(flow::NextDomain{});
        }
    }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "a wrong passphrase keeps the unlock screen with the right message",
                 "[security]") {
    const auto sha = kt::test::file_sha256(path);
    Session s(path, clock);
    s.unlock("koffie met koek 2026");
    CHECK(s.error_key() == "error.vault.wrong_passphrase");
    CHECK(s.state().step == flow::Step::unlock);
    CHECK_FALSE(s.is_unlocked());
    CHECK(s.clients().empty());
    CHECK(kt::test::file_sha256(path) == sha);
}

TEST_CASE_METHOD(Fixture, "unlocking with the right passphrase shows every client") {
    Session s(path, clock);
    s.unlock("fout");
    s.unlock(kPass);
    CHECK(s.error_key().empty());
    CHECK(s.state().step == flow::Step::clients);
    CHECK(s.clients().size() == 8);
}

TEST_CASE_METHOD(Fixture, "thirteen scored domains are all in the vault when it is reopened") {
    Session s(path, clock);
    start_intake(s);
    const std::string id = s.assessment()->id;
    score_all(s);
    CHECK(s.state().domain == 12);  // next on the last domain stays there
    CHECK(s.assessment()->scored_count() == 13);
    s.lock();

    auto v = kt::store::Vault::open(path, kPass);
    REQUIRE(v.ok());
    auto a = kt::store::load_assessment(v->db(), id);
    REQUIRE(a.ok());
    CHECK(a->scored_count() == 13);
    CHECK(a->status == AssessmentStatus::draft);
    for (int d = 0; d < kt::zrm::kDomainCount; ++d)
        CHECK(a->levels[static_cast<std::size_t>(d)] == 1 + (d * 2) % 5);
}

TEST_CASE_METHOD(Fixture, "finishing returns to the client page and leaves the WAL file empty",
                 "[security]") {
    Session s(path, clock);
    start_intake(s);
    const std::string id = s.assessment()->id;
    score_all(s);
    s.finish();
    CHECK(s.error_key().empty());
    CHECK(s.state().step == flow::Step::client);
    CHECK(s.assessment() == nullptr);
    REQUIRE_FALSE(s.client_assessments().empty());
    CHECK(s.client_assessments().front().id == id);
    CHECK(s.client_assessments().front().status == AssessmentStatus::finished);
    const fs::path wal = path.string() + "-wal";
    REQUIRE(fs::exists(wal));
    CHECK(fs::file_size(wal) == 0);
}

TEST_CASE_METHOD(Fixture, "finish does nothing before all thirteen domains are scored") {
    Session s(path, clock);
    start_intake(s);
    for (int d = 0; d < 12; ++d) {
        s.score(3);
        s.navigate(flow::NextDomain{});
    }
    s.finish();
    CHECK(s.state().step == flow::Step::matrix);
    REQUIRE(s.assessment() != nullptr);
    CHECK(s.assessment()->status == AssessmentStatus::draft);
    CHECK(s.assessment()->scored_count() == 12);
}

TEST_CASE_METHOD(Fixture, "a score on a finished assessment is refused with a message") {
    Session s(path, clock);
    s.unlock(kPass);
    s.open_client(client_id(s, "IJsbrand"));
    REQUIRE(s.client_assessments().size() == 1);
    const auto& intake = s.client_assessments().front();
    REQUIRE(intake.status == AssessmentStatus::finished);
    const auto before = intake.levels[0];
    s.resume_assessment(intake.id);
    REQUIRE(s.state().step == flow::Step::matrix);
    s.score(before == 1 ? 5 : 1);
    CHECK(s.error_key() == "error.invalid_state");
    REQUIRE(s.assessment() != nullptr);
    CHECK(s.assessment()->levels[0] == before);
}

TEST_CASE_METHOD(Fixture, "locking forgets the client and closes the vault", "[security]") {
    Session s(path, clock);
    start_intake(s);
    s.score(4);
    SECTION("by calling lock") {
        s.lock();
    }
    SECTION("by the lock action") {
        s.navigate(flow::Lock{});
    }
    CHECK_FALSE(s.is_unlocked());
    CHECK(s.state() == flow::State{});
    CHECK(s.client() == nullptr);
    CHECK(s.assessment() == nullptr);
    CHECK(s.previous() == nullptr);
    CHECK(s.clients().empty());
    CHECK(s.client_assessments().empty());
    CHECK(s.error_key().empty());
    // The last connection is closed: SQLite removes the WAL and shared-memory files.
    CHECK_FALSE(fs::exists(path.string() + "-wal"));
    CHECK_FALSE(fs::exists(path.string() + "-shm"));
}

TEST_CASE_METHOD(Fixture, "actions that do not fit the step change nothing") {
    Session s(path, clock);
    s.score(3);
    s.start_assessment(AssessmentKind::intake);
    s.finish();
    s.navigate(flow::OpenClient{"x"});
    CHECK(s.state() == flow::State{});
    CHECK_FALSE(s.is_unlocked());
    s.unlock(kPass);
    s.score(3);  // on the clients page: no assessment to score
    s.start_assessment(AssessmentKind::intake);
    CHECK(s.state().step == flow::Step::clients);
    CHECK(s.error_key().empty());
}
