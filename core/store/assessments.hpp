// Assessments and their ZRM scores in the vault. Every score is one transaction.
#pragma once

#include <cstdint>
#include <vector>

#include "model/assessment.hpp"
#include "store/database.hpp"

namespace kt::store {

/// Starts a draft assessment for a client; returns its id. The network map of the client's
/// latest earlier map is copied onto it (store/network.hpp). Errors: not_found (client).
Result<std::string> start_assessment(Database& db, std::string_view client_id,
                                     model::AssessmentKind kind, std::int64_t now);
/// The same with who is present, in the same transaction: both are stored or neither.
Result<std::string> start_assessment(Database& db, std::string_view client_id,
                                     model::AssessmentKind kind,
                                     const std::vector<model::Participant>& present,
                                     std::int64_t now);

/// Errors: not_found.
Result<model::Assessment> load_assessment(Database& db, std::string_view id);

/// All assessments of a client with their scores, newest first.
Result<std::vector<model::Assessment>> assessments_of(Database& db, std::string_view client_id);

/// The most recent assessment of the same client started before `current` (nullopt if none).
Result<std::optional<model::Assessment>> previous_assessment(Database& db,
                                                             const model::Assessment& current);

/// Stores (or replaces) a domain's level in one durable transaction.
/// Errors: usage (bad domain or level), not_found, invalid_state (not a draft), storage errors.
Status set_score(Database& db, std::string_view assessment_id, int domain_index, int level,
                 std::int64_t now);

/// Stores a domain's note, hulpvraag, goal, shares, outcome and unscored reason in one
/// transaction. A reason other than none removes the domain's score (a domain is scored or
/// explains why not). Errors: usage (bad domain, shares not summing to 100), not_found,
/// invalid_state (not a draft), storage errors.
Status set_domain_detail(Database& db, std::string_view assessment_id, int domain_index,
                         const model::DomainDetail& detail, std::int64_t now);

/// Replaces who was present. Errors: not_found, invalid_state, storage errors.
Status set_participants(Database& db, std::string_view assessment_id,
                        const std::vector<model::Participant>& present);

/// Only a draft may change: ok for a draft. Errors: not_found, invalid_state (finished),
/// storage errors. For the repositories of an assessment's parts (scores, network map).
Status require_draft(Database& db, std::string_view assessment_id);

/// Marks a draft finished; every domain must be scored or have a reason.
/// Errors: not_found, invalid_state (finished, or a domain still open).
Status finish_assessment(Database& db, std::string_view assessment_id, std::int64_t now);

}  // namespace kt::store
