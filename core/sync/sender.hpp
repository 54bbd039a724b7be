// One sync pass to the municipality (security-tests.md §3.7, T-09, T-26, T-37): a signed
// checkin, then every due outbox item sealed to the municipality's box key and posted with its
// idempotency key; an item is marked sent only after its receipt verified and was stored.
// Runs on the caller's thread: the kiosk gives it a worker thread and a Vault of its own
// (Vault::open_with_data_key), the CLI calls it directly.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "store/vault.hpp"
#include "sync/status.hpp"
#include "sync/transport.hpp"

namespace kt::sync {

struct SyncOptions {
    /// Wall-clock seconds; the system clock when empty.
    std::function<std::int64_t()> now;
    /// Jitter in [0, 1] for the backoff; libsodium's generator when empty.
    std::function<double()> jitter;
    /// Waits `seconds` before items that are due soon are tried again within this pass;
    /// returns false to stop (the kiosk's cancel). Only called within max_wait_seconds. When
    /// empty the pass never waits. Tests pass one that advances their fake clock.
    std::function<bool(std::int64_t seconds)> wait;
    std::int64_t max_wait_seconds = 0;
    /// The worker asked for it: the backoff between passes is skipped (a Retry-After is not).
    bool manual = false;
    /// The network; a CurlTransport to the enrolled receiver when null.
    Transport* transport = nullptr;
    TransportLimits limits;
    /// KT-App-Version; store::app_version() when empty.
    std::string app_version;
};

struct SyncReport {
    SyncStatus status = SyncStatus::ok;
    int sent = 0;                      // items that got a verified receipt in this pass
    int pending = 0;                   // items still unsent afterwards
    int purged = 0;                    // assessments purged after the pass (T-36)
    std::int64_t last_success = 0;     // the last pass that ended ok (0: never)
    std::int64_t next_attempt_at = 0;  // when to try again (0: nothing waiting)
    bool wiped = false;                // revoked: the key file is gone; close and lock now
    bool audit_delivered = false;      // revoked: the receiver acknowledged the wipe entry
    std::string detail;                // developer English, never personal data

    bool ok() const { return status == SyncStatus::ok; }
    const char* message_key() const { return sync::message_key(status); }
};

/// One pass. Never throws and never deletes an unsent item; a failure is recorded in the vault
/// (per item: attempts, next_attempt_at, last_error; per device: failures in a row and the
/// next pass) with the backoff of sync/backoff.hpp. Outcomes:
/// - checkin 403 device_revoked: the unsent count is posted to /v1/audit ("device_wiped"), a
///   local audit row is written, then the key file is destroyed (status revoked, wiped).
/// - 409 vault_rolled_back: status rolled_back; the vault keeps everything and refuses to send
///   until the device is enrolled again (functioneel beheer).
/// - a connection, TLS, 5xx, 426 or 429 failure ends the pass; a 4xx refusal of one item
///   does not (status refused).
/// After a pass that ended ok, purge_expired runs.
SyncReport sync_now(store::Vault& vault, const SyncOptions& options = {});

/// The indicator's figures without touching the network: pending and sent counts, last success,
/// next attempt, and the last failure. Errors: storage errors.
Result<SyncReport> sync_status(store::Database& db);

}  // namespace kt::sync
