// A raw key file: exactly 32 random bytes, mode 0600, nothing else (the receiver's SQLCipher
// store key, the console's TOTP key). Never a symbolic link.
#pragma once

#include <filesystem>

#include "crypto/secret.hpp"
#include "util/result.hpp"

namespace kt::crypto {

inline constexpr std::size_t kRawKeySize = 32;

/// Creates a new key file (O_CREAT | O_EXCL | O_NOFOLLOW, 0600: never over an existing file or
/// through a link) with 32 bytes from libsodium, fsynced with its directory.
/// Errors: already_exists, io, disk_full, read_only.
Result<SecretBytes> create_raw_key_file(const std::filesystem::path& path);

/// Reads the key (O_NOFOLLOW). Errors: not_found, usage (wrong size, readable by group or
/// others, a symbolic link), io.
Result<SecretBytes> read_raw_key_file(const std::filesystem::path& path);

}  // namespace kt::crypto
