#include "postgres_backend.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace kt::receiver {

namespace {

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnDeleter {
    void operator()(PGconn* c) const { PQfinish(c); }
};
using PgConnPtr = std::unique_ptr<PGconn, ConnDeleter>;

// SQLSTATE classes: 23505 unique violation, 23 other constraints, 08 connection trouble.
// The primary message names constraints, never values (those are in DETAIL, left out).
Error pg_error(PGconn* conn, const PGresult* r) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string detail = "postgres: ";
    detail += primary ? primary : PQerrorMessage(conn);
    if (state == nullptr || PQstatus(conn) != CONNECTION_OK)
        return make_error(ErrorCode::io, std::move(detail));
    if (std::strcmp(state, "23505") == 0) return make_error(kUniqueViolation, std::move(detail));
    if (std::strncmp(state, "23", 2) == 0 || std::strcmp(state, "40001") == 0 ||
        std::strcmp(state, "40P01") == 0)
        return make_error(ErrorCode::invalid_state, std::move(detail));
    if (std::strncmp(state, "08", 2) == 0) return make_error(ErrorCode::io, std::move(detail));
    if (std::strcmp(state, "53100") == 0)
        return make_error(ErrorCode::disk_full, std::move(detail));
    return make_error(ErrorCode::internal, std::move(detail));
}

// One line of COPY's text format: fields split by tabs, \N for NULL, backslash escapes
// (\b \f \n \r \t \v, \\, octal \ddd and \xhh) decoded into a buffer per column.
class CopyLine {
  public:
    explicit CopyLine(int columns)
        : m_cells(std::size_t(columns)), m_decoded(std::size_t(columns)) {}

    /// False when the line has another number of fields.
    bool parse(std::string_view line) {
        if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
        for (std::size_t i = 0; i < m_cells.size(); ++i) {
            const auto tab = line.find('\t');
            if ((tab == std::string_view::npos) != (i + 1 == m_cells.size())) return false;
            set(i, line.substr(0, tab));
            line.remove_prefix(tab == std::string_view::npos ? line.size() : tab + 1);
        }
        return true;
    }
    const CellView* cells() const { return m_cells.data(); }

  private:
    void set(std::size_t i, std::string_view field) {
        if (field == "\\N") {
            m_cells[i].reset();
        } else if (field.find('\\') == std::string_view::npos) {
            m_cells[i] = field;
        } else {
            decode(field, m_decoded[i]);
            m_cells[i] = std::string_view(m_decoded[i]);
        }
    }

