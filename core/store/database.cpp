#include "store/database.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#ifdef KT_TEST_HOOKS
#include "store/fault_vfs.hpp"
#endif

namespace kt::store {

ErrorCode error_code_from_sqlite(int rc) {
    switch (rc & 0xFF) {
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT:
            return ErrorCode::damaged_vault;
        case SQLITE_FULL:
            return ErrorCode::disk_full;
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return ErrorCode::read_only;
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
            return ErrorCode::io;
        case SQLITE_CONSTRAINT:
            return ErrorCode::invalid_state;
        case SQLITE_AUTH:
            return ErrorCode::usage;  // refused by our authorizer (see vault_authorizer)
        default:
            return ErrorCode::internal;
    }
}

namespace {

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
    // A function refused by the authorizer comes back as a plain SQLITE_ERROR.
    if (db != nullptr && std::strncmp(sqlite3_errmsg(db), "not authorized", 14) == 0)
        rc = SQLITE_AUTH;
    // SQLite says SQLITE_FULL only for a failed write to the database or WAL; growing the
    // shared-memory file or a sync on a full disk is an I/O error whose errno is ENOSPC.
    const bool no_space =
        db != nullptr && (rc & 0xFF) == SQLITE_IOERR && sqlite3_system_errno(db) == ENOSPC;
    std::string detail(what);
    detail += ": ";
    detail += sqlite3_errstr(rc);
    if (db != nullptr) {
        // errmsg names tables/columns at most; our statements never embed values.
        detail += " (";
        detail += sqlite3_errmsg(db);
        detail += ")";
    }
    return make_error(no_space ? ErrorCode::disk_full : error_code_from_sqlite(rc),
                      std::move(detail));
}

bool equals(const char* a, const char* b) {
    return a != nullptr && sqlite3_stricmp(a, b) == 0;
}

// Every statement passes here. Refused: ATTACH/DETACH and sqlcipher_export (the ways to copy
// the vault into a plaintext file), the key pragmas (PRAGMA rekey = '' would decrypt the vault
// in place) and temp_store other than MEMORY (temp files are not encrypted in SQLCipher 3.4.1,
// security-tests.md finding 1). Our code needs none of them; backups use the backup API.
int vault_authorizer(void*, int action, const char* a3, const char* a4, const char*, const char*) {
    switch (action) {
        // VACUUM (the retention purge, T-36) attaches '' as vacuum_db: a private temporary
        // database, kept in memory under temp_store = MEMORY and keyed like the vault, so it is
        // no way out. Every named file stays refused.
        case SQLITE_ATTACH:
            return a3 != nullptr && a3[0] == '\0' ? SQLITE_OK : SQLITE_DENY;
        case SQLITE_DETACH:
            return equals(a3, "vacuum_db") ? SQLITE_OK : SQLITE_DENY;
        case SQLITE_FUNCTION:
            return equals(a4, "sqlcipher_export") ? SQLITE_DENY : SQLITE_OK;
        case SQLITE_PRAGMA:
            for (const char* p : {"key", "rekey", "hexkey", "hexrekey", "textkey", "textrekey"})
                if (equals(a3, p)) return SQLITE_DENY;
            if (equals(a3, "temp_store") && a4 != nullptr && !equals(a4, "memory") &&
                !equals(a4, "2"))
                return SQLITE_DENY;
            return SQLITE_OK;
        default:
            return SQLITE_OK;
    }
}

// "x'" + 64 lower-case hex digits + "'": SQLCipher's raw-key form. Anything else would be
// run through SQLCipher's own (weak, 3.x) passphrase KDF, or be no key at all.
bool is_raw_keyspec(std::string_view spec) {
    if (spec.size() != 67 || spec.substr(0, 2) != "x'" || spec.back() != '\'') return false;
    return spec.substr(2, 64).find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

// ---- Statement ----

struct Statement::Impl {
    sqlite3* db = nullptr;
    sqlite3_stmt* stmt = nullptr;
    ~Impl() { sqlite3_finalize(stmt); }
};

Statement::Statement(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(Statement&&) noexcept = default;
Statement::~Statement() = default;

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_impl->stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(m_impl->stmt, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(m_impl->stmt, index);
    return *this;
}

Result<bool> Statement::step() {
    const int rc = sqlite3_step(m_impl->stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(m_impl->db, rc, "step");
}

Status Statement::run() {
    for (;;) {
        auto r = step();
        if (!r) return r.error();
        if (!r.value()) return {};
    }
}

void Statement::reset() {
    sqlite3_reset(m_impl->stmt);
    sqlite3_clear_bindings(m_impl->stmt);
}

std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(m_impl->stmt, column);
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(m_impl->stmt, column);
    const int n = sqlite3_column_bytes(m_impl->stmt, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string();
}

std::string_view Statement::text_view(int column) const {
    const auto* p = sqlite3_column_text(m_impl->stmt, column);
    const int n = sqlite3_column_bytes(m_impl->stmt, column);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string_view();
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_impl->stmt, column) == SQLITE_NULL;
}

bool Statement::is_integer(int column) const {
    return sqlite3_column_type(m_impl->stmt, column) == SQLITE_INTEGER;
}

// ---- Database ----

struct Database::Impl {
    sqlite3* db = nullptr;
    ~Impl() { sqlite3_close_v2(db); }
};

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Result<Database> Database::open(const std::filesystem::path& path, Mode mode) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
    if (mode == Mode::create_new) flags |= SQLITE_OPEN_CREATE;
    const char* vfs = nullptr;  // SQLite's default
#ifdef KT_TEST_HOOKS
    vfs = faults::vfs_for_open();  // the fault-injecting VFS, when a test asked for it
#endif
    auto impl = std::make_unique<Impl>();
    const int rc = sqlite3_open_v2(path.c_str(), &impl->db, flags, vfs);
    if (rc != SQLITE_OK) return sqlite_error(impl->db, rc, "open");
    sqlite3_extended_result_codes(impl->db, 1);
    // Another process (the CLI's backup, a second kiosk window) may hold the write lock for
    // a moment; wait for it instead of failing a tap.
    sqlite3_busy_timeout(impl->db, 5000);
    sqlite3_set_authorizer(impl->db, vault_authorizer, nullptr);
    return Database(std::move(impl));
}

Status Database::key(const crypto::SecretBytes& keyspec) {
    if (!is_raw_keyspec(keyspec.text()))
        return make_error(ErrorCode::usage, "key is not the 67-byte raw key form");
    const int rc = sqlite3_key(m_impl->db, keyspec.data(), static_cast<int>(keyspec.text().size()));
    if (rc != SQLITE_OK) return sqlite_error(m_impl->db, rc, "key");
    return {};
}

Status Database::exec(std::string_view sql) {
    const std::string s(sql);
    const int rc = sqlite3_exec(m_impl->db, s.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(m_impl->db, rc, "exec");
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    auto impl = std::make_unique<Statement::Impl>();
    impl->db = m_impl->db;
    const int rc = sqlite3_prepare_v2(m_impl->db, sql.data(), static_cast<int>(sql.size()),
                                      &impl->stmt, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(m_impl->db, rc, "prepare");
    return Statement(std::move(impl));
}

Result<std::string> Database::query_text(std::string_view sql) {
    auto st = prepare(sql);
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    return row.value() ? st->text(0) : std::string();
}

Result<std::int64_t> Database::query_int(std::string_view sql) {
    auto st = prepare(sql);
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    return row.value() ? st->int64(0) : std::int64_t{0};
}

std::int64_t Database::changes() const {
    return sqlite3_changes(m_impl->db);
}

bool Database::in_transaction() const {
    return sqlite3_get_autocommit(m_impl->db) == 0;
}

Status Database::copy_to(Database& dest) {
    sqlite3_backup* b = sqlite3_backup_init(dest.m_impl->db, "main", m_impl->db, "main");
    if (b == nullptr) {
        const int rc = sqlite3_errcode(dest.m_impl->db);
        return sqlite_error(dest.m_impl->db, rc == SQLITE_OK ? SQLITE_ERROR : rc, "backup init");
    }
    // One step copies every page inside one read transaction: a consistent snapshot, while
    // writers on other connections go on (WAL). A busy source is retried for a few seconds.
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 500; ++attempt) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        ::usleep(10'000);
    }
    const int finish = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) return sqlite_error(dest.m_impl->db, rc, "backup step");
    if (finish != SQLITE_OK) return sqlite_error(dest.m_impl->db, finish, "backup finish");
    return {};
}

void Database::close() {
    m_impl.reset();
}

// ---- Transaction ----

Result<Transaction> Transaction::begin(Database& db) {
    if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return s.error();
    return Transaction(db);
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Transaction::~Transaction() {
    if (m_db != nullptr) (void)m_db->exec("ROLLBACK");
}

Status Transaction::commit() {
    Database* db = std::exchange(m_db, nullptr);
    auto s = db->exec("COMMIT");
    if (!s) (void)db->exec("ROLLBACK");
    return s;
}

}  // namespace kt::store
