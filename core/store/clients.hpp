// Client records in the vault: person, household and consent.
#pragma once

#include <cstdint>
#include <vector>

#include "model/client.hpp"
#include "store/database.hpp"

namespace kt::store {

/// Adds a client with household and consents in one transaction; returns the new id.
/// Errors: usage (no name), storage errors.
Result<std::string> add_client(Database& db, const model::Client& client, std::int64_t now);
/// Replaces a client's fields, household and consents in one transaction.
/// Errors: usage (no name), not_found, storage errors.
Status update_client(Database& db, const model::Client& client, std::int64_t now);
Result<std::vector<model::Client>> list_clients(Database& db);
/// Errors: not_found.
Result<model::Client> get_client(Database& db, std::string_view id);

}  // namespace kt::store
