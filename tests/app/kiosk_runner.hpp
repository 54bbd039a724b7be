// Helpers for the headless kiosk tests: a script runner on the demo vault and the catalogs.
#pragma once

#include <string>
#include <vector>

#include "i18n/catalog.hpp"
#include "support/demo_vault.hpp"
#include "support/test_support.hpp"

namespace kt::test {

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

}  // namespace kt::test
