// The SQLCipher backend: one connection guarded by a mutex, keyed with 32 random bytes from
// a key file beside the caller's configuration, so the municipality's store is encrypted at
// rest.
#pragma once

#include <filesystem>
#include <memory>

#include "sql.hpp"

namespace kt::receiver {

/// "KTRC": tells a receiver database apart from a device vault ("KTAF").
inline constexpr std::int64_t kReceiverApplicationId = 0x4B545243;

/// Opens the database, creating it and its key file (mode 0600) when the database does not
/// exist yet. Errors: not_found (database without key file), usage (key file of the wrong
/// size or readable by others), damaged_vault (wrong key), not_a_vault (not a receiver
/// database), io.
Result<std::unique_ptr<ConnectionSource>> open_sqlite_source(const std::filesystem::path& db,
                                                             const std::filesystem::path& key);

}  // namespace kt::receiver
