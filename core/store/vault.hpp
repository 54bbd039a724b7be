// Vault: the worker's encrypted store. SQLCipher 3.4.1 keyed with a random 32-byte data key
// (DEK) in the raw 67-byte form; the DEK is kept wrapped by the passphrase's Argon2id key in
// the key file beside the vault (crypto/key_file.hpp). Every open verifies the audit chain.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

#include "crypto/kdf.hpp"
#include "crypto/secret.hpp"
#include "store/audit.hpp"
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
    /// Writes what a new vault holds besides the schema (worker, PIN) before it appears.
    using Fill = std::function<Status(Database&)>;

    /// Creates a new vault with a random DEK, its key file and a random actor id for the audit
    /// log, then `fill`s it; missing parent directories are made with mode 0700. Refuses
    /// (already_exists) when the vault or key file is there, and never replaces either. Built
    /// under temporary names and linked into place (store/vault_create.hpp): killed at any
    /// moment it leaves nothing or the complete vault. Errors: already_exists, io, disk_full,
    /// read_only, usage, and those of `fill`.
    static Result<Vault> create(const std::filesystem::path& path, std::string_view passphrase,
                                const crypto::KdfParams& params, const Fill& fill = {});

    /// Reads the key file, derives the passphrase key (Argon2id) and unwraps the DEK. Touches
    /// no file. Errors: not_found, not_a_vault (no key file, empty, plain SQLite, foreign),
    /// wrong_passphrase, damaged_vault (vault size or key file damaged), io.
    static Result<crypto::SecretBytes> unlock_data_key(const std::filesystem::path& vault,
                                                       std::string_view passphrase);

    /// Opens with an already unwrapped DEK (no Argon2id: fast). Verifies the audit chain
    /// (a break is a verdict, see audit_chain_broken; the vault still opens) and appends the
    /// failed unlocks counted in "<vault>.state" as failed_unlock rows. A failed open writes
    /// nothing. Errors: not_found, not_a_vault, damaged_vault, invalid_state (newer schema),
    /// usage (a DEK of the wrong size), io.
    static Result<Vault> open_with_data_key(const std::filesystem::path& vault,
                                            const crypto::SecretBytes& dek);

    /// unlock_data_key + open_with_data_key. A wrong passphrase or a foreign file leaves
    /// every file byte-for-byte unchanged. Errors: those of both.
    static Result<Vault> open(const std::filesystem::path& path, std::string_view passphrase);

    Database& db() { return m_db; }
    const std::filesystem::path& path() const { return m_path; }

    /// Full scan: PRAGMA integrity_check plus reading every row of every table, then the
    /// audit chain again. Errors: damaged_vault, io.
    Result<VaultCounts> check();

    /// Moves everything in the WAL into the main file and truncates the WAL to 0 bytes,
    /// so nothing finished lives only in the WAL.
    Status checkpoint();

    /// True when the audit chain was found broken (a row deleted, altered or reordered).
    bool audit_chain_broken() const { return m_audit.broken; }
    /// The first audit row that does not fit (0 when intact): for "broken at row N".
    std::int64_t audit_break_seq() const { return m_audit.seq; }
    /// A short developer-English description of the break ("" when intact).
    const std::string& audit_break() const { return m_audit.what; }

    void close() { m_db.close(); }

  private:
    Vault(std::filesystem::path path, Database db) : m_path(std::move(path)), m_db(std::move(db)) {}
    Status verify_audit();
    void audit_failed_unlocks();

    std::filesystem::path m_path;
    Database m_db;
    AuditVerdict m_audit;
};

/// Opens `path` as a SQLCipher database keyed with `dek` and the pinned cipher settings;
/// nothing is read yet (for the vault and its backup copies). Errors: not_found, io, usage.
Result<Database> open_keyed_database(const std::filesystem::path& path,
                                     const crypto::SecretBytes& dek, Database::Mode mode);

/// The pinned session settings (WAL, full sync, temp data in memory only, foreign keys, secure
/// delete), read back because SQLCipher 3.4.1 ignores unknown pragmas silently. For the vault
/// and every other SQLCipher file of ours (the receiver's store). Errors: internal, storage.
Status apply_session_settings(Database& db);

/// The SQLCipher settings pinned on every open; exposed so tests can assert them.
inline constexpr int kCipherPageSize = 4096;
inline constexpr std::int64_t kApplicationId = 0x4B544146;  // "KTAF"

}  // namespace kt::store
