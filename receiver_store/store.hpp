// The receiver's storage: enrolled devices, one-time enrollment codes, submissions (the
// UNIQUE (assessment_uuid, version) row is the assessment), their structured monitoring rows
// and the audit log. Two backends with one meaning: SQLCipher (one file, encrypted at rest)
// and PostgreSQL (libpq, a connection pool). Every call is safe from many threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace kt::receiver {

struct PendingEnrollment {
    std::string device_name;
    std::string team;
    std::string code_key_hex;  // K = SHA-256("kt-enroll-code-v1|" + CODE), lower-case hex
    std::int64_t created_at = 0;
    std::int64_t expires_at = 0;
};

struct Device {
    std::string id;
    std::string name;
    std::string team;
    std::string public_key_hex;
    bool revoked = false;
    std::int64_t last_seq = 0;
    std::int64_t enrolled_at = 0;
    std::optional<std::int64_t> revoked_at;
    bool wipe_reported = false;
};

enum class SeqCheck { accepted, rolled_back };

struct Submission {
    std::string assessment_uuid;
    std::int64_t version = 0;
    std::string device_id;
    std::int64_t device_seq = 0;
    std::string payload_sha256;
    std::string record_sha256;
    std::string sealed_payload;  // the base64 sealed box as received, kept for audit
    std::int64_t receiver_time = 0;
    std::string receipt_signature_hex;
};

/// One ZRM domain of a sealed assessment, without any free text.
struct DomainRow {
    std::string domain_id;     // one of zrm::kDomains
    std::optional<int> level;  // 1..5, or none when unscored
    std::string unscored_reason;
    std::optional<bool> client_agrees;
    bool is_goal = false;
};

struct NetworkCounts {
    int people = 0;
    int supportive = 0;
    int hindering = 0;
    int overloaded_carers = 0;
};

/// What monitoring (and its export) needs of one submission: no name, no free text.
struct StructuredAssessment {
    std::string client_ref;
    std::string kind;  // intake | voortgang | afsluiting
    std::int64_t sealed_at = 0;
    std::optional<int> age_years;
    std::string wijk;
    std::string team;
    std::string household;           // alone | partner | children | other
    std::vector<DomainRow> domains;  // exactly the 13 domains, each once
    NetworkCounts network;
    std::string locale_shown;
};

struct StoredAssessment {
    std::string assessment_uuid;
    std::int64_t version = 0;
    std::int64_t receiver_time = 0;
    StructuredAssessment data;
};

/// One assessment as the export scans it (views valid during the callback only). The 13
/// domains come packed, one character per domain in ZRM matrix order: `levels` '0' (none) or
/// '1'..'5', `agrees` '-' (not asked), '0' or '1', `goals` '0' or '1'; `reasons` holds the 13
/// unscored reasons joined by '|' (read one with scanned_reason).
struct ScannedAssessment {
    std::string_view assessment_uuid;
    std::int64_t version = 0;
    std::string_view client_ref, kind;
    std::int64_t sealed_at = 0;
    std::optional<int> age_years;
    std::string_view wijk, team, household;
    NetworkCounts network;
    std::string_view levels, agrees, goals, reasons;
};

/// The unscored reason of domain `index` (matrix order) of a scanned row, into `out`. False
/// when `reasons` has fewer fields.
bool scanned_reason(std::string_view reasons, std::size_t index, std::string& out);

/// A submission with its structured rows, for the bulk path (synthetic populations).
struct BulkAssessment {
    Submission submission;
    StructuredAssessment data;
};

enum class InsertStatus { stored, duplicate, rolled_back };

struct InsertResult {
    InsertStatus status = InsertStatus::stored;
    /// stored: the row written; duplicate: the row stored before (compare payload_sha256);
    /// rolled_back: empty.
    std::optional<Submission> submission;
};

/// One line of the receiver's audit log. Never personal data: ids, keys, codes only.
struct AuditEntry {
    std::int64_t time = 0;
    std::string action;
    std::string object;
    std::string result;
    std::string actor;
};

class ConsoleStore;     // console_store.hpp
class MonitoringStore;  // monitoring_store.hpp

class Store {
  public:
    virtual ~Store() = default;

    /// Creates or upgrades the schema; safe to call again and from several processes.
    virtual Status migrate() = 0;

