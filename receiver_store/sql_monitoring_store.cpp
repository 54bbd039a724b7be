// Export purposes and export jobs (monitoring_store.hpp).
#include "sql_monitoring_store.hpp"

namespace kt::receiver {

namespace {

constexpr std::string_view kPurposeColumns =
    "name, description, secret_sealed, created_at, retired_at";
constexpr std::string_view kJobColumns =
    "id, account, purpose, filters, state, stage, done, total, rows_written, started_at, "
    "updated_at, finished_at, file";

ExportPurpose purpose_from_row(const Row& r) {
    return {as_text(r[0]), as_text(r[1]), as_text(r[2]), as_int(r[3]), as_opt_int(r[4])};
}

ExportJob job_from_row(const Row& r) {
    ExportJob j;
    j.id = as_text(r[0]);
    j.account = as_text(r[1]);
    j.purpose = as_text(r[2]);
    j.filters = as_text(r[3]);
    j.state = as_text(r[4]);
    j.stage = as_text(r[5]);
    j.done = as_int(r[6]);
    j.total = as_int(r[7]);
    j.rows_written = as_int(r[8]);
    j.started_at = as_int(r[9]);
    j.updated_at = as_int(r[10]);
    j.finished_at = as_opt_int(r[11]);
    j.file = as_text(r[12]);
    return j;
}

std::vector<ExportJob> jobs_from(const Rows& rows) {
    std::vector<ExportJob> out;
    for (const Row& r : rows)
        out.push_back(job_from_row(r));
    return out;
}

Status changed_one(const Result<std::int64_t>& n, const char* what) {
    if (!n) return n.error();
    if (n.value() == 0) return make_error(ErrorCode::not_found, what);
    return {};
}

}  // namespace

Result<std::int64_t> SqlMonitoringStore::execute(std::string_view sql, const Params& params) {
    auto l = m_source->acquire();
    if (!l) return l.error();
    return (*l)->conn().execute(sql, params);
}

Result<Rows> SqlMonitoringStore::query(std::string_view sql, const Params& params, int columns) {
    auto l = m_source->acquire();
    if (!l) return l.error();
    return (*l)->conn().query(sql, params, columns);
}

Status SqlMonitoringStore::add_purpose(const ExportPurpose& p) {
    if (p.name.empty() || p.secret_sealed.empty())
        return make_error(ErrorCode::usage, "incomplete purpose");
    auto n = execute(
        "INSERT INTO export_purposes (name, description, secret_sealed, created_at) "
        "VALUES ($1, $2, $3, $4)",
        {p.name, p.description, p.secret_sealed, p.created_at});
    if (!n) return n.error();
    return {};
}

Result<std::vector<ExportPurpose>> SqlMonitoringStore::purposes() {
    auto rows = query(
        "SELECT " + std::string(kPurposeColumns) + " FROM export_purposes ORDER BY name", {}, 5);
    if (!rows) return rows.error();
    std::vector<ExportPurpose> out;
    for (const Row& r : rows.value())
        out.push_back(purpose_from_row(r));
    return out;
}

Result<std::optional<ExportPurpose>> SqlMonitoringStore::purpose(const std::string& name) {
    auto rows =
        query("SELECT " + std::string(kPurposeColumns) + " FROM export_purposes WHERE name = $1",
              {name}, 5);
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<ExportPurpose>();
    return std::optional<ExportPurpose>(purpose_from_row(rows->front()));
}

// The sealed secret is overwritten in the row; with the key outside the database nothing left
// in old pages opens without that key, and the purpose can never export again.
Status SqlMonitoringStore::retire_purpose(const std::string& name, std::int64_t now) {
    return changed_one(execute("UPDATE export_purposes SET secret_sealed = '', retired_at = $2 "
                               "WHERE name = $1 AND retired_at IS NULL",
                               {name, now}),
                       "no such active purpose");
}

Status SqlMonitoringStore::add_job(const ExportJob& j) {
    auto n = execute(
        "INSERT INTO export_jobs (id, account, purpose, filters, state, stage, total, started_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        {j.id, j.account, j.purpose, j.filters, j.state, j.stage, j.total, j.started_at});
    if (!n) return n.error();
    return {};
}

Result<std::optional<ExportJob>> SqlMonitoringStore::job(const std::string& id) {
    auto rows =
        query("SELECT " + std::string(kJobColumns) + " FROM export_jobs WHERE id = $1", {id}, 13);
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<ExportJob>();
    return std::optional<ExportJob>(job_from_row(rows->front()));
}

Result<std::vector<ExportJob>> SqlMonitoringStore::jobs_of(const std::string& account) {
    auto rows = query("SELECT " + std::string(kJobColumns) +
                          " FROM export_jobs WHERE account = $1 ORDER BY started_at DESC, id",
                      {account}, 13);
    if (!rows) return rows.error();
    return jobs_from(rows.value());
}

Status SqlMonitoringStore::job_progress(const std::string& id, const std::string& stage,
                                        std::int64_t done, std::int64_t total, std::int64_t now) {
    return changed_one(execute("UPDATE export_jobs SET state = 'running', stage = $2, done = $3, "
                               "total = $4, updated_at = $5 WHERE id = $1",
                               {id, stage, done, total, now}),
                       "no such job");
}

Status SqlMonitoringStore::finish_job(const std::string& id, const std::string& state,
                                      std::int64_t rows, const std::string& file,
                                      std::int64_t now) {
    return changed_one(execute("UPDATE export_jobs SET state = $2, rows_written = $3, file = $4, "
                               "updated_at = $5, finished_at = $5 WHERE id = $1",
                               {id, state, rows, file, now}),
                       "no such job");
}

Result<std::vector<ExportJob>> SqlMonitoringStore::jobs_before(std::int64_t before) {
    auto rows = query("SELECT " + std::string(kJobColumns) +
                          " FROM export_jobs WHERE started_at < $1 ORDER BY started_at",
                      {before}, 13);
    if (!rows) return rows.error();
    return jobs_from(rows.value());
}

Status SqlMonitoringStore::delete_job(const std::string& id) {
    auto n = execute("DELETE FROM export_jobs WHERE id = $1", {id});
    if (!n) return n.error();
    return {};
}

}  // namespace kt::receiver
