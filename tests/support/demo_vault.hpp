// The one demo vault of the tests: store::fill_demo's invented clients (van Dijk's intake
// sealed, the others finished, not sealed) at a fixed clock, on disk in its own temp dir with
// its passphrase file, for a program to be started on (kiosk, CLI) or to be opened in process.
#pragma once

#include <cstdint>
#include <string>

#include "store/database.hpp"
#include "store/vault.hpp"
#include "support/test_support.hpp"

namespace kt::test {

struct DemoVault {
    /// The demo's clock (create_demo_vault): 2026-09-21.
    static constexpr std::int64_t kNow = kDemoNow;
    TempDir dir;
    fs::path vault = dir / "demo.kt";
    /// kPassphrase and a newline, as a worker's passphrase file holds it.
    fs::path passphrase = dir / "pw";

    /// With the demo PIN (store::kDemoPin), or without a PIN as a vault before first unlock.
    explicit DemoVault(bool with_pin = true);
    /// The vault opened in this process with kPassphrase. Fails the current test on error.
    store::Vault open() const;
};

/// The id of the only assessment of the demo client with this given name.
std::string demo_assessment_of(store::Database& db, const std::string& given_name);

}  // namespace kt::test
