#include "sqlite_backend.hpp"

#include <array>
#include <charconv>
#include <mutex>
#include <system_error>
#include <type_traits>

#include "crypto/raw_key_file.hpp"
#include "store/database.hpp"
#include "store/vault.hpp"

namespace kt::receiver {

namespace fs = std::filesystem;
using store::Database;

namespace {

// A result cell as text: NULL as no value, an INTEGER written into `number`, anything else
// SQLite's own text (valid until the next step).
CellView cell(const store::Statement& st, int column, std::array<char, 24>& number) {
    if (st.is_null(column)) return {};
    if (st.is_integer(column)) {
        const auto r =
            std::to_chars(number.data(), number.data() + number.size(), st.int64(column));
        return std::string_view(number.data(), std::size_t(r.ptr - number.data()));
    }
    return st.text_view(column);
}

// Our statements are written with PostgreSQL's $n; SQLite reads ?n as the same position.
std::string to_sqlite(std::string_view sql) {
    std::string out(sql);
    for (char& ch : out)
        if (ch == '$') ch = '?';
    return out;
}

// SQLite reports every constraint as SQLITE_CONSTRAINT (invalid_state); the UNIQUE and
// PRIMARY KEY ones become kUniqueViolation like PostgreSQL's 23505.
Error map_error(Error e) {
    if (e.code == ErrorCode::invalid_state &&
        e.detail.find("UNIQUE constraint") != std::string::npos)
        e.code = kUniqueViolation;
    return e;
}

class SqliteConnection final : public SqlConnection {
  public:
    explicit SqliteConnection(Database db) : m_db(std::move(db)) {}

    Result<Rows> query(std::string_view sql, const Params& params, int columns) override {
        auto st = prepare(sql, params);
        if (!st) return st.error();
        Rows rows;
        for (;;) {
            auto more = st->step();
            if (!more) return map_error(more.error());
            if (!more.value()) return rows;
            Row row;
            for (int i = 0; i < columns; ++i)
                row.push_back(st->is_null(i) ? Cell() : Cell(st->text(i)));
            rows.push_back(std::move(row));
        }
    }

    Result<std::int64_t> execute(std::string_view sql, const Params& params) override {
        auto st = prepare(sql, params);
        if (!st) return st.error();
        if (auto s = st->run(); !s) return map_error(s.error());
        return m_db.changes();
    }

    Status stream(std::string_view sql, int columns, const RowSink& sink) override {
        auto st = m_db.prepare(sql);
        if (!st) return st.error();
        std::vector<CellView> cells(static_cast<std::size_t>(columns));
        // Integers are written here (asking SQLite for their text would make it allocate
        // one string per cell).
        std::vector<std::array<char, 24>> numbers(static_cast<std::size_t>(columns));
        for (;;) {
            auto more = st->step();
            if (!more) return map_error(more.error());
            if (!more.value()) return {};
            for (int i = 0; i < columns; ++i)
                cells[std::size_t(i)] = cell(st.value(), i, numbers[std::size_t(i)]);
            if (!sink(cells.data())) return {};
        }
    }

    Status insert_rows(std::string_view target, std::size_t width, std::size_t count,
                       const std::function<void(std::size_t, Params&)>& add) override {
        std::string sql = "INSERT INTO " + std::string(target) + " VALUES (";
        for (std::size_t c = 1; c <= width; ++c)
            sql += (c > 1 ? ", ?" : "?") + std::to_string(c);
        sql += ")";
        auto st = m_db.prepare(sql);
        if (!st) return st.error();
        Params params;
        params.reserve(width);
        for (std::size_t i = 0; i < count; ++i) {
            params.clear();
            add(i, params);
            bind_all(st.value(), params);
            if (auto s = st->run(); !s) return map_error(s.error());
            st->reset();
        }
        return {};
    }

    Status script(std::string_view sql) override {
        if (auto s = m_db.exec(sql); !s) return map_error(s.error());
        return {};
    }

    const char* begin_sql() const override { return "BEGIN IMMEDIATE"; }

    Database& db() { return m_db; }

  private:
    Result<store::Statement> prepare(std::string_view sql, const Params& params) {
        auto st = m_db.prepare(to_sqlite(sql));
        if (!st) return st.error();
        bind_all(st.value(), params);
        return std::move(st.value());
    }

    static void bind_all(store::Statement& st, const Params& params) {
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int at = static_cast<int>(i) + 1;
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::nullptr_t>)
                        st.bind_null(at);
                    else
                        st.bind(at, v);
                },
                params[i]);
        }
    }

    Database m_db;
};

class SqliteLease final : public Lease {
  public:
    SqliteLease(std::mutex& m, SqliteConnection& c) : m_lock(m), m_conn(&c) {}
    SqlConnection& conn() override { return *m_conn; }

  private:
    std::unique_lock<std::mutex> m_lock;
    SqliteConnection* m_conn;
};

class SqliteSource final : public ConnectionSource {
  public:
    explicit SqliteSource(Database db) : m_conn(std::move(db)) {}
    Result<std::unique_ptr<Lease>> acquire() override {
        return std::unique_ptr<Lease>(std::make_unique<SqliteLease>(m_mutex, m_conn));
    }

  private:
    std::mutex m_mutex;
    SqliteConnection m_conn;
};

Result<Database> create_database(const fs::path& path, const fs::path& key_path) {
    std::error_code ec;
    auto key = fs::exists(key_path, ec) ? crypto::read_raw_key_file(key_path)
                                        : crypto::create_raw_key_file(key_path);
    if (!key) return key.error();
    auto db = store::open_keyed_database(path, key.value(), Database::Mode::create_new);
    if (!db) return db.error();
    auto s = db->exec("PRAGMA application_id = " + std::to_string(kReceiverApplicationId));
    if (!s) return s.error();
    return std::move(db.value());
}

Result<Database> open_database(const fs::path& path, const fs::path& key_path) {
    auto key = crypto::read_raw_key_file(key_path);
    if (!key) return key.error();
    auto db = store::open_keyed_database(path, key.value(), Database::Mode::open_existing);
    if (!db) return db.error();
    // The first read checks page 1's HMAC: a wrong key fails here (damaged_vault).
    auto app_id = db->query_int("PRAGMA application_id");
    if (!app_id) return app_id.error();
    if (app_id.value() != kReceiverApplicationId)
        return make_error(ErrorCode::not_a_vault, "not a receiver database");
    return std::move(db.value());
}

}  // namespace

Result<std::unique_ptr<ConnectionSource>> open_sqlite_source(const fs::path& path,
                                                             const fs::path& key_path) {
    if (path.empty() || key_path.empty())
        return make_error(ErrorCode::usage, "SQLite path and key file are required");
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    auto db = exists ? open_database(path, key_path) : create_database(path, key_path);
    if (!db) return db.error();
    if (auto s = store::apply_session_settings(db.value()); !s) return s.error();
    // 64 MiB of page cache (SQLite's default is 2 MiB): the primary key indexes of a million
    // assessments stay in memory while a bulk fill inserts in random key order.
    if (auto s = db->exec("PRAGMA cache_size = -65536"); !s) return s.error();
    return std::unique_ptr<ConnectionSource>(std::make_unique<SqliteSource>(std::move(db.value())));
}

}  // namespace kt::receiver
