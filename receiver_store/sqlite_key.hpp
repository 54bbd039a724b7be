// The SQLite backend's key file: exactly 32 random bytes, mode 0600, nothing else.
#pragma once

#include <filesystem>

#include "crypto/secret.hpp"
#include "util/result.hpp"

namespace kt::receiver {

inline constexpr std::size_t kStoreKeySize = 32;

/// Creates a new key file (never over an existing one) with 32 bytes from libsodium, fsynced.
/// Errors: already_exists, io, disk_full, read_only.
Result<crypto::SecretBytes> create_store_key(const std::filesystem::path& path);

/// Reads the key. Errors: not_found, usage (wrong size, readable by group or others), io.
Result<crypto::SecretBytes> read_store_key(const std::filesystem::path& path);

}  // namespace kt::receiver
