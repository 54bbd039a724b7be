// The vault's audit log: one row per event with time, actor, action, object id and result
// (BIO 8.15.01), hash-chained with SHA-256, so a deleted, altered or reordered row is found
// at open. Never personal data: actions and results come from fixed lists and object ids
// must be record ids (UUIDs), optionally with a ZRM domain id.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace kt::store {

inline constexpr std::array<std::string_view, 22> kAuditActions = {
    // the vault and its records
    "vault_created", "unlock", "failed_unlock", "lock", "client_created", "client_changed",
    "score_set", "assessment_finished", "export", "backup", "passphrase_changed", "network_changed",
    // the client's review, signatures and seals
    "review_changed", "signature_changed", "assessment_sealed", "assessment_reopened",
    // sync to the municipality (core/sync)
    "device_enrolled", "assessment_sent", "assessment_purged", "client_purged", "device_wiped",
    "vault_rolled_back"};
inline constexpr std::array<std::string_view, 3> kAuditResults = {"ok", "failed", "refused"};

/// Appends one event. Inside the caller's open transaction it commits or rolls back with the
/// change it records; otherwise it runs in a transaction of its own. `object_id` is empty, a
/// UUID, or a UUID followed by ':' and a lower-case id (a ZRM domain).
/// Errors: usage (unknown action or result, object id that is not an id), storage errors.
Status audit_event(Database& db, std::string_view action, std::string_view object_id,
                   std::string_view result, std::int64_t now);

struct AuditRow {
    std::int64_t seq = 0;
    std::int64_t at = 0;
    std::string actor, action, object_id, result, prev_hash, hash;
};

/// Every row in chain order (for checks, tests and an export of the log).
Result<std::vector<AuditRow>> read_audit(Database& db);

/// The outcome of walking the chain.
struct AuditVerdict {
    bool broken = false;
    std::int64_t seq = 0;   // the first row that does not fit (0 when intact)
    std::string what;       // developer English, e.g. "row 17 was altered"
    std::int64_t rows = 0;  // rows checked
};

/// Recomputes every hash and link, and compares the last row with the head kept beside the
/// table (so a deleted last row shows too). Errors: storage errors only; a broken chain is a
/// verdict, not an error, so the vault still opens and nothing is lost.
Result<AuditVerdict> verify_audit_chain(Database& db);

/// Keeps a found break in the vault, so it is reported at every later open even when new
/// rows chain on after it (evidence of tampering is not healed by use). Storage errors only.
Status remember_audit_break(Database& db, const AuditVerdict& v);

/// The device's random actor id, made when the vault was created.
Result<std::string> audit_actor(Database& db);

/// Lower-case hex SHA-256 of a row's fields chained to `prev_hash` (exposed for tests).
std::string audit_row_hash(const AuditRow& row);

}  // namespace kt::store
