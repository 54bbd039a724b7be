// The console's tables (schema version 3) in each dialect, and its sealed TOTP column
// (version 4, the same in both), and monitoring's purposes and export jobs (version 5).
#pragma once

#include <string>
#include <string_view>

namespace kt::receiver {

const std::string& console_patch_sqlite();
const std::string& console_patch_postgres();
std::string_view console_totp_patch();
/// Version 5: export purposes and jobs (monitoring_store.hpp).
const std::string& monitoring_patch_sqlite();
const std::string& monitoring_patch_postgres();

}  // namespace kt::receiver
