// Helpers for the headless kiosk tests: a demo vault in a temp dir and a script runner.
#pragma once

#include <string>
#include <vector>

#include "i18n/catalog.hpp"
#include "support/test_support.hpp"

namespace kt::test {

/// A demo vault (fast KDF) with its passphrase file, in its own temp dir.
struct DemoVault {
    TempDir dir;
    fs::path vault = dir / "demo.kt";
    fs::path passphrase = dir / "pw";
    /// With the demo PIN (store::kDemoPin), or without a PIN as a vault before first unlock.
    explicit DemoVault(bool with_pin = true);
};

/// Runs `keukentafel --headless --vault V --passphrase-file P --script S` with the lines as
/// the script. A line `find-client "QUERY" "ROW"` (this runner's, not the program's) becomes
/// what a worker does: tap the search field, type QUERY, close the keyboard, tap ROW.
/// Extra arguments (e.g. --dpi) go before the script.
ProcessResult run_kiosk(const DemoVault& v, const std::vector<std::string>& lines,
                        const std::vector<std::string>& extra = {}, bool unlock = true);

/// The Dutch catalog of this build (for descriptor texts to tap).
const i18n::Catalog& dutch();
/// The catalog of `locale` in this build, opened once.
const i18n::Catalog& catalog(const char* locale);

/// Script lines: `tap-text "LABEL"` and `expect-text "TEXT"`.
std::string tap(const std::string& label);
std::string expect(const std::string& text);

/// Opens the demo vault in-process.
store::Vault open_demo(const DemoVault& v);

}  // namespace kt::test
