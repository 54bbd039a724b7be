// Retention on the device (T-36, AVG 5(1)(e)): once every sealed version of an assessment has a
// verified receipt older than the retention period, the device's copy is deleted with
// secure_delete on, then the WAL is checkpointed and the file vacuumed, so no page, free pages
// included, still holds it. The municipality keeps the receipted record.
#pragma once

#include <cstdint>

#include "store/database.hpp"

namespace kt::sync {

struct PurgeReport {
    int assessments = 0;
    int clients = 0;
};

/// Purges, each in one transaction with an "assessment_purged" audit row: every assessment
/// whose current version is sealed (not being edited), whose every sealed version has a
/// verified receipt, and whose newest receipt (by the receiver's time and by the device's) is
/// at least `sync_retention_days` old at `now`. All of its rows go: scores, details,
/// participants, network map and people, review, answers, signatures, sealed records and
/// outbox rows (the audit row keeps the assessment id). A client left with no assessment whose
/// last one was an afsluiting goes too ("client_purged"). Then checkpoint (TRUNCATE) and
/// VACUUM. Errors: storage errors (what was purged before the failure stays purged).
Result<PurgeReport> purge_expired(store::Database& db, std::int64_t now);

}  // namespace kt::sync
