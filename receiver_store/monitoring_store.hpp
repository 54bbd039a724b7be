// The console's monitoring in the receiver's store: export purposes (their pseudonym secrets only
// as the receiver sealed them), export jobs (progress any receiver on the same database can
// show) and the overview's counts, aggregated in SQL so a page view never reads every row.
// No count here is protected yet: the console applies core/export's small-cell suppression
// (monitoring::protect) before anything is shown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace kt::receiver {

struct ExportPurpose {
    std::string name;           // 1..64 of [a-z0-9-]
    std::string description;    // shown to the people choosing a purpose
    std::string secret_sealed;  // the pseudonym secret as the receiver sealed it; "" once retired
    std::int64_t created_at = 0;
    std::optional<std::int64_t> retired_at;
};

struct ExportJob {
    std::string id;       // 32 hex digits
    std::string account;  // who started it
    std::string purpose;
    std::string filters;  // the filters as the console wrote them (for the page and the audit)
    std::string state;    // queued | running | done | failed
    std::string stage;    // reading | building | writing | zipping
    std::int64_t done = 0, total = 0, rows_written = 0;
    std::int64_t started_at = 0, updated_at = 0;
    std::optional<std::int64_t> finished_at;
    std::string file;  // the ZIP's path on the receiver that ran the job ("" until done)
};

/// Which assessments the overview counts: sealed_at in [from, to), and optionally one wijk,
/// some teams (empty: every team) and, for the level and change counts, one kind.
struct MonitoringFilter {
    std::int64_t from = 0, to = 0;
    std::string wijk;
    std::vector<std::string> teams;
    std::string kind;  // "" any, else intake | voortgang | afsluiting
};

/// People at their latest measurement in the selection (of the filter's kind), per wijk, team,
/// domain and level, with the change from the measurement before it in the selection.
struct LevelCount {
    std::string wijk, team;
    int domain = 0;    // 0..12, ZRM matrix order
    char level = '0';  // '0' no level, '1'..'5'
    char change = 0;   // 'u' up, 's' same, 'd' down; 0 when there is no pair of levels
    std::int64_t people = 0;
};

/// Distinct clients measured in a quarter of the selection, and how many of them had a closure.
struct QuarterCount {
    int quarter = 0;  // index into the bounds given
    std::int64_t clients = 0, closed = 0;
};

class MonitoringStore {
  public:
    virtual ~MonitoringStore() = default;

    /// Errors: already_exists (that name, also a retired one), usage (empty name or secret).
    virtual Status add_purpose(const ExportPurpose& p) = 0;
    /// Every purpose, by name, retired ones too.
    virtual Result<std::vector<ExportPurpose>> purposes() = 0;
    virtual Result<std::optional<ExportPurpose>> purpose(const std::string& name) = 0;
    /// Destroys the sealed secret and marks the purpose retired. Errors: not_found (unknown or
    /// retired already).
    virtual Status retire_purpose(const std::string& name, std::int64_t now) = 0;

    virtual Status add_job(const ExportJob& job) = 0;
    virtual Result<std::optional<ExportJob>> job(const std::string& id) = 0;
    /// The account's jobs, newest first.
    virtual Result<std::vector<ExportJob>> jobs_of(const std::string& account) = 0;
    /// Sets the state to running with this stage and counts.
    virtual Status job_progress(const std::string& id, const std::string& stage, std::int64_t done,
                                std::int64_t total, std::int64_t now) = 0;
    /// Sets the final state (done or failed), the rows written and the file.
    virtual Status finish_job(const std::string& id, const std::string& state, std::int64_t rows,
                              const std::string& file, std::int64_t now) = 0;
    /// Jobs started before `before` (to delete with their files).
    virtual Result<std::vector<ExportJob>> jobs_before(std::int64_t before) = 0;
    virtual Status delete_job(const std::string& id) = 0;

    /// The overview's level and change counts (newest version of each assessment only).
    virtual Result<std::vector<LevelCount>> level_counts(const MonitoringFilter& filter) = 0;
    /// Clients per quarter: `bounds` holds n + 1 ascending instants (quarter starts and the end);
    /// the filter's from/to and kind are ignored.
    virtual Result<std::vector<QuarterCount>> quarter_counts(
        const MonitoringFilter& filter, const std::vector<std::int64_t>& bounds) = 0;
    /// The first and last sealed_at stored (nullopt when there is none).
    virtual Result<std::optional<std::pair<std::int64_t, std::int64_t>>> sealed_range() = 0;
    /// Every (wijk, team) pair stored, for the filters' choices.
    virtual Result<std::vector<std::pair<std::string, std::string>>> wijk_teams() = 0;
};

}  // namespace kt::receiver
