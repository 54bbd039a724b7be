// MonitoringStore over the same connections and SQL surface as SqlStore.
#pragma once

#include "monitoring_store.hpp"
#include "sql.hpp"

namespace kt::receiver {

class SqlMonitoringStore final : public MonitoringStore {
  public:
    /// `source` outlives this object (SqlStore owns both). `postgres`: the level counts use
    /// PostgreSQL's window functions (SQLCipher's SQLite 3.15 has none).
    SqlMonitoringStore(ConnectionSource& source, bool postgres)
        : m_source(&source), m_postgres(postgres) {}

    Status add_purpose(const ExportPurpose& p) override;
    Result<std::vector<ExportPurpose>> purposes() override;
    Result<std::optional<ExportPurpose>> purpose(const std::string& name) override;
    Status retire_purpose(const std::string& name, std::int64_t now) override;

    Status add_job(const ExportJob& job) override;
    Result<std::optional<ExportJob>> job(const std::string& id) override;
    Result<std::vector<ExportJob>> jobs_of(const std::string& account) override;
    Status job_progress(const std::string& id, const std::string& stage, std::int64_t done,
                        std::int64_t total, std::int64_t now) override;
    Status finish_job(const std::string& id, const std::string& state, std::int64_t rows,
                      const std::string& file, std::int64_t now) override;
    Result<std::vector<ExportJob>> jobs_before(std::int64_t before) override;
    Status delete_job(const std::string& id) override;

    Result<std::vector<LevelCount>> level_counts(const MonitoringFilter& filter) override;
    Result<std::vector<QuarterCount>> quarter_counts(
        const MonitoringFilter& filter, const std::vector<std::int64_t>& bounds) override;
    Result<std::optional<std::pair<std::int64_t, std::int64_t>>> sealed_range() override;
    Result<std::vector<std::pair<std::string, std::string>>> wijk_teams() override;

  private:
    Result<std::int64_t> execute(std::string_view sql, const Params& params);
    Result<Rows> query(std::string_view sql, const Params& params, int columns);

    ConnectionSource* m_source;
    bool m_postgres = false;
};

}  // namespace kt::receiver
