// A small RAII wrapper over SQLCipher: Database, Statement, Transaction.
// No sqlite3 type appears here; every failure comes back as an Error value.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "crypto/secret.hpp"
#include "util/result.hpp"

namespace kt::store {

class Statement {
  public:
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_null(int index);

    /// Advances one row: true when a row is ready, false when done.
    /// Errors map SQLite's codes: disk_full, read_only, io, damaged_vault, invalid_state.
    Result<bool> step();
    /// Steps until done (for INSERT/UPDATE/DELETE).
    Status run();
    void reset();

    std::int64_t int64(int column) const;
    std::string text(int column) const;
    /// The text of a column without a copy: valid until the next step, reset or text_view
    /// of the same column.
    std::string_view text_view(int column) const;
    bool is_null(int column) const;
    /// Whether the column holds an INTEGER (int64 reads it without a text conversion).
    bool is_integer(int column) const;

  private:
    friend class Database;
    struct Impl;
    explicit Statement(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

class Database {
  public:
    enum class Mode { open_existing, create_new };

    /// Opens a file; `open_existing` never creates one. Errors: not_found, io, read_only.
    static Result<Database> open(const std::filesystem::path& path, Mode mode);

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    /// Hands SQLCipher a raw key spec ("x'<64 hex>'", 67 bytes). Nothing is read yet.
    /// Errors: usage for anything but the raw form (an empty key, a passphrase).
    Status key(const crypto::SecretBytes& keyspec);
    /// Runs SQL without results (several statements allowed). Never pass untrusted SQL.
    /// ATTACH, DETACH, sqlcipher_export, the key pragmas and temp_store other than MEMORY are
    /// refused on every connection (usage): no plaintext copy can be made through here.
    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    /// First column of the first row as text ("" when no row): for PRAGMA reads.
    Result<std::string> query_text(std::string_view sql);
    Result<std::int64_t> query_int(std::string_view sql);
    std::int64_t changes() const;
    /// True between BEGIN and COMMIT/ROLLBACK.
    bool in_transaction() const;
    /// Copies this database page by page into `dest` (SQLite's backup API) as one consistent
    /// snapshot. `dest` must be keyed with the same key and settings. Errors: storage errors.
    Status copy_to(Database& dest);
    void close();

  private:
    struct Impl;
    explicit Database(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted.
class Transaction {
  public:
    static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Status commit();

  private:
    explicit Transaction(Database& db) : m_db(&db) {}
    Database* m_db;
};

/// Maps a SQLite result code to our error codes.
ErrorCode error_code_from_sqlite(int rc);

}  // namespace kt::store
