// The monitoring profile sent beside a sealed record (docs/receiver-api.md): age in whole
// years at sealing, wijk, team and household type. Never a name, birth date or address.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/client.hpp"
#include "store/database.hpp"
#include "sync/wire.hpp"

namespace kt::sync {

/// Whole years between an ISO birth date ("YYYY-MM-DD") and the local date of `at`; nullopt
/// for an empty or malformed date or a date after `at`.
std::optional<int> age_in_years(std::string_view birth_date, std::int64_t at);

/// "children" when a child lives with the client, else "partner" when only a partner does,
/// "alone" when nobody does, "other" otherwise.
std::string household_type(const model::Client& client);

/// The profile of an assessment's client as of `sealed_at`; the team is the client's, or
/// `device_team` when the client has none. Errors: not_found, storage errors.
Result<Profile> build_profile(store::Database& db, std::string_view assessment_id,
                              std::int64_t sealed_at, std::string_view device_team);

/// The profile as canonical JSON (as it is kept in the outbox) and back.
/// Errors: usage (not a profile).
Result<std::string> profile_json(const Profile& profile);
Result<Profile> parse_profile_json(std::string_view text);

}  // namespace kt::sync
