// The vault's small key/value table kt_meta (device keys, counters, sync settings).
#pragma once

#include <string>
#include <string_view>

#include "store/database.hpp"

namespace kt::store {

/// One value ("" when missing). Errors: storage errors.
Result<std::string> meta_value(Database& db, std::string_view key);
/// Sets one value (inside the caller's transaction when one is open). Errors: storage errors.
Status set_meta_value(Database& db, std::string_view key, std::string_view value);

}  // namespace kt::store
