// The key file beside each vault ("<vault>.key"): KDF parameters, the per-vault salt and a
// key-check value, so a wrong passphrase is told apart from a damaged vault without ever
// touching the vault file. Holds no key and nothing personal.
#pragma once

#include <array>
#include <filesystem>

#include "crypto/kdf.hpp"
#include "util/result.hpp"

namespace kt::crypto {

inline constexpr std::size_t kKeyCheckSize = 16;

struct KeyFile {
    int version = 1;
    KdfParams params;
    Salt salt{};
    std::array<std::uint8_t, kKeyCheckSize> key_check{};
};

std::filesystem::path key_file_path(const std::filesystem::path& vault);

/// BLAKE2b keyed with the vault key over a fixed label: reveals nothing about the key.
std::array<std::uint8_t, kKeyCheckSize> key_check_value(const SecretBytes& key);

/// Reads and validates a key file. Errors: not_a_vault (missing or not our format), io.
Result<KeyFile> read_key_file(const std::filesystem::path& path);

/// Writes crash-safe (temp file, fsync, rename, directory fsync), mode 0600.
/// Errors: io, disk_full, read_only.
Status write_key_file(const std::filesystem::path& path, const KeyFile& kf);

}  // namespace kt::crypto
