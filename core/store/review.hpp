// The client's review and the signatures of a finished, not yet sealed assessment. Every
// change is one transaction with an audit row ("review_changed" or "signature_changed",
// object = the assessment id, a domain id at most; never the client's words or strokes).
#pragma once

#include <cstdint>
#include <string_view>

#include "model/review.hpp"
#include "store/database.hpp"

namespace kt::store {

/// The review as stored; defaults (locale nl, no answers, no signatures) when nothing was
/// recorded yet. Errors: not_found (no such assessment), storage errors.
Result<model::Review> load_review(Database& db, std::string_view assessment_id);

/// ok for a finished assessment that is not sealed. Errors: not_found, invalid_state (a draft,
/// or sealed), storage errors.
Status require_reviewable(Database& db, std::string_view assessment_id);

/// The language shown to the client (one of model::kReviewLocales).
/// Errors: usage (other locale), not_found, invalid_state, storage errors.
Status set_review_locale(Database& db, std::string_view assessment_id, std::string_view locale,
                         std::int64_t now);

/// The client's answer for one domain. Errors: usage (domain out of range, own_level outside
/// 1..5, or an own level without disagree), not_found, invalid_state, storage errors.
Status set_answer(Database& db, std::string_view assessment_id, int domain_index,
                  const model::DomainAnswer& answer, std::int64_t now);

/// Whether the client agrees with the network summary / the goals (none clears it).
/// Errors: not_found, invalid_state, storage errors.
Status set_network_agreement(Database& db, std::string_view assessment_id, model::Agreement a,
                             std::int64_t now);
Status set_goals_agreement(Database& db, std::string_view assessment_id, model::Agreement a,
                           std::int64_t now);

/// Stores a signature (or a refusal with its reason), replacing the signer's earlier one;
/// its signed_at is `now` and it takes the device's next sequence number. Points are kept to
/// 1/model::kStrokeScale. Errors: usage (model::signature_problem), not_found, invalid_state,
/// storage errors.
Status save_signature(Database& db, std::string_view assessment_id,
                      const model::Signature& signature, std::int64_t now);

/// Removes the signer's signature ("clear and sign again"); nothing happens when there is
/// none. Errors: not_found, invalid_state, storage errors.
Status clear_signature(Database& db, std::string_view assessment_id, model::Signer signer,
                       std::int64_t now);

/// The next device sequence number (kt_meta "device_seq"), strictly increasing per vault.
/// Runs inside the caller's transaction. Errors: storage errors.
Result<std::int64_t> next_device_seq(Database& db);

/// Strokes as stored: "x,y x,y;x,y" with x and y integers 0..model::kStrokeScale.
std::string encode_strokes(const std::vector<model::Stroke>& strokes);
/// Errors: damaged_vault (not that form).
Result<std::vector<model::Stroke>> decode_strokes(std::string_view text);

}  // namespace kt::store
