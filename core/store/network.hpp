// The network map of an assessment in the vault. Every change is one transaction with an
// audit row ("network_changed", object = the assessment id; never a label or a note), and
// only a draft assessment's map may change, like its scores.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/network.hpp"
#include "store/database.hpp"

namespace kt::store {

/// The map of an assessment; an empty map (no people, no reasons) when nothing was recorded.
/// Errors: not_found (no such assessment), storage errors.
Result<model::NetworkMap> load_network(Database& db, std::string_view assessment_id);

/// Adds a person at the end of the map and returns the new id (`person.id` is ignored).
/// Errors: usage (empty or too long label, ring outside 0..2, the map already holds
/// kMaxNetworkPeople), not_found, invalid_state (not a draft), storage errors.
Result<std::string> add_person(Database& db, std::string_view assessment_id,
                               const model::NetworkPerson& person, std::int64_t now);

/// Replaces everything about `person` (found by its id). A carer load is kept only while
/// the person gives care. Errors: usage, not_found (assessment or person on its map),
/// invalid_state, storage errors.
Status update_person(Database& db, std::string_view assessment_id,
                     const model::NetworkPerson& person, std::int64_t now);

/// Moves a person to another ring (a drag on the map). Errors: usage (ring), not_found,
/// invalid_state, storage errors.
Status move_person(Database& db, std::string_view assessment_id, std::string_view person_id,
                   int ring, std::int64_t now);

/// Errors: not_found (assessment or person), invalid_state, storage errors.
Status remove_person(Database& db, std::string_view assessment_id, std::string_view person_id,
                     std::int64_t now);

/// Stores why the client does not ask more (AskReason bits) and the client's own words for
/// "other" (cleared when that bit is not set). Errors: usage (unknown bits), not_found,
/// invalid_state, storage errors.
Status set_network_reasons(Database& db, std::string_view assessment_id, unsigned reasons,
                           std::string_view other_reason, std::int64_t now);

/// Errors: not_found, invalid_state, storage errors.
Status set_network_note(Database& db, std::string_view assessment_id, std::string_view note,
                        std::int64_t now);

/// Copies the map of the client's most recent earlier assessment that has one (people with
/// new ids, reasons, note) onto `assessment_id`, when that one has no map yet; nothing
/// happens otherwise. Runs inside the caller's transaction when one is open (start_assessment
/// calls it). Errors: not_found (assessment), storage errors.
Status prefill_network_from_previous(Database& db, std::string_view assessment_id,
                                     std::int64_t now);

}  // namespace kt::store
