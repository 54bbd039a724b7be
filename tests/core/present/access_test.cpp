// Getting in and out through the Session: the passphrase delay (T-15), the idle lock that
// closes the vault, audit rows for unlock/lock, the passphrase change of the settings screen
// and the broken-audit-chain warning.
#include <catch2/catch.hpp>

#include <algorithm>

#include "present/session.hpp"
#include "present/views.hpp"
#include "store/audit.hpp"
#include "store/demo_data.hpp"
#include "support/test_support.hpp"

using namespace kt;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

fs::path demo_vault(const test::TempDir& dir) {
    const auto path = dir / "v.kt";
    auto v = test::create_test_vault(path, kPass);
    REQUIRE(store::fill_demo(v, 1'790'000'000).ok());
    return path;
}

i18n::Catalog dutch() {
    auto c = i18n::Catalog::open(test::i18n_dir(), "nl");
    REQUIRE(c.ok());
    return std::move(c.value());
}

std::vector<std::string> audit_actions(const fs::path& path) {
    auto v = store::Vault::open(path, kPass);
    REQUIRE(v.ok());
    auto rows = store::read_audit(v->db());
    REQUIRE(rows.ok());
    std::vector<std::string> out;
    for (const auto& r : rows.value())
        out.push_back(r.action + ":" + r.result);
    return out;
}

std::size_t count(const std::vector<std::string>& v, const std::string& what) {
    return std::size_t(std::count(v.begin(), v.end(), what));
}

}  // namespace

TEST_CASE("T-15 passphrase delay: from the sixth wrong try the next must wait, doubling",
          "[security]") {
    test::TempDir dir;
    const auto path = demo_vault(dir);
    SystemClock system;
    OffsetClock clock(system);
    present::Session s(path, clock);
    const auto nl = dutch();
    for (int i = 1; i <= 5; ++i) {
        s.unlock("fout");
        CHECK(s.error_key() == "error.vault.wrong_passphrase");
        CHECK(s.unlock_wait_seconds() == 0);
    }
    s.unlock("nog steeds fout");  // the sixth: 2 s
    CHECK(s.unlock_wait_seconds() > 0);
    CHECK(s.unlock_wait_seconds() <= 2);
    const auto v = present::unlock_view(s, nl);
    CHECK(v.waiting);
    CHECK(v.error.find("Probeer het over") != std::string::npos);
    s.unlock(kPass);  // refused unseen while waiting, even when right
    CHECK_FALSE(s.is_unlocked());
    CHECK(s.error_key() == "error.unlock.wait");
    clock.advance(3);
    s.unlock("zevende keer fout");  // the seventh: 4 s
    CHECK(s.unlock_wait_seconds() > 2);
    CHECK(s.unlock_wait_seconds() <= 4);
    std::printf("T-15: wait after the 6th wrong passphrase <= 2 s, after the 7th %.0f s\n",
                s.unlock_wait_seconds());
    clock.advance(5);
    s.unlock(kPass);
    REQUIRE(s.is_unlocked());
    CHECK(s.unlock_wait_seconds() == 0);
    s.lock();
    // Seven failed tries became audit rows at the open, plus the unlock and the lock.
    const auto actions = audit_actions(path);
    CHECK(count(actions, "failed_unlock:failed") == 7);
    CHECK(count(actions, "unlock:ok") == 1);
    CHECK(count(actions, "lock:ok") == 1);
}

TEST_CASE("an idle lock closes the vault, the PIN reopens it and wrong PINs are audited",
          "[security]") {
    test::TempDir dir;
    const auto path = demo_vault(dir);
    SystemClock clock;
    present::Session s(path, clock);
    s.unlock(kPass);
    REQUIRE(s.state().step == flow::Step::clients);
    s.idle_lock();
    CHECK_FALSE(s.vault_open());
    CHECK(s.is_unlocked());  // the data key is kept for the PIN
    s.enter_pin("000000");
    s.enter_pin("111111");
    CHECK_FALSE(s.vault_open());
    s.enter_pin(store::kDemoPin);
    CHECK(s.vault_open());
    CHECK(s.clients().size() == 8);
    s.lock();
    const auto actions = audit_actions(path);
    CHECK(count(actions, "failed_unlock:failed") == 2);
    CHECK(count(actions, "unlock:ok") == 2);  // the passphrase and the PIN
    CHECK(count(actions, "lock:ok") == 2);    // the idle lock and the full lock
}

TEST_CASE("the settings change the passphrase, wrong or weak input changes nothing", "[security]") {
    test::TempDir dir;
    const auto path = demo_vault(dir);
    SystemClock clock;
    present::Session s(path, clock);
    s.unlock(kPass);
    s.navigate(flow::OpenSettings{});
    REQUIRE(s.state().step == flow::Step::settings);
    const std::string next = "een-nieuw-lang-wachtwoord";
    s.change_passphrase(kPass, "kort", "kort");
    CHECK(s.error_key() == "passphrase.rule.too_short");
    CHECK(present::settings_view(s, dutch()).passphrase_error.find("12") != std::string::npos);
    s.change_passphrase(kPass, "wachtwoord123", "wachtwoord123");  // long enough, easy to guess
    CHECK(s.error_key() == "passphrase.rule.common");
    s.change_passphrase(kPass, next, next + "x");
    CHECK(s.error_key() == "settings.passphrase.mismatch");
    s.change_passphrase("niet het oude wachtwoord", next, next);
    CHECK(s.error_key() == "settings.passphrase.wrong_old");
    CHECK_FALSE(s.passphrase_changed());
    CHECK(store::Vault::open(path, kPass).ok());  // still the old one
    s.change_passphrase(kPass, next, next);
    CHECK(s.error_key().empty());
    CHECK(s.passphrase_changed());
    CHECK_FALSE(present::settings_view(s, dutch()).passphrase_done.empty());
    s.lock();
    CHECK(store::Vault::open(path, kPass).error().code == ErrorCode::wrong_passphrase);
    s.unlock(next);
    CHECK(s.is_unlocked());
    CHECK(s.clients().size() == 8);
}

TEST_CASE("a broken audit chain is named on the client list after unlock", "[security]") {
    test::TempDir dir;
    const auto path = demo_vault(dir);
    {
        auto v = store::Vault::open(path, kPass);
        REQUIRE(v.ok());
        REQUIRE(v->db().exec("DELETE FROM audit WHERE seq = 3").ok());
    }
    SystemClock clock;
    present::Session s(path, clock);
    s.unlock(kPass);
    REQUIRE(s.is_unlocked());
    CHECK(s.audit_break_seq() == 3);
    const auto v = present::clients_view(s, dutch(), "");
    CHECK(v.warning.find("regel 3") != std::string::npos);
    CHECK(v.rows.size() == 8);  // nothing is lost: the worker goes on
}

TEST_CASE("an intact vault shows no audit warning") {
    test::TempDir dir;
    const auto path = demo_vault(dir);
    SystemClock clock;
    present::Session s(path, clock);
    s.unlock(kPass);
    CHECK(s.audit_break_seq() == 0);
    CHECK(present::clients_view(s, dutch(), "").warning.empty());
}
