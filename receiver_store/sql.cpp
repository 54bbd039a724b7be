#include "sql.hpp"

#include <charconv>
#include <utility>

namespace kt::receiver {

Result<SqlTransaction> SqlTransaction::begin(SqlConnection& c) {
    if (auto s = c.script(c.begin_sql()); !s) return s.error();
    return SqlTransaction(c);
}

SqlTransaction::SqlTransaction(SqlTransaction&& other) noexcept
    : m_conn(std::exchange(other.m_conn, nullptr)) {}

SqlTransaction::~SqlTransaction() {
    rollback();
}

Status SqlTransaction::commit() {
    SqlConnection* c = std::exchange(m_conn, nullptr);
    auto s = c->script("COMMIT");
    if (!s) (void)c->script("ROLLBACK");
    return s;
}

void SqlTransaction::rollback() {
    if (SqlConnection* c = std::exchange(m_conn, nullptr)) (void)c->script("ROLLBACK");
}

std::int64_t as_int(const Cell& cell) {
    return as_opt_int(cell).value_or(0);
}

std::optional<std::int64_t> as_opt_int(const Cell& cell) {
    if (!cell) return std::nullopt;
    std::int64_t v = 0;
    const char* end = cell->data() + cell->size();
    if (std::from_chars(cell->data(), end, v).ptr != end) return std::nullopt;
    return v;
}

std::string as_text(const Cell& cell) {
    return cell.value_or(std::string());
}

Param opt_param(const std::optional<std::int64_t>& v) {
    if (v) return *v;
    return nullptr;
}

}  // namespace kt::receiver
