// The console's tables (schema version 3) in each dialect.
#pragma once

#include <string>

namespace kt::receiver {

const std::string& console_patch_sqlite();
const std::string& console_patch_postgres();

}  // namespace kt::receiver
