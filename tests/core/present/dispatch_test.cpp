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

TEST_CASE(
    "the first run goes through dispatch: refusals are said on its page, the vault is "
    "made only with a good PIN") {
    constexpr const char* kNewPass = "fiets-boom-regen-lamp";
    test::TempDir dir;
    test::use_fast_kdf_for_children();  // this process's params_for_new_vault too
    const auto path = dir / "data" / "v.kt";
    SystemClock clock;
    present::Session s(path, clock);
    const auto nl = dutch();
    using Page = present::Session::SetupPage;
    REQUIRE(s.state().step == flow::Step::first_run);
    s.dispatch(in::SetupStart{});
    CHECK(s.first_run().page == Page::worker);

    auto out = s.dispatch(in::SetupWorker{store::Worker{"", "Wijkteam Oost"}});
    CHECK(out.failed);
    CHECK(out.shown_at(flow::Step::first_run));
    CHECK(present::first_run_view(s, nl, "").error == nl.tr("first_run.worker.name_missing"));
    out = s.dispatch(in::SetupWorker{store::Worker{"Tjitske Hoekstra", "Wijkteam Oost"}});
    CHECK_FALSE(out.failed);
    CHECK(present::first_run_view(s, nl, "").error.empty());
    CHECK(s.first_run().page == Page::passphrase);

    out = s.dispatch(in::SetupPassphrase{"kort", "kort"});
    CHECK(out.failed);
    CHECK(present::first_run_view(s, nl, "").error.find("12") != std::string::npos);
    out = s.dispatch(in::SetupPassphrase{kNewPass, "iets anders"});
    CHECK(out.key == "first_run.passphrase.mismatch");
    s.dispatch(in::SetupPassphrase{kNewPass, kNewPass});
    CHECK(s.first_run().page == Page::pin);

    // No screen can step past the create: the flow action that follows it is the session's.
    s.dispatch(flow::Action{flow::VaultCreated{}});
    CHECK(s.state().step == flow::Step::first_run);
    out = s.dispatch(in::SetupCreate{"123456", "123456"});
    CHECK(out.key == "pin.guessable");
    CHECK(out.shown_at(flow::Step::first_run));
    CHECK_FALSE(fs::exists(path));

    out = s.dispatch(in::SetupCreate{"246810", "246810"});
    CHECK_FALSE(out.failed);
    CHECK(s.state().step == flow::Step::first_enroll);
    CHECK(s.worker().name == "Tjitske Hoekstra");
    CHECK(fs::exists(path));
    s.dispatch(flow::Action{flow::FirstRunDone{}});
    CHECK(s.state().step == flow::Step::clients);
}
