// Inside one sync pass (sender.cpp, submit.cpp, revoke.cpp): the vault, the enrolled config,
// the device key and the network, and the signed POST they all use. Not part of the API.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "crypto/signing.hpp"
#include "store/vault.hpp"
#include "sync/config.hpp"
#include "sync/outbox.hpp"
#include "sync/sender.hpp"

namespace kt::sync::detail {

struct Pass {
    store::Vault& vault;
    const SyncOptions& options;
    SyncConfig config;
    crypto::SigningKey key;
    Transport* transport = nullptr;
    std::unique_ptr<Transport> own_transport;
    std::string app_version;
    std::optional<std::int64_t> retry_after;  // the last Retry-After seen in this pass

    store::Database& db() { return vault.db(); }
    std::int64_t now() const;
    double jitter() const;
};

/// The next device_seq, committed before the request that carries it leaves (T-09).
Result<std::int64_t> take_device_seq(store::Database& db);

/// A signed POST (docs/receiver-api.md "Request signing").
Result<HttpResponse> post_signed(Pass& pass, std::string_view path,
                                 std::string_view idempotency_key, std::string_view body);

/// The receiver's "error" member of a JSON error body ("" when there is none).
std::string error_code(const std::string& body);

/// The status for a non-2xx answer: 403 device_revoked → revoked, 409 vault_rolled_back →
/// rolled_back, 426 update_needed, 429 rate_limited, 5xx server_error, other 4xx refused,
/// anything else bad_response.
SyncStatus status_for_reply(long http_status, const std::string& error);

/// Sends one due outbox item; marks it sent after a verified receipt, or records the failure
/// with its backoff. Returns the item's outcome.
SyncStatus submit_item(Pass& pass, const OutboxItem& item);

/// T-37: posts the wipe audit entry, writes the local audit row, then destroys the key file.
void wipe_revoked_device(Pass& pass, SyncReport& report);

}  // namespace kt::sync::detail
