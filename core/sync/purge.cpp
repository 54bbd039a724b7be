#include "sync/purge.hpp"

#include <string>
#include <vector>

#include "store/audit.hpp"
#include "sync/config.hpp"

namespace kt::sync {

namespace {

struct Expired {
    std::string assessment_id, client_id, kind;
};

// Sealed now, at least one receipted version, no version without a receipt, and the newest
// receipt older than the cutoff on both clocks.
Result<std::vector<Expired>> expired(store::Database& db, std::int64_t cutoff) {
    auto st = db.prepare(
        "SELECT a.id, a.client_id, a.kind FROM assessment a WHERE a.sealed_at != 0 "
        "AND EXISTS (SELECT 1 FROM sealed_record s WHERE s.assessment_id = a.id) "
        "AND NOT EXISTS (SELECT 1 FROM sealed_record s LEFT JOIN outbox o "
        "  ON o.assessment_id = s.assessment_id AND o.version = s.version "
        "  WHERE s.assessment_id = a.id AND (o.receipt IS NULL OR o.receipt = '' "
        "  OR o.receipt_at > ? OR o.sent_at > ?)) "
        "ORDER BY a.started_at");
    if (!st) return st.error();
    st->bind(1, cutoff).bind(2, cutoff);
    std::vector<Expired> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) return out;
        out.push_back({st->text(0), st->text(1), st->text(2)});
    }
}

Status delete_where(store::Database& db, const char* sql, std::string_view id) {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    return st->bind(1, id).run();
}

Status delete_assessment(store::Database& db, std::string_view id) {
    // Children before parents (foreign keys are on).
    for (const char* sql :
         {"DELETE FROM score WHERE assessment_id = ?",
          "DELETE FROM participant WHERE assessment_id = ?",
          "DELETE FROM domain_detail WHERE assessment_id = ?",
          "DELETE FROM network_person WHERE assessment_id = ?",
          "DELETE FROM network_map WHERE assessment_id = ?",
          "DELETE FROM review_answer WHERE assessment_id = ?",
          "DELETE FROM review_signature WHERE assessment_id = ?",
          "DELETE FROM review WHERE assessment_id = ?",
          "DELETE FROM sealed_record WHERE assessment_id = ?",
          "DELETE FROM outbox WHERE assessment_id = ?", "DELETE FROM assessment WHERE id = ?"})
        if (auto s = delete_where(db, sql, id); !s) return s;
    return {};
}

// A client whose path ended (the last assessment was an afsluiting) and who has nothing left.
Result<bool> delete_client_if_done(store::Database& db, const Expired& e) {
    if (e.kind != "afsluiting") return false;
    auto left = db.prepare("SELECT count(*) FROM assessment WHERE client_id = ?");
    if (!left) return left.error();
    left->bind(1, e.client_id);
    auto row = left->step();
    if (!row) return row.error();
    if (left->int64(0) != 0) return false;
    for (const char* sql :
         {"DELETE FROM household_member WHERE client_id = ?",
          "DELETE FROM consent WHERE client_id = ?", "DELETE FROM client WHERE id = ?"})
        if (auto s = delete_where(db, sql, e.client_id); !s) return s.error();
    return true;
}

Status purge_one(store::Database& db, const Expired& e, std::int64_t now, PurgeReport& report) {
    auto tx = store::Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = delete_assessment(db, e.assessment_id); !s) return s;
    if (auto s = store::audit_event(db, "assessment_purged", e.assessment_id, "ok", now); !s)
        return s;
    auto client = delete_client_if_done(db, e);
    if (!client) return client.error();
    if (client.value())
        if (auto s = store::audit_event(db, "client_purged", e.client_id, "ok", now); !s) return s;
    if (auto s = tx->commit(); !s) return s;
    ++report.assessments;
    report.clients += client.value() ? 1 : 0;
    return {};
}

}  // namespace

Result<PurgeReport> purge_expired(store::Database& db, std::int64_t now) {
    auto config = load_config(db);
    if (!config) return config.error();
    const std::int64_t cutoff = now - std::int64_t(config->retention_days) * 86400;
    auto list = expired(db, cutoff);
    if (!list) return list.error();
    PurgeReport report;
    if (list->empty()) return report;
    // Deleted content is overwritten with zeros (pinned at every open too; stated here
    // because the purge relies on it).
    if (auto s = db.exec("PRAGMA secure_delete = ON"); !s) return s.error();
    for (const auto& e : list.value())
        if (auto s = purge_one(db, e, now, report); !s) return s.error();
    // Out of the WAL, then rebuilt without free pages, then out of the WAL again.
    for (const char* sql :
         {"PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"}) {
        auto st = db.prepare(sql);
        if (!st) return st.error();
        if (auto row = st->step(); !row) return row.error();
    }
    return report;
}

}  // namespace kt::sync
