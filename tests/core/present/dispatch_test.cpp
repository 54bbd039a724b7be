// Session::dispatch, the one path from a screen's intent: what came of it and where it is
// shown. The settings screen says "Opgeslagen." only once the save was written, shows a failed
// save beside Opslaan (not in the passphrase section), and never handles the PIN verifier.
#include <catch2/catch.hpp>

#include "crypto/pin.hpp"
#include "present/session.hpp"
#include "present/views.hpp"
#include "store/demo_data.hpp"
#include "support/test_support.hpp"

using namespace kt;
namespace fs = std::filesystem;
namespace in = kt::present::intent;

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

store::Settings stored_settings(const fs::path& path) {
    auto v = store::Vault::open(path, kPass);
    REQUIRE(v.ok());
    auto s = store::load_settings(v->db());
    REQUIRE(s.ok());
    return s.value();
}

}  // namespace

TEST_CASE(
    "a failed settings save is shown beside Opslaan, never as saved or as a passphrase "
    "error") {
    test::TempDir dir;
    const auto path = demo_vault(dir);
    SystemClock clock;
    present::Session s(path, clock);
    s.dispatch(in::SubmitPassphrase{kPass});
    s.dispatch(flow::Action{flow::OpenSettings{}});
    REQUIRE(s.state().step == flow::Step::settings);
    store::Settings edited = s.settings();
    edited.interval_months = 4;  // no choice on the screen: the store refuses it

    const auto failed = s.dispatch(in::SaveSettings{edited});
    CHECK(failed.failed);
    CHECK(failed.area == present::Area::screen);
    auto v = present::settings_view(s, dutch());
    CHECK(v.saved.empty());
    CHECK_FALSE(v.save_error.empty());
    CHECK(v.passphrase_error.empty());

    edited.interval_months = 3;
    const auto saved = s.dispatch(in::SaveSettings{edited});
    CHECK_FALSE(saved.failed);
    v = present::settings_view(s, dutch());
    CHECK(v.saved == "Opgeslagen.");
    CHECK(v.save_error.empty());
    CHECK(stored_settings(path).interval_months == 3);
}

TEST_CASE("the settings screen never holds the PIN verifier and a save keeps the PIN") {
    test::TempDir dir;
    const auto path = demo_vault(dir);
    SystemClock clock;
    present::Session s(path, clock);
    s.dispatch(in::SubmitPassphrase{kPass});
    s.dispatch(flow::Action{flow::OpenSettings{}});
    auto v = present::settings_view(s, dutch());
    CHECK(v.current.pin_hash.empty());
    v.current.idle_lock_seconds = 300;
    s.dispatch(in::SaveSettings{v.current});  // the form's values, without a PIN verifier
    const auto stored = stored_settings(path);
    CHECK(stored.idle_lock_seconds == 300);
    CHECK(crypto::verify_pin(stored.pin_hash, store::kDemoPin));
}

TEST_CASE("a passphrase change's outcome is the passphrase section's, not the save's") {
    test::TempDir dir;
    const auto path = demo_vault(dir);
    SystemClock clock;
    present::Session s(path, clock);
    s.dispatch(in::SubmitPassphrase{kPass});
    s.dispatch(flow::Action{flow::OpenSettings{}});
    const auto r = s.dispatch(in::ChangePassphrase{kPass, "kort", "kort"});
    CHECK(r.failed);
    CHECK(r.area == present::Area::passphrase);
    const auto v = present::settings_view(s, dutch());
    CHECK(v.save_error.empty());
    CHECK(v.saved.empty());
    CHECK_FALSE(v.passphrase_error.empty());
}

TEST_CASE(
    "a screen cannot take the steps that follow a check: hand-over checks, PIN-only "
    "return is refused") {
    test::TempDir dir;
    const auto path = demo_vault(dir);
    SystemClock clock;
    present::Session s(path, clock);
    s.dispatch(in::SubmitPassphrase{kPass});
    REQUIRE(s.state().step == flow::Step::clients);
    const std::string client = s.clients().front().id;
    s.dispatch(flow::Action{flow::OpenClient{client}});
    REQUIRE(s.state().step == flow::Step::client);
    // An assessment that is not this client's cannot be handed over.
    const auto r = s.dispatch(flow::Action{flow::HandOver{"not-an-assessment"}});
    CHECK(r.failed);
    CHECK_FALSE(s.state().client);
    // The way out of client mode needs the PIN: as a bare step it does nothing.
    s.dispatch(flow::Action{flow::ReturnToWorker{}});
    s.dispatch(flow::Action{flow::Unlocked{}});
    CHECK(s.state().step == flow::Step::client);
}
