#include "postgres_backend.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <condition_variable>
#include <cstring>
#include <mutex>
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
        if (PQstatus(m_conn.get()) != CONNECTION_OK) PQreset(m_conn.get());
        if (PQtransactionStatus(m_conn.get()) != PQTRANS_IDLE) (void)script("ROLLBACK");
    }

  private:
    Result<PgResult> run(std::string_view sql, const Params& params) {
        std::vector<std::string> texts;
        std::vector<const char*> values;
        texts.reserve(params.size());
        for (const Param& p : params)
            texts.push_back(param_text(p));
        for (std::size_t i = 0; i < params.size(); ++i)
            values.push_back(std::holds_alternative<std::nullptr_t>(params[i]) ? nullptr
                                                                               : texts[i].c_str());
        PgResult r(PQexecParams(m_conn.get(), std::string(sql).c_str(),
                                static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                                nullptr, 0));
        const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            return pg_error(m_conn.get(), r.get());
        return r;
    }

    PgConnPtr m_conn;
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
    // generic key range) costs more than it saves, on every page of an export.
    PGresult* jit = PQexec(conn.get(), "SET jit = off");
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
