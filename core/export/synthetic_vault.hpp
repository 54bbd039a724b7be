// A synthetic population written into a vault through the store API, as a worker would make
// it: clients with the generated identities (names, birth dates, and BSN-like
// numbers, postcodes, phone numbers and e-mail addresses in the notes and the client's own
// words), assessments scored, reviewed, co-signed and SEALED, reopened ones sealed again as
// version 2. T-31 looks for those identities in the export.
#pragma once

#include <cstdint>

#include "export/synthetic.hpp"
#include "store/database.hpp"

namespace kt::monitoring {

struct SynthCounts {
    std::int64_t clients = 0;
    std::int64_t seals = 0;  // sealed versions (a reopened assessment counts twice)
};

/// Writes the population of `options` into `db` (one store transaction per step, as the
/// kiosk does; slow beyond a few thousand seals). `bundle_sha256` is the locale bundle hash
/// the seals record. Errors: usage (options), the store's errors.
Result<SynthCounts> write_synthetic_vault(store::Database& db, const SynthOptions& options,
                                          const std::string& bundle_sha256);

}  // namespace kt::monitoring
