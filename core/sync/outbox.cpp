#include "sync/outbox.hpp"

#include "store/audit.hpp"
#include "sync/backoff.hpp"

namespace kt::sync {

namespace {

constexpr const char* kColumns =
    "SELECT assessment_id, version, created_at, attempts, next_attempt_at, last_error, profile, "
    "receipt, receipt_at, sent_at FROM outbox ";

Result<std::vector<OutboxItem>> read_items(store::Database& db, const std::string& where,
                                           const std::int64_t* now) {
    auto st =
        db.prepare(std::string(kColumns) + where + " ORDER BY created_at, assessment_id, version");
    if (!st) return st.error();
    if (now) st->bind(1, *now);
    std::vector<OutboxItem> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) return out;
        out.push_back({st->text(0), int(st->int64(1)), st->int64(2), int(st->int64(3)),
                       st->int64(4), st->text(5), st->text(6), st->text(7), st->int64(8),
                       st->int64(9)});
    }
}

}  // namespace

Result<std::vector<OutboxItem>> list_outbox(store::Database& db) {
    return read_items(db, "", nullptr);
}

Result<std::vector<OutboxItem>> due_items(store::Database& db, std::int64_t now) {
    // A retry time beyond any this device sets was set by a clock that was put back since
    // (sync::wait_is_over): due now.
    return read_items(db,
                      "WHERE receipt = '' AND (next_attempt_at <= ?1 OR next_attempt_at > ?1 + " +
                          std::to_string(kMaxRetryAfterSeconds) + ")",
                      &now);
}

Result<OutboxCounts> outbox_counts(store::Database& db) {
    auto st = db.prepare(
        "SELECT coalesce(sum(receipt = ''), 0), coalesce(sum(receipt != ''), 0), "
        "coalesce(min(CASE WHEN receipt = '' THEN next_attempt_at END), 0) FROM outbox");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    return OutboxCounts{int(st->int64(0)), int(st->int64(1)), st->int64(2)};
}

Status mark_sent(store::Database& db, std::string_view id, int version, const Receipt& receipt,
                 std::int64_t now) {
    auto text = json::canonical(receipt_json(receipt));
    if (!text) return text.error();
    auto tx = store::Transaction::begin(db);
    if (!tx) return tx.error();
    auto up = db.prepare(
        "UPDATE outbox SET receipt = ?, receipt_at = ?, sent_at = ?, last_error = '' "
        "WHERE assessment_id = ? AND version = ? AND receipt = ''");
    if (!up) return up.error();
    up->bind(1, text.value()).bind(2, receipt.receiver_time).bind(3, now);
    up->bind(4, id).bind(5, std::int64_t(version));
    if (auto s = up->run(); !s) return s;
    if (db.changes() != 1) return make_error(ErrorCode::not_found, "no such unsent outbox item");
    if (auto s = store::audit_event(db, "assessment_sent", id, "ok", now); !s) return s;
    return tx->commit();
}

Status mark_failed(store::Database& db, std::string_view id, int version,
                   std::int64_t next_attempt_at, std::string_view error) {
    auto up = db.prepare(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
        "WHERE assessment_id = ? AND version = ?");
    if (!up) return up.error();
    up->bind(1, next_attempt_at).bind(2, error).bind(3, id).bind(4, std::int64_t(version));
    return up->run();
}

Status set_profile(store::Database& db, std::string_view id, int version,
                   std::string_view profile_json) {
    auto up = db.prepare(
        "UPDATE outbox SET profile = ? WHERE assessment_id = ? AND version = ? AND profile = ''");
    if (!up) return up.error();
    return up->bind(1, profile_json).bind(2, id).bind(3, std::int64_t(version)).run();
}

}  // namespace kt::sync
