// POST /v1/submissions and GET /v1/submissions/{key}: exactly once by the idempotency key.
// A completed duplicate gets the stored receipt (200), a concurrent one 409 in_flight, the
// same key with another payload 422 and an audit alert (security-tests.md §3.7).
#include "crash_hook.hpp"
#include "handlers.hpp"
#include "sync/box.hpp"
#include "sync/record_check.hpp"
#include "sync/wire.hpp"

namespace kt::receiver {

namespace ks = kt::sync;

namespace {

struct SubmitRequest {
    std::string key;
    ks::KeyParts parts;
    std::int64_t seq = 0;
    std::string payload_sha256;
    std::string sealed_payload;  // base64, kept as received
};

bool lower_hex64(const std::string& s) {
    if (s.size() != 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::optional<Reply> parse_submit(const Request& req, SubmitRequest& out) {
    out.key = req.get_header_value("Idempotency-Key");
    if (out.key.empty())
        return error_reply(400, "missing_idempotency_key", "Idempotency-Key is required");
    auto parts = ks::parse_idempotency_key(out.key);
    if (!parts) return error_reply(400, "bad_request", "malformed Idempotency-Key");
    out.parts = parts.value();
    auto body = json::parse(req.body);
    const auto seq = body ? ks::int_member(body.value(), "device_seq") : std::nullopt;
    out.payload_sha256 = body ? ks::text_member(body.value(), "payload_sha256") : "";
    out.sealed_payload = body ? ks::text_member(body.value(), "sealed_payload") : "";
    if (!body || !seq || *seq < 1 || !lower_hex64(out.payload_sha256) || out.sealed_payload.empty())
        return error_reply(400, "bad_request",
                           "expected device_seq, payload_sha256, sealed_payload");
    out.seq = *seq;
    return std::nullopt;
}

ks::Receipt receipt_of(const Submission& s) {
    return {ks::idempotency_key(s.assessment_uuid, int(s.version)), s.record_sha256,
            s.payload_sha256, s.receiver_time, s.receipt_signature_hex};
}

Reply receipt_reply(int status, const Submission& s) {
    Reply r;
    r.status = status;
    r.body = ks::receipt_json(receipt_of(s));
    return r;
}

Reply mismatch(Context& ctx, const Device& d, const SubmitRequest& in) {
    if (auto s = ctx.store.audit({now_utc(), "payload_mismatch", in.key, "422", d.id}); !s)
        return storage_reply(s.error());
    return error_reply(422, "payload_mismatch", "this key was stored with another payload");
}

Reply replay_or_mismatch(Context& ctx, const Device& d, const SubmitRequest& in,
                         const Submission& stored) {
    if (stored.device_id == d.id && stored.payload_sha256 == in.payload_sha256)
        return receipt_reply(200, stored);
    return mismatch(ctx, d, in);
}

std::optional<Reply> open_and_check(Context& ctx, const Device& d, const SubmitRequest& in,
                                    ks::Payload& payload, ks::RecordFacts& facts) {
    std::string box;
    if (!ks::base64_decode(in.sealed_payload, box))
        return error_reply(400, "bad_request", "sealed_payload is not base64");
    auto plain = ks::open_box(ctx.keys.box, box);
    if (!plain) return error_reply(400, "bad_payload", "the sealed box does not open");
    if (crypto::sha256_hex(plain.value()) != in.payload_sha256)
        return error_reply(400, "bad_payload", "payload_sha256 does not match");
    auto parsed = ks::parse_payload(plain.value());
    if (!parsed) return error_reply(400, "bad_payload", "not a submission payload");
    auto checked = ks::check_payload(parsed.value(), d.public_key_hex);
    if (!checked) return error_reply(400, "bad_record", checked.error().detail);
    if (checked->assessment_uuid != in.parts.assessment_uuid ||
        checked->version != in.parts.version)
        return error_reply(400, "bad_record", "the record is not the idempotency key's");
    payload = std::move(parsed.value());
    facts = std::move(checked.value());
    return std::nullopt;
}

StructuredAssessment structured(const ks::RecordFacts& f, const ks::Profile& p) {
    StructuredAssessment a;
    a.client_ref = f.client_ref;
    a.kind = f.kind;
    a.sealed_at = f.sealed_at;
    a.age_years = p.age_years;
    a.wijk = p.wijk;
    a.team = p.team;
    a.household = p.household;
    for (const auto& d : f.domains)
        a.domains.push_back({d.domain_id, d.level, d.unscored_reason, d.client_agrees, d.is_goal});
    a.network = {f.network_people, f.network_supportive, f.network_hindering,
                 f.network_overloaded_carers};
    a.locale_shown = f.locale_shown;
    return a;
}

Reply store_new(Context& ctx, const Device& d, const SubmitRequest& in, const ks::Payload& payload,
                const ks::RecordFacts& facts) {
    ks::Receipt receipt{in.key, payload.record_sha256, in.payload_sha256, now_utc(), ""};
    ks::sign_receipt(receipt, ctx.keys.receipt);
    const Submission s{in.parts.assessment_uuid,
                       in.parts.version,
                       d.id,
                       in.seq,
                       in.payload_sha256,
                       payload.record_sha256,
                       in.sealed_payload,
                       receipt.receiver_time,
                       receipt.receiver_signature};
    crash_point("before_commit");
    auto inserted = ctx.store.insert_submission(s, structured(facts, payload.profile));
    if (!inserted && inserted.error().code == ErrorCode::usage)
        return error_reply(400, "bad_payload", "the payload's facts are malformed");
    if (!inserted) return storage_reply(inserted.error());
    switch (inserted->status) {
        case InsertStatus::stored:
            crash_point("after_commit");
            return receipt_reply(201, s);
        case InsertStatus::duplicate:
            return replay_or_mismatch(ctx, d, in, *inserted->submission);
        case InsertStatus::rolled_back:
            break;
    }
    if (auto a = ctx.store.audit({now_utc(), "vault_rolled_back", d.id, "409", d.id}); !a)
        return storage_reply(a.error());
    return error_reply(409, "vault_rolled_back", "device_seq is not above the highest seen");
}

Reply submit(Context& ctx, const Device& d, const SubmitRequest& in) {
    if (!ctx.in_flight.begin(in.key))
        return error_reply(409, "in_flight", "this key is being stored right now");
    InFlight::Guard guard(ctx.in_flight, in.key);
    auto existing = ctx.store.submission(in.parts.assessment_uuid, in.parts.version);
    if (!existing) return storage_reply(existing.error());
    if (existing.value()) return replay_or_mismatch(ctx, d, in, *existing.value());
    ks::Payload payload;
    ks::RecordFacts facts;
    if (auto refused = open_and_check(ctx, d, in, payload, facts)) return std::move(*refused);
    return store_new(ctx, d, in, payload, facts);
}

}  // namespace

Reply handle_submit(Context& ctx, const Request& req) {
    Device d;
    if (auto refused = authenticate(ctx, req, false, d)) return std::move(*refused);
    SubmitRequest in;
    Reply r;
    if (auto bad = parse_submit(req, in))
        r = std::move(*bad);
    else
        r = submit(ctx, d, in);
    r.object = in.parts.assessment_uuid.empty() ? "" : in.key;
    r.actor = d.id;
    return r;
}

Reply handle_receipt(Context& ctx, const Request& req, const std::string& key) {
    Device d;
    if (auto refused = authenticate(ctx, req, false, d)) return std::move(*refused);
    Reply r;
    auto parts = ks::parse_idempotency_key(key);
    if (!parts) {
        r = error_reply(404, "not_found", "no such submission");
    } else if (auto s = ctx.store.submission(parts->assessment_uuid, parts->version); !s) {
        r = storage_reply(s.error());
    } else if (!s.value() || s.value()->device_id != d.id) {
        r = error_reply(404, "not_found", "no such submission");
        r.object = key;
    } else {
        r.body = json::Object{{"status", "stored"}, {"receipt", ks::receipt_json(receipt_of(**s))}};
        r.object = key;
    }
    r.actor = d.id;
    return r;
}

}  // namespace kt::receiver
