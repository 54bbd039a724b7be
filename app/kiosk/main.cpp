// keukentafel: the kiosk. Sets up the process, the window and one session, then runs the
// interactive loop or, with --headless, a test script on SDL's offscreen driver.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "crypto/passphrase_file.hpp"
#include "crypto/secret.hpp"
#include "i18n/catalog.hpp"
#include "kiosk_app.hpp"
#include "platform/frame_loop.hpp"
#include "platform/headless_script.hpp"
#include "platform/process.hpp"
#include "platform/window.hpp"
#include "util/files.hpp"
#include "version.hpp"
#include "widgets/keyboard.hpp"

namespace {

constexpr const char* kUsage =
    "usage: keukentafel [--vault PATH] [--lang nl|en] [--dpi N] [--size WxH] [--fullscreen]\n"
    "                   [--passphrase-file FILE] [--headless --script FILE]\n";

struct Options {
    kt::kiosk::WindowOptions window;
    std::string vault, lang = "nl", passphrase_file, script;
};

std::filesystem::path default_vault() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path base =
        xdg && *xdg ? xdg : std::string(home ? home : ".") + "/.local/share";
    return base / "keukentafel" / "vault.kt";
}

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&](std::string& out) {
            if (i + 1 >= argc) return false;
            out = argv[++i];
            return true;
        };
        std::string v;
        if (a == "--headless")
            o.window.headless = true;
        else if (a == "--fullscreen")
            o.window.fullscreen = true;
        else if ((a == "--vault" && next(o.vault)) || (a == "--lang" && next(o.lang)) ||
                 (a == "--passphrase-file" && next(o.passphrase_file)) ||
                 (a == "--script" && next(o.script)))
            continue;
        else if (a == "--dpi" && next(v))
            o.window.dpi = std::strtof(v.c_str(), nullptr);
        else if (a == "--size" && next(v)) {
            if (!kt::kiosk::parse_window_size(v, o.window.width, o.window.height)) return false;
        } else
            return false;
    }
    if (o.vault.empty()) o.vault = default_vault();
    return !o.window.headless || !o.script.empty();
}

bool has_display() {
    const char* d = std::getenv("DISPLAY");
    const char* w = std::getenv("WAYLAND_DISPLAY");
    const char* drv = std::getenv("SDL_VIDEODRIVER");
    return (d && *d) || (w && *w) || (drv && *drv);
}

// Unlocks at start from a passphrase file (tests, scripted demos). A file that cannot serve as
// one is named on stderr in the worker's language and the unlock screen stays.
bool unlock_from_file(kt::kiosk::KioskApp& app, const kt::i18n::Catalog& cat,
                      const std::string& path) {
    auto secret = kt::crypto::read_passphrase_file(path);
    if (!secret) {
        std::fprintf(stderr, "keukentafel: %s\n",
                     cat.tr(kt::crypto::passphrase_file_message_key(secret.error())).c_str());
        return false;
    }
    app.unlock_with(
        std::string_view(reinterpret_cast<const char*>(secret->data()), secret->size()));
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    kt::kiosk::harden_process();
    if (auto answered = kt::answer_version_or_help(argc, argv, "keukentafel", kUsage))
        return *answered;
    Options o;
    if (!parse(argc, argv, o)) {
        std::fputs(kUsage, stderr);
        return 1;
    }
    if (!o.window.headless && !has_display()) {
        std::fputs(
            "keukentafel: no display; run headless: keukentafel --headless --vault PATH "
            "--script FILE (see README)\n",
            stderr);
        return 2;
    }
    if (!kt::crypto::init()) return 2;
    auto catalog = kt::i18n::Catalog::open_worker(kt::i18n::default_bundle_dir(), o.lang);
    bool fell_back = false;
    if (!catalog && catalog.error().code == kt::ErrorCode::usage) {
        // A kiosk that boots into nothing helps nobody: an unknown language falls back to
        // Dutch, said on stderr (with the value given) and on the first screen.
        catalog = kt::i18n::Catalog::open_worker(kt::i18n::default_bundle_dir(), "nl");
        fell_back = catalog.ok();
        if (fell_back)
            std::fprintf(stderr, "keukentafel: --lang %s: %s\n", o.lang.c_str(),
                         catalog->tr("first_run.lang_unknown").c_str());
    }
    if (!catalog) {
        std::fprintf(stderr,
                     "keukentafel: taalbestanden ontbreken of zijn beschadigd, of --lang "
                     "onbekend (nl, en); installeer opnieuw. Language files missing "
                     "or damaged, or --lang unknown.\n");
        return 2;
    }
    std::string error;
    auto window = kt::kiosk::Window::create(o.window, error);
    if (!window) {
        std::fprintf(stderr, "keukentafel: %s\n", error.c_str());
        return 2;
    }
    kt::SystemClock system_clock;
    kt::OffsetClock clock(system_clock);
    kt::kiosk::KioskApp app(catalog.value(), clock, o.vault);
    if (fell_back) app.session().note("first_run.lang_unknown");
    kt::ui::keyboard_state().labels = kt::ui::keyboard_labels(catalog.value());
    if (!o.passphrase_file.empty()) unlock_from_file(app, catalog.value(), o.passphrase_file);
    if (o.window.headless) return kt::kiosk::run_script(*window, app, clock, o.script);
    kt::kiosk::run_interactive(*window, app);
    return 0;
}
