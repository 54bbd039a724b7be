// Client records in the vault.
#pragma once

#include <cstdint>
#include <vector>

#include "model/client.hpp"
#include "store/database.hpp"

namespace kt::store {

/// Adds a client in one transaction and returns its new id. Errors: usage (no name),
/// storage errors.
Result<std::string> add_client(Database& db, const model::Client& client, std::int64_t now);
Result<std::vector<model::Client>> list_clients(Database& db);
/// Errors: not_found.
Result<model::Client> get_client(Database& db, std::string_view id);

}  // namespace kt::store
