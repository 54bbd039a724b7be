// A synthetic population straight into the receiver's store: the generated
// measurements as structured rows through Store::insert_bulk, in batches of one transaction
// each. The rows are marked: their device is "synthetic-<hex>" (enrolled and revoked at once,
// so nothing can ever submit as it) and their sealed_payload is "synthetic"; an audit entry
// "synthetic_population" records the run.
#pragma once

#include "export/synthetic.hpp"
#include "receiver_store/store.hpp"

namespace kt::cli {

/// The sealed_payload of every synthetic row.
inline constexpr const char* kSyntheticPayload = "synthetic";

struct StoreSynthCounts {
    std::int64_t clients = 0;
    std::int64_t assessments = 0;
};

/// Errors: usage (options), the store's errors.
Result<StoreSynthCounts> write_synthetic_store(receiver::Store& store,
                                               const monitoring::SynthOptions& options,
                                               std::int64_t now);

}  // namespace kt::cli
