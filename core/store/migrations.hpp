// The vault schema as ordered SQL patches; PRAGMA user_version counts the applied ones.
#pragma once

#include "store/database.hpp"

namespace kt::store {

/// Number of migrations this build knows.
int schema_version();

/// Applies every pending migration in one transaction. Errors: invalid_state when the vault
/// was written by a newer Keukentafel; the storage errors of Database otherwise.
Status migrate(Database& db);

}  // namespace kt::store
