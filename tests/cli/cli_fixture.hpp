// What every keukentafel-cli test starts from: a temp dir with a passphrase file where the
// vault goes, a way to run the program, and the catalog's words to compare its output with.
#pragma once

#include <catch2/catch.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "i18n/catalog.hpp"
#include "support/test_support.hpp"

namespace kt::test {

inline constexpr const char* kCliPass = kt::test::kPassphrase;

struct CliVault {
    TempDir dir;
    fs::path vault = dir / "kluis.ktv";
    fs::path pass_file;

    explicit CliVault(const char* pass_name = "wachtwoord.txt") : pass_file(dir / pass_name) {
        use_fast_kdf_for_children();
        write_bytes(pass_file, std::string(kCliPass) + "\n");
    }
    /// keukentafel-cli with these arguments, stdin from `in`.
    static ProcessResult cli(std::vector<std::string> args, const fs::path& in = "/dev/null") {
        args.insert(args.begin(), "keukentafel-cli");
        return run_program(args, {}, in);
    }
    /// `demo` into `vault` with `pass_file`; the test stops if it fails.
    void make_demo() const {
        const auto r =
            cli({"demo", "--vault", vault.string(), "--passphrase-file", pass_file.string()});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
};

/// The catalog's message for `key` in `locale`, as the CLI prints it (one line).
inline std::string cli_text(
    const char* locale, const char* key,
    std::initializer_list<std::pair<std::string_view, i18n::Arg>> args = {}) {
    auto cat = i18n::Catalog::open(i18n_dir(), locale);
    REQUIRE(cat.ok());
    return (args.size() == 0 ? cat->tr(key) : cat->format(key, args)) + "\n";
}

}  // namespace kt::test
