// The endpoints of docs/receiver-api.md as functions from a request to a reply, over one
// shared context. server.cpp routes to them and writes the reply and the log line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http_request.hpp"
#include "keys.hpp"
#include "rate_limit.hpp"
#include "receiver_store/config.hpp"
#include "receiver_store/store.hpp"
#include "util/canonical_json.hpp"

namespace kt::receiver {

struct Context {
    Config config;
    ReceiverKeys keys;
    Store& store;
    RateLimiter device_limit;
    RateLimiter enroll_limit;
    InFlight in_flight;
};

/// What a handler answers, plus what the log line needs.
struct Reply {
    int status = 200;
    json::Value body;
    std::string error;   // the "error" member for a 4xx/5xx, also logged
    std::string object;  // device id or idempotency key (validated), logged
    std::string actor;   // device id once authenticated, else the client address
    int retry_after = 0;
};

/// {"error": code, "message": message} with `status`.
Reply error_reply(int status, std::string code, std::string message);
/// A store failure: 500 "storage" (the detail goes to stderr, never to the client).
Reply storage_reply(const Error& error);

std::int64_t now_utc();

/// Checks KT-Device and KT-Signature over the signing string (the idempotency key is the
/// Idempotency-Key header, "" if none) and the device's rate limit. Sets `device`, or
/// returns the 403/429 reply. A revoked device passes only with `allow_revoked`.
std::optional<Reply> authenticate(Context& ctx, const Request& req, bool allow_revoked,
                                  Device& device);

Reply handle_enroll(Context& ctx, const Request& req);
Reply handle_checkin(Context& ctx, const Request& req);
Reply handle_audit(Context& ctx, const Request& req);
Reply handle_submit(Context& ctx, const Request& req);
Reply handle_receipt(Context& ctx, const Request& req, const std::string& key);

}  // namespace kt::receiver
