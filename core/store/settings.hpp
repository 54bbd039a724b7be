// Settings kept in the vault: the wijk list, the measurement interval, the idle-lock time and
// the PIN verifier. Nothing here is personal data; it lives in the vault so it is tamper-proof.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace kt::store {

struct Settings {
    std::vector<std::string> wijken = {"Centrum", "Noord", "Oost", "Zuid", "West"};
    int interval_months = 6;  // 3 or 6: next measurement after this many months
    int idle_lock_seconds = 120;
    std::string pin_hash;  // crypto_pwhash_str of the worker's PIN; empty until chosen
};

/// Reads the settings, with defaults for what was never set. Errors: damaged_vault when a
/// stored value is not one save_settings writes (not a number, out of range; the detail names
/// the setting), storage errors. Never throws.
Result<Settings> load_settings(Database& db);
/// Writes every setting in one transaction. Errors: usage (interval not 3 or 6, idle lock
/// under 30 s or over 30 min, empty wijk list), storage errors.
Status save_settings(Database& db, const Settings& s);

}  // namespace kt::store
