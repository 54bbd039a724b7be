// Request signing (docs/receiver-api.md "Request signing") and the replies every handler shares.
#include <cstdio>
#include <ctime>

#include "handlers.hpp"
#include "sync/wire.hpp"

namespace kt::receiver {

namespace ks = kt::sync;

Reply error_reply(int status, std::string code, std::string message) {
    Reply r;
    r.status = status;
    r.body = json::Object{{"error", code}, {"message", std::move(message)}};
    r.error = std::move(code);
    return r;
}

Reply storage_reply(const Error& error) {
    std::fprintf(stderr, "keukentafel-receiver: storage error: %s\n", error.detail.c_str());
    return error_reply(500, "storage", "the receiver could not reach its storage");
}

std::int64_t now_utc() {
    return std::int64_t(std::time(nullptr));
}

std::optional<Reply> authenticate(Context& ctx, const Request& req, bool allow_revoked,
                                  Device& device) {
    const std::string id = req.get_header_value("KT-Device");
    const std::string signature = req.get_header_value("KT-Signature");
    if (id.empty() || id.size() > 64) return error_reply(403, "unknown_device", "unknown device");
    auto found = ctx.store.device(id);
    if (!found) return storage_reply(found.error());
    if (!found.value()) return error_reply(403, "unknown_device", "unknown device");
    const std::string message = ks::request_signing_string(
        req.method, req.path, req.get_header_value("Idempotency-Key"), req.body);
    if (!crypto::verify_hex(found.value()->public_key_hex, message, signature))
        return error_reply(403, "bad_signature", "bad request signature");
    device = std::move(*found.value());
    if (device.revoked && !allow_revoked)
        return error_reply(403, "device_revoked", "this device was revoked");
    if (const int wait = ctx.device_limit.take(device.id, monotonic_seconds()); wait > 0) {
        Reply r = error_reply(429, "rate_limited", "too many requests from this device");
        r.retry_after = wait;
        return r;
    }
    return std::nullopt;
}

}  // namespace kt::receiver
