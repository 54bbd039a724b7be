// The outbox (security-tests.md §3.7): one row per sealed version, written in the seal's own
// transaction (store/seal.cpp). An item is sent only once a verified receipt is stored with it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "sync/wire.hpp"

namespace kt::sync {

struct OutboxItem {
    std::string assessment_id;
    int version = 0;
    std::int64_t created_at = 0;
    int attempts = 0;
    std::int64_t next_attempt_at = 0;
    std::string last_error;       // a SyncStatus name or the receiver's error code, never a body
    std::string profile;          // the payload's profile as canonical JSON, fixed at first send
    std::string receipt;          // the verified receipt as canonical JSON, "" until received
    std::int64_t receipt_at = 0;  // the receipt's receiver_time
    std::int64_t sent_at = 0;     // when the device stored the receipt (its own clock)

    bool sent() const { return !receipt.empty(); }
};

struct OutboxCounts {
    int pending = 0;
    int sent = 0;
    std::int64_t next_attempt_at = 0;  // the earliest of the pending items (0: none or now)
};

/// Every row, oldest seal first. Errors: storage errors.
Result<std::vector<OutboxItem>> list_outbox(store::Database& db);
/// Errors: storage errors.
Result<OutboxCounts> outbox_counts(store::Database& db);
/// Unsent items with next_attempt_at ≤ now, oldest first. Errors: storage errors.
Result<std::vector<OutboxItem>> due_items(store::Database& db, std::int64_t now);

/// Stores the receipt (canonical JSON) and marks the item sent, with an "assessment_sent"
/// audit row, in one transaction. The caller has verified the receipt. Errors: not_found (no
/// such unsent item), storage errors.
Status mark_sent(store::Database& db, std::string_view assessment_id, int version,
                 const Receipt& receipt, std::int64_t now);

/// Records one failed attempt: attempts + 1, when to try again, and why.
/// Errors: storage errors.
Status mark_failed(store::Database& db, std::string_view assessment_id, int version,
                   std::int64_t next_attempt_at, std::string_view error);

/// Fixes the item's profile (first attempt only; later attempts send the same payload so the
/// receiver's fingerprint matches). Errors: storage errors.
Status set_profile(store::Database& db, std::string_view assessment_id, int version,
                   std::string_view profile_json);

}  // namespace kt::sync
