// One outbox item to the receiver: payload, sealed box, signed POST, verified receipt.
#include "store/review.hpp"
#include "sync/backoff.hpp"
#include "sync/box.hpp"
#include "sync/pass.hpp"
#include "sync/profile.hpp"
#include "util/crash_point.hpp"

namespace kt::sync::detail {

namespace {

struct Prepared {
    std::string key, content_hash, payload_sha256, body;
};

Result<Payload> payload_for(Pass& p, const OutboxItem& item) {
    auto st = p.db().prepare(
        "SELECT record, content_hash, device_signature, sealed_at FROM sealed_record "
        "WHERE assessment_id = ? AND version = ?");
    if (!st) return st.error();
    st->bind(1, item.assessment_id).bind(2, std::int64_t(item.version));
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return make_error(ErrorCode::not_found, "outbox item without a seal");
    Payload payload{st->text(0), st->text(1), st->text(2), {}};
    const std::int64_t sealed_at = st->int64(3);
    if (!item.profile.empty()) {
        auto profile = parse_profile_json(item.profile);
        if (!profile) return profile.error();
        payload.profile = std::move(profile.value());
        return payload;
    }
    auto profile = build_profile(p.db(), item.assessment_id, sealed_at, p.config.team);
    if (!profile) return profile.error();
    payload.profile = std::move(profile.value());
    return payload;
}

// The request body; the profile (first time) and the device_seq are committed before it leaves.
Result<Prepared> prepare(Pass& p, const OutboxItem& item) {
    auto payload = payload_for(p, item);
    if (!payload) return payload.error();
    auto text = payload_text(payload.value());
    if (!text) return text.error();
    auto box = seal_box(p.config.box_public_key, text.value());
    if (!box) return box.error();
    auto profile = profile_json(payload->profile);
    if (!profile) return profile.error();
    auto tx = store::Transaction::begin(p.db());
    if (!tx) return tx.error();
    if (auto s = set_profile(p.db(), item.assessment_id, item.version, profile.value()); !s)
        return s.error();
    auto seq = store::next_device_seq(p.db());
    if (!seq) return seq.error();
    if (auto s = tx->commit(); !s) return s.error();
    Prepared out{idempotency_key(item.assessment_id, item.version),
                 payload->record_sha256,
                 crypto::sha256_hex(text.value()),
                 {}};
    auto body = json::canonical(json::Object{{"device_seq", seq.value()},
                                             {"payload_sha256", out.payload_sha256},
                                             {"sealed_payload", base64_encode(box.value())}});
    if (!body) return body.error();
    out.body = std::move(body.value());
    return out;
}

// A receipt counts only when the receipt key signed it and it is about exactly what we sent.
bool receipt_holds(const Pass& p, const Prepared& sent, const Receipt& r) {
    return r.idempotency_key == sent.key && r.record_sha256 == sent.content_hash &&
           r.payload_sha256 == sent.payload_sha256 &&
           verify_receipt(r, p.config.receipt_public_key);
}

SyncStatus fail_item(Pass& p, const OutboxItem& item, SyncStatus status, const std::string& why,
                     std::optional<std::int64_t> retry_after) {
    const std::int64_t wait = backoff_seconds(item.attempts + 1, p.jitter(), retry_after);
    (void)mark_failed(p.db(), item.assessment_id, item.version, p.now() + wait,
                      why.empty() ? to_string(status) : why);
    return status;
}

}  // namespace

SyncStatus submit_item(Pass& p, const OutboxItem& item) {
    auto prepared = prepare(p, item);
    if (!prepared) return SyncStatus::storage_error;
    const auto& sent = prepared.value();
    auto r = post_signed(p, "/v1/submissions", sent.key, sent.body);
    if (!r) return fail_item(p, item, status_for(r.error()), "", std::nullopt);
    const long code = r->status;
    if (code == 200 || code == 201) {
        auto receipt = parse_receipt_text(r->body);
        if (!receipt || !receipt_holds(p, sent, receipt.value()))
            return fail_item(p, item, SyncStatus::bad_response, "bad_receipt", std::nullopt);
        crash_point("sync:after_response");  // T-24: answered, receipt not yet stored
        if (!mark_sent(p.db(), item.assessment_id, item.version, receipt.value(), p.now()))
            return SyncStatus::storage_error;
        return SyncStatus::ok;
    }
    const std::string error = error_code(r->body);
    const SyncStatus status = status_for_reply(code, error);
    if (status == SyncStatus::revoked || status == SyncStatus::rolled_back) return status;
    return fail_item(p, item, status, error, r->retry_after);
}

}  // namespace kt::sync::detail
