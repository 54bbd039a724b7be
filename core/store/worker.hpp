// The worker who owns the vault: their own name and team, set at first run. Shown on the
// client's copy as "uw hulpverlener". Kept in the vault (kt_meta), never in a file name or log.
#pragma once

#include <string>

#include "store/database.hpp"

namespace kt::store {

struct Worker {
    std::string name;
    std::string team;
};

inline constexpr std::size_t kMaxWorkerField = 80;

/// The worker ("" fields when never set, e.g. a demo vault). Errors: storage errors.
Result<Worker> load_worker(Database& db);
/// Stores name and team, trimmed. Errors: usage (empty name, or a field longer than
/// kMaxWorkerField characters or with a control character), storage errors.
Status save_worker(Database& db, const Worker& w);
/// The problem with a worker's name and team as a message key, "" when they can be saved.
std::string worker_error_key(const Worker& w);

}  // namespace kt::store
