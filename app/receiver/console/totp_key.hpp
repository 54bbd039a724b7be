// The console's TOTP key at its start: DIR/keys/totp.key read (or made on first need), checked
// against the secrets sealed in the store, and every secret a version 3 store kept in plain text
// sealed with it.
#pragma once

#include <filesystem>

#include "receiver_store/console_store.hpp"
#include "totp_box.hpp"

namespace kt::receiver::console {

/// The box of `key_file` for the console. The key is made (0600, never over a file or through a
/// link) only while no secret is sealed yet. Errors, with a message for the operator (the
/// console does not start): not_found (the key is missing while secrets are sealed), invalid_state
/// (the key opens none of the sealed secrets: not the key they were sealed with), usage or io
/// (the key file itself), storage errors.
Result<TotpBox> open_totp_box(const std::filesystem::path& key_file, ConsoleStore& store);

}  // namespace kt::receiver::console
