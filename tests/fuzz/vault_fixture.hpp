// The fixed test vault of the vault-open fuzz target (T-11), made by make_fixtures.cpp.
#pragma once

#include <string_view>

namespace kt::fuzz {

/// The passphrase of fixtures/vault/fuzz.kt (fast KDF parameters; a test key, nothing real).
inline constexpr std::string_view kFuzzPassphrase = "vaste-testsleutel-alleen-voor-fuzzing";
/// Separates the key file from the vault's first pages in a vault_open_fuzz input.
inline constexpr std::string_view kPagesSeparator = "\n--first-pages--\n";

}  // namespace kt::fuzz
