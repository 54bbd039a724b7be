// Vault: the worker's encrypted store (SQLCipher 3.4.1 keyed with a raw Argon2id key).
#pragma once

#include <filesystem>
#include <string_view>

#include "crypto/kdf.hpp"
#include "store/database.hpp"

namespace kt::store {

/// Counts for `check`: never personal data.
struct VaultCounts {
    std::int64_t clients = 0;
    std::int64_t assessments = 0;
    std::int64_t scores = 0;
};

class Vault {
  public:
    /// Creates a new vault and its key file. Refuses (already_exists) when either file is
    /// there. On failure nothing is left behind. Errors: already_exists, io, disk_full,
    /// read_only, usage.
    static Result<Vault> create(const std::filesystem::path& path, std::string_view passphrase,
                                const crypto::KdfParams& params);

    /// Opens an existing vault. A wrong passphrase or a foreign file leaves every file
    /// byte-for-byte unchanged. Errors: not_found, not_a_vault (no key file, empty, plain
    /// SQLite, foreign), wrong_passphrase, damaged_vault, invalid_state (newer schema), io.
    static Result<Vault> open(const std::filesystem::path& path, std::string_view passphrase);

    Database& db() { return m_db; }
    const std::filesystem::path& path() const { return m_path; }

    /// Full scan: PRAGMA integrity_check plus reading every row of every table.
    /// Errors: damaged_vault, io.
    Result<VaultCounts> check();

    /// Moves everything in the WAL into the main file and truncates the WAL to 0 bytes,
    /// so nothing finished lives only in the WAL.
    Status checkpoint();

    void close() { m_db.close(); }

  private:
    Vault(std::filesystem::path path, Database db) : m_path(std::move(path)), m_db(std::move(db)) {}
    std::filesystem::path m_path;
    Database m_db;
};

/// The SQLCipher settings pinned on every open; exposed so tests can assert them.
inline constexpr int kCipherPageSize = 4096;
inline constexpr std::int64_t kApplicationId = 0x4B544146;  // "KTAF"

}  // namespace kt::store
