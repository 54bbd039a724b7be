// The key file beside each vault ("<vault>.key"), version 2: the KDF parameters, the salt and
// the vault's random data key (DEK) wrapped with XChaCha20-Poly1305 under the Argon2id key of
// the passphrase (the KEK). SQLCipher is keyed with the DEK, so a passphrase change re-wraps
// the DEK and never re-encrypts the vault. Holds nothing personal and no key in the clear.
#pragma once

#include <array>
#include <filesystem>
#include <string_view>

#include "crypto/kdf.hpp"
#include "util/result.hpp"

namespace kt::crypto {

inline constexpr int kKeyFileVersion = 2;
inline constexpr std::size_t kDataKeySize = 32;
inline constexpr std::size_t kWrapNonceSize = 24;                  // XChaCha20-Poly1305 nonce
inline constexpr std::size_t kWrappedKeySize = kDataKeySize + 16;  // + Poly1305 tag

struct KeyFile {
    int version = kKeyFileVersion;
    KdfParams params;
    Salt salt{};
    std::array<std::uint8_t, kWrapNonceSize> nonce{};
    std::array<std::uint8_t, kWrappedKeySize> wrapped_key{};
};

std::filesystem::path key_file_path(const std::filesystem::path& vault);

/// A new random data key (32 bytes from libsodium's generator) in secure memory.
SecretBytes random_data_key();

/// Wraps `dek` under the Argon2id key of `passphrase` with a fresh salt and nonce. The KDF
/// parameters, salt and version are bound to the ciphertext as associated data, so editing
/// them fails the unwrap. Errors: usage (empty passphrase, bad parameters), internal.
Result<KeyFile> wrap_data_key(const SecretBytes& dek, std::string_view passphrase,
                              const KdfParams& params);

/// Derives the KEK and unwraps the DEK. Errors: wrong_passphrase (the tag does not verify),
/// usage (parameters out of range), internal.
Result<SecretBytes> unwrap_data_key(const KeyFile& kf, std::string_view passphrase);

/// Reads and validates a key file. Errors: not_a_vault (missing, or not our header, including
/// an old version 1 file), damaged_vault (our header, but a field is missing or malformed or
/// the checksum does not match), io.
Result<KeyFile> read_key_file(const std::filesystem::path& path);

/// Writes crash-safe (temp file, fsync, rename, directory fsync), mode 0600, with a checksum
/// line that tells random damage apart from a wrong passphrase. Errors: io, disk_full,
/// read_only.
Status write_key_file(const std::filesystem::path& path, const KeyFile& kf);

}  // namespace kt::crypto
