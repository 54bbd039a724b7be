// The Store logic shared by both backends: the same SQL (with $n parameters) over a
// ConnectionSource, each operation on one lent connection.
#pragma once

#include <memory>

#include "schema.hpp"
#include "sql.hpp"
#include "sql_console_store.hpp"
#include "sql_monitoring_store.hpp"
#include "store.hpp"

namespace kt::receiver {

class SqlStore final : public Store {
  public:
    SqlStore(std::unique_ptr<ConnectionSource> source, const Dialect& dialect)
        : m_source(std::move(source)),
          m_dialect(&dialect),
          m_console(*m_source),
          m_monitoring(*m_source, &dialect == &postgres_dialect()) {}
    /// The store keeps a reference to its dialect: a temporary one would dangle.
    SqlStore(std::unique_ptr<ConnectionSource> source, const Dialect&& dialect) = delete;

    Status migrate() override;

    Status add_enrollment(const PendingEnrollment& e) override;
    Result<std::vector<PendingEnrollment>> pending_enrollments(std::int64_t now) override;
    Result<Device> complete_enrollment(const std::string& code_key_hex,
                                       const std::string& device_id,
                                       const std::string& device_public_key_hex,
                                       std::int64_t now) override;

    Result<std::optional<Device>> device(const std::string& id) override;
    Result<std::string> revoke_device(const std::string& name, std::int64_t now) override;
    Result<SeqCheck> advance_seq(const std::string& device_id, std::int64_t seq) override;
    Result<bool> mark_wipe_reported(const std::string& device_id) override;

    Result<InsertResult> insert_submission(const Submission& s,
                                           const StructuredAssessment& a) override;
    Status insert_bulk(const std::vector<BulkAssessment>& rows) override;
    Result<std::optional<Submission>> submission(const std::string& assessment_uuid,
                                                 std::int64_t version) override;
    Result<std::int64_t> count_submissions() override;
    Result<std::int64_t> count_duplicate_keys() override;
    Status for_each_assessment(
        const std::function<bool(const StoredAssessment&)>& callback) override;
    Status scan_assessments(const std::function<bool(const ScannedAssessment&)>& callback) override;
    Result<std::int64_t> count_assessments() override;

    Status audit(const AuditEntry& entry) override;
    Result<std::vector<AuditEntry>> audit_entries(const std::string& action) override;

    ConsoleStore& console() override { return m_console; }
    MonitoringStore& monitoring() override { return m_monitoring; }

  private:
    Result<std::unique_ptr<Lease>> lease() { return m_source->acquire(); }

    std::unique_ptr<ConnectionSource> m_source;
    const Dialect* m_dialect;
    SqlConsoleStore m_console;
    SqlMonitoringStore m_monitoring;
};

/// The structured rows' check shared by insert_submission and insert_bulk: usage errors.
Status validate_structured(const StructuredAssessment& a);

/// Reads one device row (columns of kDeviceColumns). Internal to the store.
Device device_from_row(const Row& r);
Result<std::optional<Device>> read_device(SqlConnection& c, const std::string& id);
/// The count(*) of a query without parameters.
Result<std::int64_t> count_rows(SqlConnection& c, std::string_view sql);

}  // namespace kt::receiver