    static int digit(char c, int base) {
        if (c >= '0' && c <= '9' && c - '0' < base) return c - '0';
        if (base == 16 && c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (base == 16 && c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    static void decode(std::string_view in, std::string& out) {
        out.clear();
        for (std::size_t i = 0; i < in.size(); ++i) {
            if (in[i] != '\\' || i + 1 == in.size()) {
                out += in[i];
                continue;
            }
            const char c = in[++i];
            const int base = c == 'x' ? 16 : digit(c, 8) >= 0 ? 8 : 0;
            if (base == 0) {
                const char* plain = "b\bf\fn\nr\rt\tv\v";
                const char* at = nullptr;
                for (const char* p = plain; *p; p += 2)
                    if (*p == c) at = p;
                out += at ? at[1] : c;
                continue;
            }
            int value = 0, used = 0;
            std::size_t j = base == 16 ? i + 1 : i;
            for (; j < in.size() && used < (base == 16 ? 2 : 3) && digit(in[j], base) >= 0; ++j)
                value = value * base + digit(in[j], base), ++used;
            out += char(value);
            i = j - 1;
        }
    }

    std::vector<CellView> m_cells;
    std::vector<std::string> m_decoded;
};

// A value in COPY's text format: \N for NULL, backslash, tab, CR and LF escaped.
void append_copy_value(std::string& out, const Param& p) {
    if (std::holds_alternative<std::nullptr_t>(p)) {
        out += "\\N";
        return;
    }
    if (const auto* i = std::get_if<std::int64_t>(&p)) {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, *i);
        out.append(buf, r.ptr);
        return;
    }
    for (char c : std::get<std::string>(p)) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
}

std::string param_text(const Param& p) {
    if (const auto* i = std::get_if<std::int64_t>(&p)) return std::to_string(*i);
    if (const auto* s = std::get_if<std::string>(&p)) return *s;
    return {};
}

class PgConnection final : public SqlConnection {
  public:
    explicit PgConnection(PgConnPtr conn) : m_conn(std::move(conn)) {}

    Result<Rows> query(std::string_view sql, const Params& params, int columns) override {
        auto r = run(sql, params);
        if (!r) return r.error();
        Rows rows;
        const int n = PQntuples(r->get());
        const int have = PQnfields(r->get());
        for (int i = 0; i < n; ++i) {
            Row row;
            for (int j = 0; j < columns; ++j) {
                if (j >= have || PQgetisnull(r->get(), i, j))
                    row.emplace_back();
                else
                    row.emplace_back(
                        std::string(PQgetvalue(r->get(), i, j),
                                    static_cast<std::size_t>(PQgetlength(r->get(), i, j))));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    Result<std::int64_t> execute(std::string_view sql, const Params& params) override {
        auto r = run(sql, params);
        if (!r) return r.error();
        const char* tuples = PQcmdTuples(r->get());
        std::int64_t n = 0;
        std::from_chars(tuples, tuples + std::strlen(tuples), n);
        return n;
    }

    Status stream(std::string_view sql, int columns, const RowSink& sink) override {
        const std::string copy = "COPY (" + std::string(sql) + ") TO STDOUT";
        PgResult r(PQexec(m_conn.get(), copy.c_str()));
        if (!r || PQresultStatus(r.get()) != PGRES_COPY_OUT) return pg_error(m_conn.get(), r.get());
        CopyLine line(columns);
        bool more = true, malformed = false;
        for (;;) {
            char* data = nullptr;
            const int n = PQgetCopyData(m_conn.get(), &data, 0);
            if (n < 0) break;
            // After the sink stopped, the rest is read and dropped: the connection goes back
            // to the pool ready for the next statement.
            if (more && !malformed) {
                malformed = !line.parse(std::string_view(data, std::size_t(n)));
                more = malformed || sink(line.cells());
            }
            PQfreemem(data);
        }
        Status status;
        while (PGresult* end = PQgetResult(m_conn.get())) {
            PgResult owned(end);
            if (status && PQresultStatus(end) != PGRES_COMMAND_OK)
                status = pg_error(m_conn.get(), end);
        }
        if (status && malformed)
            return make_error(ErrorCode::internal, "postgres: a COPY row of another form");
        return status;
    }

    Status insert_rows(std::string_view target, std::size_t width, std::size_t count,
                       const std::function<void(std::size_t, Params&)>& add) override {
        const std::string copy = "COPY " + std::string(target) + " FROM STDIN";
        PgResult r(PQexec(m_conn.get(), copy.c_str()));
        if (!r || PQresultStatus(r.get()) != PGRES_COPY_IN) return pg_error(m_conn.get(), r.get());
        std::string buf;
        Params params;
        bool sent = true;
        for (std::size_t i = 0; i < count && sent; ++i) {
            params.clear();
            add(i, params);
            for (std::size_t c = 0; c < width && c < params.size(); ++c) {
                if (c > 0) buf += '\t';
                append_copy_value(buf, params[c]);
            }
            buf += '\n';
            if (buf.size() >= (1u << 20) || i + 1 == count) {
                sent = PQputCopyData(m_conn.get(), buf.data(), int(buf.size())) == 1;
                buf.clear();
            }
        }
        const bool ended = PQputCopyEnd(m_conn.get(), sent ? nullptr : "send failed") == 1;
        Status status;
        while (PGresult* end = PQgetResult(m_conn.get())) {
            PgResult owned(end);
            if (status && PQresultStatus(end) != PGRES_COMMAND_OK)
                status = pg_error(m_conn.get(), end);
        }
        if (status && (!sent || !ended))
            return make_error(ErrorCode::io,
                              std::string("postgres: ") + PQerrorMessage(m_conn.get()));
        return status;
    }

    Status script(std::string_view sql) override {
        PgResult r(PQexec(m_conn.get(), std::string(sql).c_str()));
        const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            return pg_error(m_conn.get(), r.get());
        return {};
    }

    const char* begin_sql() const override { return "BEGIN"; }

    // Called when a connection comes back to the pool: a broken one is reset, an open
    // transaction (never left by our code) is rolled back.
    void recycle() {
        if (PQstatus(m_conn.get()) != CONNECTION_OK) {
            PQreset(m_conn.get());
            m_prepared.clear();  // a new session has none of them
        }
        if (PQtransactionStatus(m_conn.get()) != PQTRANS_IDLE) (void)script("ROLLBACK");
    }

  private:
    // The most statements prepared per connection; our statements are fixed texts, far fewer.
    static constexpr std::size_t kMaxPrepared = 128;

    // The name `sql` is prepared under on this connection, preparing it the first time: then
    // PostgreSQL parses and analyses each statement once per connection, not per execution
    // (plans are still made per execution: plan_cache_mode = force_custom_plan, see connect).
    // Null when the statement is not kept (the cache is full).
    Result<const std::string*> prepared(const std::string& sql, int params) {
        if (auto at = m_prepared.find(sql); at != m_prepared.end()) return &at->second;
        if (m_prepared.size() >= kMaxPrepared) return static_cast<const std::string*>(nullptr);
        std::string name = "kt_" + std::to_string(m_prepared.size());
        PgResult r(PQprepare(m_conn.get(), name.c_str(), sql.c_str(), params, nullptr));
        if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            return pg_error(m_conn.get(), r.get());
        return &m_prepared.emplace(sql, std::move(name)).first->second;
    }

    Result<PgResult> run(std::string_view sql_text, const Params& params) {
        std::vector<std::string> texts;
        std::vector<const char*> values;
        texts.reserve(params.size());
        for (const Param& p : params)
            texts.push_back(param_text(p));
        for (std::size_t i = 0; i < params.size(); ++i)
            values.push_back(std::holds_alternative<std::nullptr_t>(params[i]) ? nullptr
                                                                               : texts[i].c_str());
        const std::string sql(sql_text);
        const int count = static_cast<int>(values.size());
        auto name = prepared(sql, count);
        if (!name) return name.error();
        PgResult r(name.value() ? PQexecPrepared(m_conn.get(), name.value()->c_str(), count,
                                                 values.data(), nullptr, nullptr, 0)
                                : PQexecParams(m_conn.get(), sql.c_str(), count, nullptr,
                                               values.data(), nullptr, nullptr, 0));
        const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            return pg_error(m_conn.get(), r.get());
        return r;
    }

    PgConnPtr m_conn;
    std::unordered_map<std::string, std::string> m_prepared;  // SQL text to statement name
};

class PgPool;

class PgLease final : public Lease {
  public:
    PgLease(PgPool& pool, std::unique_ptr<PgConnection> conn)
        : m_pool(&pool), m_conn(std::move(conn)) {}
    ~PgLease() override;
    SqlConnection& conn() override { return *m_conn; }

  private:
    PgPool* m_pool;
    std::unique_ptr<PgConnection> m_conn;
};

class PgPool final : public ConnectionSource {
  public:
    explicit PgPool(std::vector<std::unique_ptr<PgConnection>> conns) : m_idle(std::move(conns)) {}

    Result<std::unique_ptr<Lease>> acquire() override {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [&] { return !m_idle.empty(); });
        auto conn = std::move(m_idle.back());
        m_idle.pop_back();
        lock.unlock();
        return std::unique_ptr<Lease>(std::make_unique<PgLease>(*this, std::move(conn)));
    }

    void give_back(std::unique_ptr<PgConnection> conn) {
        conn->recycle();
        {
            std::lock_guard lock(m_mutex);
            m_idle.push_back(std::move(conn));
        }
        m_ready.notify_one();
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::vector<std::unique_ptr<PgConnection>> m_idle;
};

PgLease::~PgLease() {
    m_pool->give_back(std::move(m_conn));
}

void ignore_notice(void*, const char*) {}

Result<std::unique_ptr<PgConnection>> connect(const std::string& conninfo) {
    PgConnPtr conn(PQconnectdb(conninfo.c_str()));
    if (!conn) return make_error(ErrorCode::internal, "out of memory");
    if (PQstatus(conn.get()) != CONNECTION_OK)
        return make_error(ErrorCode::io, std::string("cannot connect to PostgreSQL: ") +
                                             PQerrorMessage(conn.get()));
    // Notices ("relation already exists, skipping") would go to stderr otherwise.
    PQsetNoticeProcessor(conn.get(), ignore_notice, nullptr);
    // Short keyed queries only: JIT compiling them (PostgreSQL guesses millions of rows for a
    // generic key range) costs more than it saves, on every page of an export. Statements are
    // prepared once per connection (PgConnection::prepared) but still planned per execution
    // with their parameters, as before: a generic plan could read a whole table per page.
    PGresult* jit = PQexec(conn.get(), "SET jit = off; SET plan_cache_mode = force_custom_plan");
    const bool ok = PQresultStatus(jit) == PGRES_COMMAND_OK;
    PQclear(jit);
    if (!ok) return make_error(ErrorCode::io, "cannot configure the PostgreSQL session");
    return std::make_unique<PgConnection>(std::move(conn));
}

}  // namespace

Result<std::unique_ptr<ConnectionSource>> open_postgres_source(const std::string& conninfo,
                                                               int pool_size) {
    if (pool_size < 1) return make_error(ErrorCode::usage, "pool size must be at least 1");
    std::vector<std::unique_ptr<PgConnection>> conns;
    for (int i = 0; i < pool_size; ++i) {
        auto c = connect(conninfo);
        if (!c) return c.error();
        conns.push_back(std::move(c.value()));
    }
    return std::unique_ptr<ConnectionSource>(std::make_unique<PgPool>(std::move(conns)));
}

}  // namespace kt::receiver
