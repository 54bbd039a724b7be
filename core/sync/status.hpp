// What a sync or an enrollment came to, each with the message key the kiosk and the CLI show
// (locales: error.sync.*, sync.*), and the signed request headers every call but enroll uses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crypto/signing.hpp"
#include "sync/transport.hpp"

namespace kt::sync {

enum class SyncStatus {
    ok,                // everything due was sent (or nothing was due)
    deferred,          // not tried: the backoff says later (see next_attempt_at)
    not_enrolled,      // no receiver configured
    offline,           // no connection
    timeout,           // the connection was too slow
    tls_pin_mismatch,  // the server's key is not the pinned one: nothing sent
    tls_failed,        // certificate or TLS refused: nothing sent
    bad_response,      // an answer that is not the receiver's (garbage, cut off, bad receipt)
    refused,           // the receiver refused a request (4xx); the item stays in the outbox
    rate_limited,      // 429 with Retry-After
    server_error,      // 5xx
    update_needed,     // 426: this app is too old for the receiver
    rolled_back,       // 409 vault_rolled_back (T-09): sending stopped, nothing deleted
    revoked,           // 403 device_revoked (T-37): the key file is destroyed
    enroll_refused,    // the enrollment code was refused (wrong, used or expired)
    untrusted,         // the receiver's proof or key did not match: nothing stored
    invalid_input,     // a URL or code that cannot be right
    storage_error,     // the vault could not be read or written
};

/// A stable lower-case name ("offline"), as kept in the vault's last_error.
const char* to_string(SyncStatus s);
/// The dotted locales key of the message for the worker ("sync.ok", "error.sync.offline").
const char* message_key(SyncStatus s);
/// The status the worker sees for a failed request: the network codes (offline, timeout,
/// tls_pin_mismatch, tls_failed, bad_response) map to their namesakes, anything else to
/// offline.
SyncStatus status_for(const Error& e);
/// True for the statuses after which nothing more should be sent in this pass.
bool stops_pass(SyncStatus s);

/// The headers of a signed request (docs/receiver-api.md "Request signing"): KT-Device,
/// KT-Signature over the signing string, KT-App-Version and, when not empty, Idempotency-Key.
std::vector<std::string> signed_headers(const crypto::SigningKey& key, std::string_view device_id,
                                        std::string_view method, std::string_view path,
                                        std::string_view idempotency_key, std::string_view body,
                                        std::string_view app_version);

}  // namespace kt::sync
