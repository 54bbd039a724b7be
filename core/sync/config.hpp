// The device's sync settings, kept in the vault's kt_meta under "sync_*": the receiver's URL,
// the TLS key pin and certificate it trusts, the municipality's public keys, the device id
// and team given at enrollment, the retention period, and the state of the last attempts.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "store/database.hpp"
#include "store/meta.hpp"

namespace kt::sync {

/// What enrollment stores. Holds public keys and ids only, no secret and nothing personal.
struct SyncConfig {
    std::string url;      // "https://host:port", no path
    std::string tls_pin;  // "sha256//<base64 of SHA-256 of the DER SPKI>"
    std::string ca_pem;   // the certificate the device trusts (PEM)
    std::string device_id, device_name, team;
    std::string box_public_key;      // hex X25519: payloads are sealed to it
    std::string receipt_public_key;  // hex Ed25519: receipts verify with it
    int retention_days = 30;

    bool enrolled() const { return !device_id.empty() && !url.empty(); }
};

/// Where the last passes left off: for the indicator and the backoff between passes.
struct SyncState {
    std::int64_t last_success = 0;     // 0: never
    std::string last_error;            // a SyncStatus name, "" after a success
    std::int64_t next_attempt_at = 0;  // 0: whenever
    int failures = 0;                  // failed passes in a row
    std::string blocked;               // "" or "rolled_back": sending stopped (T-09)
};

/// Errors: storage errors.
Result<SyncConfig> load_config(store::Database& db);
/// Stores every field (inside the caller's transaction when one is open). Errors: storage.
Status save_config(store::Database& db, const SyncConfig& config);

Result<SyncState> load_state(store::Database& db);
Status save_state(store::Database& db, const SyncState& state);

/// Runs `work` in the caller's open transaction, or in one of its own (committed when `work`
/// succeeds, rolled back otherwise).
Status in_transaction(store::Database& db, const std::function<Status()>& work);

/// kt_meta access, shared with the rest of the store.
using store::meta_value;
using store::set_meta_value;

}  // namespace kt::sync
