// Enrolling the device with the municipality's receiver (docs/receiver-api.md): read the
// certificate the server presents, prove knowledge of the one-time code over that key, check
// the receiver's proof over its keys, and only then store the pin, certificate and keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/vault.hpp"
#include "sync/config.hpp"
#include "sync/status.hpp"
#include "sync/transport.hpp"

namespace kt::sync {

struct EnrollResult {
    SyncStatus status = SyncStatus::ok;  // ok, invalid_input, enroll_refused, untrusted, a
                                         // transport status, or storage_error
    std::string device_id, device_name, team;
    std::string detail;  // developer English, never a key or code

    bool ok() const { return status == SyncStatus::ok; }
    const char* message_key() const { return sync::message_key(status); }
};

/// Enrolls the vault's device at `url` ("https://host:port") with the code the receiver's
/// `enroll` printed. The device's Ed25519 key (the one its seals carry) is made if the vault
/// has none. The first connection verifies nothing and only reads the certificate; the second
/// is pinned to the key it saw, so a different TLS key on the second is refused
/// (tls_pin_mismatch). A wrong receiver proof, or a pin or key in the answer that is not the one
/// seen, is `untrusted`. On any failure nothing is stored. On success the config is stored
/// (an earlier enrollment and a rollback block are replaced) with a "device_enrolled" audit row.
/// The receiver's answer to POST /v1/enroll (JSON), trusted only when its proof over every key
/// holds with the code's key `k_hex` and the pin and certificate in it are `pin` and `cert`, the
/// ones this device saw on the connection. Errors: usage (not a JSON object), invalid_state (a
/// proof, pin, certificate or key that does not hold or is missing).
Result<SyncConfig> check_enroll_answer(const std::string& body, std::string_view url,
                                       std::string_view k_hex, const std::string& pin,
                                       const std::string& cert);

EnrollResult enroll_device(store::Vault& vault, std::string_view url, std::string_view code,
                           std::int64_t now, const TransportLimits& limits = {});

}  // namespace kt::sync