    /// Adds a one-time code; an unused older code for the same device name is dropped.
    virtual Status add_enrollment(const PendingEnrollment& e) = 0;
    /// Codes neither used nor expired at `now`.
    virtual Result<std::vector<PendingEnrollment>> pending_enrollments(std::int64_t now) = 0;
    /// Marks the code used and creates the device, atomically. Errors: invalid_state when the
    /// code is unknown, used (also by a concurrent call) or expired; already_exists for a
    /// taken device id.
    virtual Result<Device> complete_enrollment(const std::string& code_key_hex,
                                               const std::string& device_id,
                                               const std::string& device_public_key_hex,
                                               std::int64_t now) = 0;

    virtual Result<std::optional<Device>> device(const std::string& id) = 0;
    /// Revokes the newest active device of that name; returns its id. Errors: not_found.
    virtual Result<std::string> revoke_device(const std::string& name, std::int64_t now) = 0;
    /// accepted (and last_seq = seq) only when seq > last_seq. Errors: not_found.
    virtual Result<SeqCheck> advance_seq(const std::string& device_id, std::int64_t seq) = 0;
    /// True for the call that set the flag, false when it was set before. Errors: not_found.
    virtual Result<bool> mark_wipe_reported(const std::string& device_id) = 0;

    /// One transaction: duplicate if the key exists (also when a concurrent call just stored
    /// it), else rolled_back unless device_seq > the device's last_seq, else stores the
    /// submission and its structured rows and sets last_seq. Revocation is the caller's check.
    /// Errors: usage (malformed structured rows), not_found (unknown device), storage errors.
    virtual Result<InsertResult> insert_submission(const Submission& s,
                                                   const StructuredAssessment& a) = 0;
    /// Synthetic populations and benchmarks only (keukentafel-cli synth): stores every row in
    /// one transaction (PostgreSQL: COPY FROM STDIN), without the exactly-once or device_seq checks
    /// of insert_submission; the caller gives fresh keys of one existing device and marks the
    /// rows (sealed_payload "synthetic"). All or nothing. Errors: usage (malformed structured
    /// rows), already_exists (a key stored before), storage errors.
    virtual Status insert_bulk(const std::vector<BulkAssessment>& rows) = 0;
    virtual Result<std::optional<Submission>> submission(const std::string& assessment_uuid,
                                                         std::int64_t version) = 0;
    virtual Result<std::int64_t> count_submissions() = 0;
    /// Keys stored more than once: 0 by the UNIQUE constraint (for tests).
    virtual Result<std::int64_t> count_duplicate_keys() = 0;
    /// Streams every structured assessment in key order, a page at a time; the callback
    /// returns false to stop. No lock is held while the callback runs.
    virtual Status for_each_assessment(
        const std::function<bool(const StoredAssessment&)>& callback) = 0;
    /// The export's read: every structured assessment in one pass in the order the database
    /// stores them (no order promised), without copies; the callback returns false to stop.
    /// One connection is held for the whole pass (SQLite: other calls wait until it ends).
    virtual Status scan_assessments(
        const std::function<bool(const ScannedAssessment&)>& callback) = 0;
    /// How many structured assessments are stored (the total of the export's progress).
    virtual Result<std::int64_t> count_assessments() = 0;

    virtual Status audit(const AuditEntry& entry) = 0;
    /// Entries with this action, oldest first (for tests and the admin CLI).
    virtual Result<std::vector<AuditEntry>> audit_entries(const std::string& action) = 0;

    /// The web console's accounts, sessions and views, on the same database.
    virtual ConsoleStore& console() = 0;
    /// Export purposes, export jobs and the console overview's counts, on the same database.
    virtual MonitoringStore& monitoring() = 0;
};

struct StoreConfig {
    std::string postgres_conninfo;  // empty: SQLite
    std::filesystem::path sqlite_path;
    /// 32 random bytes, mode 0600; created with the database, required afterwards.
    std::filesystem::path sqlite_key_file;
    int postgres_pool_size = 8;
};

/// Opens (and for SQLite creates) the store and runs migrate(). Errors: usage (bad config),
/// not_found (an existing database without its key file), usage (key file of the wrong size
/// or readable by others), damaged_vault (wrong key), not_a_vault (not a receiver database),
/// io (PostgreSQL unreachable), storage errors.
Result<std::unique_ptr<Store>> open_store(const StoreConfig& config);

}  // namespace kt::receiver
