#include "store/database.hpp"

#include <sqlite3.h>

#include <utility>

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
        default:
            return ErrorCode::internal;
    }
}

namespace {

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
    std::string detail(what);
    detail += ": ";
    detail += sqlite3_errstr(rc);
    if (db != nullptr) {
        // errmsg names tables/columns at most; our statements never embed values.
        detail += " (";
        detail += sqlite3_errmsg(db);
        detail += ")";
    }
    return make_error(error_code_from_sqlite(rc), std::move(detail));
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

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_impl->stmt, column) == SQLITE_NULL;
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
    auto impl = std::make_unique<Impl>();
    const int rc = sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(impl->db, rc, "open");
    sqlite3_extended_result_codes(impl->db, 1);
    return Database(std::move(impl));
}

Status Database::key(const crypto::SecretBytes& keyspec) {
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
