// Argon2id key derivation (libsodium crypto_pwhash) for the vault key.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "crypto/secret.hpp"
#include "util/result.hpp"

namespace kt::crypto {

inline constexpr std::size_t kSaltSize = 16;
inline constexpr std::size_t kKeySize = 32;
using Salt = std::array<std::uint8_t, kSaltSize>;

struct KdfParams {
    std::uint64_t ops = 0;        // Argon2id passes
    std::uint64_t mem_bytes = 0;  // memory cost

    /// The floor for real vaults: 3 passes, 256 MiB (security-tests.md §3.1.4, T-12).
    static KdfParams production() { return {3, 256ull << 20}; }
    /// libsodium's minimum; only for tests (KT_TEST_HOOKS builds).
    static KdfParams test_fast() { return {1, 8192}; }
    bool meets_production_floor() const {
        return ops >= production().ops && mem_bytes >= production().mem_bytes;
    }
};

/// Parameters for a vault created now: production, unless this is a KT_TEST_HOOKS build
/// and KEUKENTAFEL_TEST_FAST_KDF=1 is set (release builds ignore the variable).
KdfParams params_for_new_vault();

Salt random_salt();

/// Derives the 32-byte vault key. Errors: usage (params out of libsodium's range),
/// internal (out of memory for Argon2id).
Result<SecretBytes> derive_key(std::string_view passphrase, const Salt& salt, const KdfParams& p);

/// SQLCipher's raw-key form "x'<64 hex>'" (exactly 67 bytes), kept in secure memory.
SecretBytes raw_keyspec(const SecretBytes& key);

}  // namespace kt::crypto
