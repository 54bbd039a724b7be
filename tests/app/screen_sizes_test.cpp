// Upright tablets: every worker and client screen at 1280x800, 800x1280, 1920x1200 and
// 1200x1920 draws no text into another text or over a button, and no text out of its box
// (expect-no-overlap); screenshots of each beside the test binary for a person to look at.
#include <catch2/catch.hpp>
#include <functional>

#include "kiosk_runner.hpp"

namespace kt::test {

namespace {

using Lines = std::vector<std::string>;

constexpr const char* kSizes[] = {"1280x800", "800x1280", "1920x1200", "1200x1920"};

Lines operator+(Lines a, const Lines& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// The checks on the screen in view, and its picture.
Lines look(const std::string& size, const std::string& name) {
    return {"expect-no-overlap", "expect-title \"Keukentafel\"",
            "screenshot " + std::string(KT_SCREENS_PNG_DIR) + "/" + name + "-" + size + ".png"};
}

void check_screens(const std::string& what, bool unlock,
                   const std::function<Lines(const std::string& size)>& script) {
    for (const char* size : kSizes) {
        CAPTURE(what, size);
        DemoVault v;
        const auto r = run_kiosk(v, script(size), {"--size", size}, unlock);
        INFO(r.err);
        CHECK(r.exit_code == 0);
    }
}

}  // namespace

TEST_CASE("the unlock and the worker's list screens fit every tablet size") {
    check_screens("unlock", false, [](const std::string& s) { return look(s, "unlock"); });
    check_screens("lists", true, [](const std::string& s) {
        return look(s, "clients") + Lines{"tap-text \"Instellingen\""} + look(s, "settings") +
               Lines{"tap-text \"Terug\"", "tap-text \"Nieuwe cliënt\""} + look(s, "client-form") +
               Lines{"tap-text \"Annuleren\"", "find-client \"dijk\" \"Dijk, IJsbrand van\""} +
               look(s, "client") + Lines{"advance-clock 121"} + look(s, "lock");
    });
}

TEST_CASE("the conversation's screens fit every tablet size") {
    check_screens("conversation", true, [](const std::string& s) {
        return Lines{"find-client \"dijk\" \"Dijk, IJsbrand van\"",
                     "tap-text \"Voortgangsmeting starten\""} +
               look(s, "setup") + Lines{"tap-text \"Gesprek beginnen\""} + look(s, "matrix") +
               Lines{"tap-text \"Overzicht\""} + look(s, "overview") +
               Lines{"tap-text \"Terug\"", "tap-text \"Sociaal netwerk\"",
                     "tap-text \"Netwerkkaart openen\""} +
               look(s, "network");
    });
}

TEST_CASE("the client's screens fit every tablet size") {
    check_screens("client mode", true, [](const std::string& s) {
        Lines l = {"find-client \"yilmaz\" \"Yılmaz, Özlem\"",
                   "tap-text \"Geef de tablet aan de cliënt\""};
        l = l + look(s, "review");
        for (int i = 0; i < 13; ++i)
            l.push_back("tap-text \"Volgende\"");
        return l + look(s, "review-more") + Lines{"tap-text \"Volgende\""} + look(s, "sign");
    });
}

}  // namespace kt::test
