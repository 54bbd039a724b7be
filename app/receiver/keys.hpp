// The municipality's keys in DIR/keys/: X25519 for sealed boxes, Ed25519 for receipts, the TLS
// key and certificate. `init` makes them once; every other command reads them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "crypto/signing.hpp"
#include "receiver_store/config.hpp"
#include "sync/box.hpp"

namespace kt::receiver {

struct ReceiverKeys {
    sync::BoxKey box;
    crypto::SigningKey receipt;
    std::string certificate_pem;
    std::string tls_pin;  // sha256//…
    std::filesystem::path cert_file, key_file;
};

/// Creates DIR (0700) and DIR/keys (0700) with box.secret/box.public, receipt.secret/
/// receipt.public, tls.key/tls.crt (private files 0600, certificate valid 2 years) and
/// config.json. Errors: already_exists (DIR/keys is there: keys are never overwritten),
/// usage (a bad host name), io.
Status init_data_dir(const std::filesystem::path& dir, const Config& config);

/// Reads the keys of an initialised data dir. Errors: not_found (no keys: run init),
/// damaged_vault/usage (a malformed key file), io.
Result<ReceiverKeys> load_keys(const std::filesystem::path& dir);

}  // namespace kt::receiver
