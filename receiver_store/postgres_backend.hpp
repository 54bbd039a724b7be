// The PostgreSQL backend: libpq, parameterised statements only (each prepared once per
// connection), and a pool of connections so concurrent requests run in parallel.
#pragma once

#include <memory>
#include <string>

#include "sql.hpp"

namespace kt::receiver {

/// Opens `pool_size` connections to `conninfo`. Errors: usage (pool size < 1), io (the
/// server is unreachable or refuses the login).
Result<std::unique_ptr<ConnectionSource>> open_postgres_source(const std::string& conninfo,
                                                               int pool_size);

}  // namespace kt::receiver
