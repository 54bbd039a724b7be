// The vault as a monitoring source: a worker or team lead exports their own
// caseload. Every sealed version, with its seal and signatures verified, as a Measurement.
#pragma once

#include "export/measurement.hpp"
#include "store/database.hpp"
#include "sync/profile.hpp"
#include "sync/record_check.hpp"

namespace kt::monitoring {

/// The measurement of one checked record and the profile beside it (the same mapping for
/// every source that holds a sealed record).
Measurement measurement_from(const sync::RecordFacts& facts, const sync::Profile& profile);

/// Streams every sealed version of `db` (which must outlive the source) in (assessment,
/// version) order. Each record is checked as the receiver checks it (sync::check_payload with
/// the vault's device key); the profile is the one sent to the municipality, else the one as
/// of the sealing. Errors: damaged_vault (a seal or signature that does not verify), storage
/// errors, not_found (a record's client or assessment is gone).
MeasurementSource vault_source(store::Database& db);

}  // namespace kt::monitoring
