// Export purposes on the server: `keukentafel-receiver purpose add NAME --description "…"` makes
// the purpose's pseudonym secret (32 random bytes from libsodium) and stores it only sealed with
// the receiver's purpose key (DIR/keys/purpose.key, XChaCha20-Poly1305, the purpose's name as
// associated data); the secret is never printed, shown or exported. `purpose retire NAME`
// destroys the sealed secret, so that purpose's pseudonyms can never be made or linked again.
#pragma once

#include <filesystem>
#include <string>

#include "crypto/secret.hpp"
#include "receiver_store/monitoring_store.hpp"
#include "totp_box.hpp"

namespace kt::receiver::console {

/// 1..64 characters of a-z, 0-9 and '-', beginning with a letter or digit.
bool valid_purpose_name(const std::string& name);

/// The box of DIR/keys/purpose.key; with `create` the key is made (0600, never over a file) when
/// it is missing. Errors: not_found (no key file and not `create`), usage or io (the key file).
Result<TotpBox> open_purpose_box(const std::filesystem::path& dir, bool create);

/// The purpose's 32-byte secret, in memory that wipes itself. Errors: invalid_state (retired, or
/// the row does not open with this key).
Result<crypto::SecretBytes> purpose_secret(const TotpBox& box, const ExportPurpose& purpose);

struct PurposeOptions {
    std::filesystem::path dir;
    std::string db;
    std::string action;  // add | list | retire
    std::string name;
    std::string description;
};

/// Errors: usage (a bad name or description), already_exists (add: that name, also retired),
/// not_found (retire: no such active purpose), the key file's and the store's errors.
Status run_purpose(const PurposeOptions& options);

}  // namespace kt::receiver::console
