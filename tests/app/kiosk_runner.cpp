#include "kiosk_runner.hpp"

#include <map>

#include <catch2/catch.hpp>

#include "store/settings.hpp"

namespace kt::test {

namespace {
void append_line(std::string& text, const std::string& line);
}

DemoVault::DemoVault(bool with_pin) {
    use_fast_kdf_for_children();
    write_bytes(passphrase, std::string(kPassphrase) + "\n");
    const auto r = run_program({"keukentafel-cli", "demo", "--vault", vault.string(),
                                "--passphrase-file", passphrase.string()});
    REQUIRE(r.exit_code == 0);
    if (with_pin) return;
    auto opened = open_demo(*this);
    auto settings = store::load_settings(opened.db());
    REQUIRE(settings.ok());
    settings->pin_hash.clear();
    REQUIRE(store::save_settings(opened.db(), settings.value()).ok());
}

ProcessResult run_kiosk(const DemoVault& v, const std::vector<std::string>& lines,
                        const std::vector<std::string>& extra, bool unlock) {
    const fs::path script = v.dir / "script.txt";
    std::string text;
    for (const auto& l : lines)
        append_line(text, l);
    write_bytes(script, text);
    std::vector<std::string> args = {"keukentafel", "--headless", "--vault", v.vault.string()};
    if (unlock) args.insert(args.end(), {"--passphrase-file", v.passphrase.string()});
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), {"--script", script.string()});
    return run_program(args, {{"SDL_VIDEODRIVER", "offscreen"}});
}

namespace {

// find-client "QUERY" "ROW" -> four script lines.
void append_line(std::string& text, const std::string& line) {
    const std::string prefix = "find-client \"";
    if (line.rfind(prefix, 0) != 0) {
        text += line + "\n";
        return;
    }
    const auto q_end = line.find('"', prefix.size());
    const std::string query = line.substr(prefix.size(), q_end - prefix.size());
    const auto r_start = line.find('"', q_end + 1) + 1;
    const std::string row = line.substr(r_start, line.rfind('"') - r_start);
    text += "tap-text \"Zoek op naam\"\ntype \"" + query + "\"\ntap-text \"Klaar\"\ntap-text \"" +
            row + "\"\n";
}

}  // namespace

const i18n::Catalog& dutch() {
    static const i18n::Catalog cat = [] {
        auto c = i18n::Catalog::open(i18n_dir(), "nl");
        REQUIRE(c.ok());
        return std::move(c.value());
    }();
    return cat;
}

store::Vault open_demo(const DemoVault& v) {
    auto pw = read_bytes(v.passphrase);
    pw.pop_back();  // newline
    auto vault = store::Vault::open(v.vault, pw);
    REQUIRE(vault.ok());
    return std::move(vault.value());
}

const i18n::Catalog& catalog(const char* locale) {
    static std::map<std::string, i18n::Catalog> open;
    auto it = open.find(locale);
    if (it == open.end()) {
        auto c = i18n::Catalog::open(i18n_dir(), locale);
        REQUIRE(c.ok());
        it = open.emplace(locale, std::move(c.value())).first;
    }
    return it->second;
}

std::string tap(const std::string& label) {
    return "tap-text \"" + label + "\"";
}

std::string expect(const std::string& text) {
    return "expect-text \"" + text + "\"";
}

}  // namespace kt::test
