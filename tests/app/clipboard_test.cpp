// T-20: copying or cutting in the kiosk never reaches the system clipboard. A sentinel is put
// on SDL's clipboard (the desktop's, or SDL's own offscreen); on every screen with a text field
// the text is selected and Ctrl+C, Ctrl+Insert and Ctrl+X are pressed; the sentinel must stay,
// while pasting inside the app still works.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk_runner.hpp"
#include "model/zrm.hpp"

namespace kt::test {

namespace {

constexpr const char* kSentinel = "KLEMBORD-SCHILDWACHT-7f3a";

std::string quoted(const std::string& s) {
    return "\"" + s + "\"";
}

// Select all, then each copy key, each time checking the system clipboard; then cut, check,
// and paste back inside the app: the typed text is drawn again.
void copy_attempts(std::vector<std::string>& s, const std::string& typed, int& cases) {
    s.push_back("set-system-clipboard " + quoted(kSentinel));
    for (const char* key : {"Ctrl+C", "Ctrl+Insert", "Ctrl+X"}) {
        s.push_back("key Ctrl+A");
        s.push_back(std::string("key ") + key);
        s.push_back("expect-system-clipboard " + quoted(kSentinel));
        ++cases;
    }
    s.push_back("key Ctrl+V");
    s.push_back("expect-text " + quoted(typed));
}

std::string descriptor(int domain, int level) {
    return dutch().tr(zrm::descriptor_key(zrm::kDomains[std::size_t(domain)], level));
}

}  // namespace

TEST_CASE("T-20 copy and cut on every screen leave the system clipboard untouched", "[security]") {
    DemoVault v;
    int cases = 0, screens = 0;
    std::vector<std::string> s;
    // The client list's search field.
    s.insert(s.end(), {"tap-text \"Zoek op naam\"", "type \"Dijk\""});
    copy_attempts(s, "Dijk", cases);
    s.insert(s.end(), {"tap-text \"Klaar\"", "key Ctrl+A", "key Ctrl+V"});
    ++screens;
    // The new client's form.
    s.insert(s.end(), {"tap-text \"Nieuwe cliënt\"", "tap-text \"Voornaam\"", "type \"Geheim\""});
    copy_attempts(s, "Geheim", cases);
    s.insert(s.end(), {"tap-text \"Klaar\"", "tap-text \"Annuleren\""});
    ++screens;
    // A domain's story in the matrix.
    s.insert(s.end(), {"tap-text \"Dijk, IJsbrand van\"", "tap-text \"Voortgangsmeting starten\"",
                       "tap-text \"Gesprek beginnen\"", "tap-text " + quoted(descriptor(0, 3)),
                       "tap-text \"Toelichting\"", "tap-text \"Het verhaal\"",
                       "type \"Schulden bij de buren\""});
    copy_attempts(s, "Schulden bij de buren", cases);
    s.push_back("tap-text \"Klaar\"");
    ++screens;
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    std::printf("T-20: %d screens with a text field, %d copy/cut attempts: system clipboard %s\n",
                screens, cases, r.exit_code == 0 ? "still the sentinel in 100 %" : "CHANGED");
}

}  // namespace kt::test
