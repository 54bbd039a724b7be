// The vault's security through the real screens: the passphrase delay on the unlock screen
// (T-15), the passphrase change in the settings, the warning for a broken audit chain.
#include <catch2/catch.hpp>

#include "kiosk_runner.hpp"

namespace kt::test {

namespace {

constexpr const char* kDemoPassphrase = kt::test::kPassphrase;

std::vector<std::string> wrong_tries(int n) {
    std::vector<std::string> s;
    for (int i = 0; i < n; ++i)
        s.insert(s.end(), {"type \"verkeerd\"", "key Enter"});
    return s;
}

}  // namespace

TEST_CASE("T-15 the unlock screen makes the sixth wrong passphrase wait and counts down",
          "[security]") {
    DemoVault v;
    auto s = wrong_tries(6);
    s.insert(s.end(),
             {"expect-text \"Te vaak een verkeerd wachtwoord. Probeer het over 2 seconden "
              "opnieuw.\"",
              // The right passphrase is refused while the delay runs: the list does not show.
              std::string("type \"") + kDemoPassphrase + "\"", "key Enter",
              "expect-text \"8 cliënten\""});
    const auto r = run_kiosk(v, s, {}, false);
    INFO(r.err);
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("line " + std::to_string(s.size()) + ":") != std::string::npos);

    // After the delay the same passphrase opens the vault (a fresh vault: the first run's
    // failures are still counted beside the first).
    DemoVault fresh;
    s.insert(s.end() - 3, "advance-clock 3");
    const auto later = run_kiosk(fresh, s, {}, false);
    INFO(later.err);
    CHECK(later.exit_code == 0);
}

TEST_CASE("the settings screen changes the passphrase and the old one opens nothing after",
          "[security]") {
    DemoVault v;
    const std::string next = "koffie met de wijkagent";
    const std::vector<std::string> s = {
        "tap-text \"Instellingen\"", "tap-text \"Huidig wachtwoord\"",
        std::string("type \"") + kDemoPassphrase + "\"", "tap-text \"Klaar\"",
        "tap-text \"Nieuw wachtwoord\"", "type \"" + next + "\"", "tap-text \"Klaar\"",
        "tap-text \"Herhaal het nieuwe wachtwoord\"", "type \"" + next + "\"",
        // Klaar (Enter) in the last field changes it, as the button would.
        "tap-text \"Klaar\"",
        "expect-text \"Wachtwoord gewijzigd. Het oude wachtwoord opent de kluis niet meer.\""};
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(store::Vault::open(v.vault, kDemoPassphrase).error().code == ErrorCode::wrong_passphrase);
    CHECK(store::Vault::open(v.vault, next).ok());
}

TEST_CASE("a broken audit chain is shown to the worker on the client list", "[security]") {
    DemoVault v;
    {
        auto vault = open_demo(v);
        REQUIRE(vault.db().exec("DELETE FROM audit WHERE seq = 2").ok());
    }
    const auto r = run_kiosk(v, {"expect-text \"8 cliënten\"",
                                 "expect-text \"Het logboek van de kluis is onderbroken bij "
                                 "regel 2\""});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

}  // namespace kt::test
