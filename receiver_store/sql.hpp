// The little SQL surface both backends offer the shared store logic: positional parameters
// written $1..$n, rows of nullable text, transactions. Internal to kt_receiver_store.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/result.hpp"

namespace kt::receiver {

using Param = std::variant<std::nullptr_t, std::int64_t, std::string>;
using Params = std::vector<Param>;
using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;
using Rows = std::vector<Row>;
/// A cell of a streamed row without a copy: nullopt for NULL; valid during the callback only.
using CellView = std::optional<std::string_view>;
/// Receives one streamed row (`columns` cells); false stops the stream.
using RowSink = std::function<bool(const CellView* cells)>;

/// A UNIQUE or PRIMARY KEY violation comes back with this code from every backend.
inline constexpr ErrorCode kUniqueViolation = ErrorCode::already_exists;

/// One connection. Statements never embed values: every value is a parameter.
class SqlConnection {
  public:
    virtual ~SqlConnection() = default;
    /// Runs a statement and returns `columns` columns of every row.
    virtual Result<Rows> query(std::string_view sql, const Params& params, int columns) = 0;
    /// Runs a statement and returns the number of rows it changed.
    virtual Result<std::int64_t> execute(std::string_view sql, const Params& params) = 0;
    /// Runs a trusted query without parameters and hands each row to `sink` as it comes, in
    /// the order the database gives them (SQLite steps the statement; PostgreSQL runs
    /// COPY (query) TO STDOUT), without building a result set.
    virtual Status stream(std::string_view sql, int columns, const RowSink& sink) = 0;
    /// Inserts `count` rows of `width` values into `target` ("table (col, ...)"); `add(i, p)`
    /// appends row i's values to p. PostgreSQL: COPY FROM STDIN; SQLite: one prepared
    /// statement stepped per row. Errors: kUniqueViolation, the backend's.
    virtual Status insert_rows(std::string_view target, std::size_t width, std::size_t count,
                               const std::function<void(std::size_t, Params&)>& add) = 0;
    /// Runs trusted SQL without parameters (DDL, BEGIN, COMMIT).
    virtual Status script(std::string_view sql) = 0;
    virtual const char* begin_sql() const = 0;
};

/// A connection lent for one operation; it goes back when the lease dies.
class Lease {
  public:
    virtual ~Lease() = default;
    virtual SqlConnection& conn() = 0;
};

/// Lends connections: one guarded by a mutex (SQLite) or a pool (PostgreSQL).
class ConnectionSource {
  public:
    virtual ~ConnectionSource() = default;
    virtual Result<std::unique_ptr<Lease>> acquire() = 0;
};

/// BEGIN ... COMMIT; rolls back when destroyed uncommitted.
class SqlTransaction {
  public:
    static Result<SqlTransaction> begin(SqlConnection& c);
    SqlTransaction(SqlTransaction&& other) noexcept;
    SqlTransaction& operator=(SqlTransaction&&) = delete;
    ~SqlTransaction();
    Status commit();
    void rollback();

  private:
    explicit SqlTransaction(SqlConnection& c) : m_conn(&c) {}
    SqlConnection* m_conn;
};

/// Cell readers: a missing or malformed integer reads as 0.
std::int64_t as_int(const Cell& cell);
std::optional<std::int64_t> as_opt_int(const Cell& cell);
std::string as_text(const Cell& cell);
Param opt_param(const std::optional<std::int64_t>& v);

}  // namespace kt::receiver
