// Vault administration: passphrase change (re-wraps the data key, never re-encrypts) and
// encrypted backup copies. The same calls serve the CLI and the kiosk's settings screen.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "store/vault.hpp"

namespace kt::store {

/// Re-wraps the vault's data key under `new_passphrase` with a fresh salt and the KDF cost of
/// a new vault, and writes the key file crash-safe (temp file, fsync, rename, directory fsync):
/// a crash at any point leaves exactly one of the two passphrases working. Appends a
/// passphrase_changed audit row. The vault file itself is not rewritten.
/// Errors: usage (empty new passphrase), and those of Vault::unlock_data_key and
/// Vault::open_with_data_key (wrong_passphrase for a wrong old passphrase), io, disk_full,
/// read_only.
Status change_passphrase(const std::filesystem::path& vault, std::string_view old_passphrase,
                         std::string_view new_passphrase);
/// The same with explicit KDF parameters and clock (tests, and a kiosk with a fake clock).
Status change_passphrase(const std::filesystem::path& vault, std::string_view old_passphrase,
                         std::string_view new_passphrase, const crypto::KdfParams& params,
                         std::int64_t now);

/// Writes an encrypted, consistent copy of an open vault to `out` with SQLite's backup API
/// (one snapshot while other connections keep writing), keyed with the same data key, and
/// copies the key file beside it as "<out>.key": the copy opens with the same passphrase.
/// The copy is verified (quick_check) before it is kept; on failure nothing is left at `out`.
/// Appends a backup audit row to the source. Errors: already_exists (`out` or "<out>.key" is
/// there; never overwritten), usage (a data key that does not open `source`), io, disk_full,
/// read_only, damaged_vault.
Status backup_vault(Vault& source, const crypto::SecretBytes& dek, const std::filesystem::path& out,
                    std::int64_t now);

}  // namespace kt::store
