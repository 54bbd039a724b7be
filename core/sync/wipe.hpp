// Destroying a vault's key file (T-37, remote wipe): without it the data key cannot be
// unwrapped, so the vault is unreadable and unlocking says "not a vault" (T-10).
#pragma once

#include <filesystem>

#include "util/result.hpp"

namespace kt::sync {

/// Overwrites "<vault>.key" with zeros, fsyncs it, unlinks it and fsyncs the directory.
/// Errors: not_found (no key file), io.
Status destroy_key_file(const std::filesystem::path& vault);

}  // namespace kt::sync
