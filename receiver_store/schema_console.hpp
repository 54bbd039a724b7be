// The console's tables (schema version 3) in each dialect, and its sealed TOTP column
// (version 4, the same in both).
#pragma once

#include <string>
#include <string_view>

namespace kt::receiver {

const std::string& console_patch_sqlite();
const std::string& console_patch_postgres();
std::string_view console_totp_patch();

}  // namespace kt::receiver
