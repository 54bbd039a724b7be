#include "kiosk_runner.hpp"

#include <catch2/catch.hpp>

namespace kt::test {

namespace {
constexpr const char* kPassphrase = "thee met de buurvrouw";
}

DemoVault::DemoVault() {
    use_fast_kdf_for_children();
    write_bytes(passphrase, std::string(kPassphrase) + "\n");
    const auto r = run_program({"keukentafel-cli", "demo", "--vault", vault.string(),
                                "--passphrase-file", passphrase.string()});
    REQUIRE(r.exit_code == 0);
}

ProcessResult run_kiosk(const DemoVault& v, const std::vector<std::string>& lines,
                        const std::vector<std::string>& extra, bool unlock) {
    const fs::path script = v.dir / "script.txt";
    std::string text;
    for (const auto& l : lines)
        text += l + "\n";
    write_bytes(script, text);
    std::vector<std::string> args = {"keukentafel", "--headless", "--vault", v.vault.string()};
    if (unlock) args.insert(args.end(), {"--passphrase-file", v.passphrase.string()});
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), {"--script", script.string()});
    return run_program(args, {{"SDL_VIDEODRIVER", "offscreen"}});
}

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

}  // namespace kt::test
