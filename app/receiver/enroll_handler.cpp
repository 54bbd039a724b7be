// POST /v1/enroll: a device proves it knows a one-time code (HMAC over the TLS key it saw);
// the receiver answers with its keys and its own proof. Every failure is the same 403.
#include "handlers.hpp"
#include "sync/enrollment.hpp"
#include "sync/wire.hpp"
#include "util/ids.hpp"

namespace kt::receiver {

namespace ks = kt::sync;

namespace {

bool lower_hex(const std::string& s, std::size_t size) {
    if (s.size() != size) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

Reply refused(Context& ctx, const std::string& address) {
    if (auto s = ctx.store.audit({now_utc(), "enrollment_refused", "", "403", address}); !s)
        return storage_reply(s.error());
    return error_reply(403, "enrollment_refused", "enrollment refused");
}

// The pending code whose key makes `proof`, or "" (every code is tried, none is skipped).
Result<std::string> matching_code(Context& ctx, const std::string& device_key,
                                  const std::string& proof) {
    auto pending = ctx.store.pending_enrollments(now_utc());
    if (!pending) return pending.error();
    const std::string message = ks::device_proof_message(device_key, ctx.keys.tls_pin);
    std::string found;
    for (const auto& p : pending.value())
        if (ks::hmac_matches(p.code_key_hex, message, proof) && found.empty())
            found = p.code_key_hex;
    return found;
}

json::Value enrolled_body(const Context& ctx, const Device& d, const std::string& code_key) {
    const auto& k = ctx.keys;
    const std::string proof = ks::hmac_hex(
        code_key,
        ks::receiver_proof_message(d.id, k.box.public_hex, k.receipt.public_hex, k.tls_pin));
    return json::Object{{"device_id", d.id},
                        {"device_name", d.name},
                        {"team", d.team},
                        {"box_public_key", k.box.public_hex},
                        {"receipt_public_key", k.receipt.public_hex},
                        {"tls_pin", k.tls_pin},
                        {"certificate_pem", k.certificate_pem},
                        {"retention_days", ctx.config.retention_days},
                        {"server_time", now_utc()},
                        {"proof", proof}};
}

}  // namespace

Reply handle_enroll(Context& ctx, const Request& req) {
    const std::string& address = req.remote_addr;
    if (const int wait = ctx.enroll_limit.take(address, monotonic_seconds()); wait > 0) {
        Reply r = error_reply(429, "rate_limited", "too many enrollment attempts");
        r.retry_after = wait;
        return r;
    }
    auto body = json::parse(req.body);
    const std::string key = body ? ks::text_member(body.value(), "device_public_key") : "";
    const std::string proof = body ? ks::text_member(body.value(), "proof") : "";
    if (!lower_hex(key, 64) || !lower_hex(proof, 64))
        return error_reply(400, "bad_request", "expected device_public_key and proof in hex");
    auto code = matching_code(ctx, key, proof);
    if (!code) return storage_reply(code.error());
    if (code->empty()) return refused(ctx, address);
    auto device = ctx.store.complete_enrollment(code.value(), new_uuid(), key, now_utc());
    if (!device && device.error().code == ErrorCode::invalid_state) return refused(ctx, address);
    if (!device) return storage_reply(device.error());
    if (auto s = ctx.store.audit({now_utc(), "device_enrolled", device->id, "200", address}); !s)
        return storage_reply(s.error());
    Reply r;
    r.body = enrolled_body(ctx, device.value(), code.value());
    r.object = device->id;
    return r;
}

}  // namespace kt::receiver
