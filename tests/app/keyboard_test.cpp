// The on-screen keyboard on the real frames: taps on keys type into the active field and
// never end it, the accent layer types one character, a slide off a key types nothing.
#include <catch2/catch.hpp>

#include "kiosk_runner.hpp"

namespace kt::test {

namespace {

// One tap-text per character of `text` on the letters layer.
std::vector<std::string> tap_keys(const std::string& text) {
    std::vector<std::string> lines;
    for (const char c : text)
        lines.push_back(c == ' ' ? "tap-text \"spatie\""
                                 : "tap-text \"" + std::string(1, c) + "\"");
    return lines;
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

TEST_CASE("the passphrase tapped on the on-screen keyboard opens the vault") {
    DemoVault v;
    // Klaar on a 10-inch 1280x800 tablet; Openen, above the keyboard, on a 1920x1200 one.
    const auto [screen, submit] = GENERATE(
        std::make_pair(std::vector<std::string>{"--dpi", "150", "--size", "1280x800"}, "Klaar"),
        std::make_pair(std::vector<std::string>{"--dpi", "226", "--size", "1920x1200"}, "Openen"));
    const auto lines = std::vector<std::string>{"expect-text \"Klaar\""} + tap_keys(kPassphrase) +
                       std::vector<std::string>{"tap-text \"" + std::string(submit) + "\"",
                                                "expect-text \"8 cliënten\""};
    const auto r = run_kiosk(v, lines, screen, false);
    INFO(screen[3] << " " << submit << ": " << r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("a letter from the accent layer is typed as one character") {
    DemoVault v;
    const std::vector<std::string> add_e_trema = {"tap-text \"ëé\"", "expect-text \"ł\"",
                                                  "tap-text \"ë\""};
    // With ë after it the passphrase is wrong; with ë erased by one Wissen it is right again.
    const auto lines =
        tap_keys(kPassphrase) + add_e_trema +
        std::vector<std::string>{"tap-text \"Klaar\"",
                                 "expect-text \"Wachtwoord klopt niet. Probeer het opnieuw.\"",
                                 "expect-text \"ëé\""} +
        tap_keys(kPassphrase) + add_e_trema +
        std::vector<std::string>{"tap-text \"Wissen\"", "tap-text \"Klaar\"",
                                 "expect-text \"8 cliënten\""};
    const auto r = run_kiosk(v, lines, {"--dpi", "150", "--size", "1280x800"}, false);
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("shift types one capital and then falls back to small letters") {
    DemoVault v;
    // "Thee ..." is not the passphrase: the capital was typed. The next try has no capital.
    const auto lines =
        std::vector<std::string>{"tap-text \"Hoofdletter\"", "tap-text \"T\""} +
        tap_keys(std::string(kPassphrase).substr(1)) +
        std::vector<std::string>{"tap-text \"Klaar\"",
                                 "expect-text \"Wachtwoord klopt niet. Probeer het opnieuw.\""} +
        tap_keys(kPassphrase) +
        std::vector<std::string>{"tap-text \"Klaar\"", "expect-text \"8 cliënten\""};
    const auto r = run_kiosk(v, lines, {"--dpi", "150", "--size", "1280x800"}, false);
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("a finger that slides off a key types nothing and keeps the field active") {
    DemoVault v;
    // On a 1280x800 tablet at 150 dpi, (640, 700) is the v key of the keyboard.
    const auto r =
        run_kiosk(v,
                  {"tap 640 700", "tap-text \"Klaar\"",
                   "expect-text \"Wachtwoord klopt niet. Probeer het opnieuw.\"",
                   // Off the keyboard onto the screen, and from one key onto another.
                   "drag 640 700 640 100", "drag 640 700 900 700", "type \"thee met de buurvrouw\"",
                   "tap-text \"Klaar\"", "expect-text \"8 cliënten\""},
                  {"--dpi", "150", "--size", "1280x800"}, false);
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("every key of the on-screen keyboard is at least 12 mm") {
    DemoVault v;
    const auto screen = GENERATE(std::vector<std::string>{"--dpi", "150", "--size", "1280x800"},
                                 std::vector<std::string>{"--dpi", "226", "--size", "1920x1200"},
                                 std::vector<std::string>{"--dpi", "220", "--size", "1280x800"});
    const auto r = run_kiosk(v,
                             {"expect-text \"Klaar\"", "expect-targets-min-mm 12",
                              "tap-text \"ëé\"", "expect-text \"ż\"", "expect-targets-min-mm 12"},
                             screen, false);
    INFO(screen[3] << " dpi " << screen[1] << ": " << r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("on a short 220 dpi screen the passphrase field and its button stay above the keys") {
    DemoVault v;
    const auto r = run_kiosk(
        v,
        {"frames 2", "expect-text \"Klaar\"", "expect-target \"Wachtwoord\"", "type \"verkeerd\"",
         "expect-target \"Openen\"", "expect-targets-min-mm 12", "tap-text \"Openen\"",
         "expect-text \"Wachtwoord klopt niet. Probeer het opnieuw.\"", "frames 2",
         "expect-target \"Wachtwoord\"", std::string("type \"") + kPassphrase + "\"",
         "tap-text \"Openen\"", "expect-text \"8 cliënten\""},
        {"--dpi", "220", "--size", "1280x800"}, false);
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("a PIN field gets two rows of digits and its buttons stay above them") {
    DemoVault v;
    const std::vector<std::string> screen = {"--dpi", "220", "--size", "1280x800"};
    const std::vector<std::string> locked = {"advance-clock 121", "frames 2",
                                             "expect-text \"Vergrendeld\""};
    const auto pin =
        run_kiosk(v,
                  locked +
                      std::vector<std::string>{"expect-target \"Ontgrendelen\"",
                                               "expect-target \"Helemaal afsluiten\"",
                                               "expect-targets-min-mm 12"} +
                      tap_keys("123456") +
                      std::vector<std::string>{"tap-text \"Klaar\"", "expect-text \"8 cliënten\""},
                  screen);
    INFO(pin.err);
    CHECK(pin.exit_code == 0);
    // No letters on the digits pad: an expect-target for q must fail.
    CHECK(
        run_kiosk(v, locked + std::vector<std::string>{"expect-target \"q\""}, screen).exit_code ==
        5);
}

TEST_CASE("choosing a PIN on a short screen shows both fields and the button above the digits") {
    DemoVault v(false);
    const auto r = run_kiosk(
        v,
        std::vector<std::string>{"frames 2", "expect-text \"Kies een pincode\"",
                                 "expect-target \"Herhaal de pincode\"",
                                 "expect-target \"Pincode opslaan\""} +
            tap_keys("246810") + std::vector<std::string>{"tap-text \"Klaar\""} +
            tap_keys("246810") +
            std::vector<std::string>{"tap-text \"Pincode opslaan\"", "expect-text \"8 cliënten\""},
        {"--dpi", "220", "--size", "1280x800"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

}  // namespace kt::test
