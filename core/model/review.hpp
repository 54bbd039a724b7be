// The client's review of a finished assessment and the signatures under it: per domain agree
// or disagree (with the client's own level and words), the network summary and goals agreed,
// and finger-drawn signatures stored as static traces only (security-tests.md §5, T-34).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/zrm.hpp"

namespace kt::model {

enum class Agreement { none, agree, disagree };
std::string_view to_string(Agreement a);  // "", "agree", "disagree"
Agreement agreement_from_string(std::string_view s);

/// The client's answer for one domain. `own_level` (1..5) only with disagree.
struct DomainAnswer {
    Agreement agreement = Agreement::none;
    std::optional<int> own_level;
    std::string own_words;
    bool operator==(const DomainAnswer&) const = default;
};

/// A point on the signature pad, normalised to 0..1 of the pad's width and height.
/// Deliberately no time stamp and no pressure: signing dynamics are biometric data (T-34).
struct Point {
    float x = 0;
    float y = 0;
    bool operator==(const Point&) const = default;
};
struct Stroke {
    std::vector<Point> points;
    bool operator==(const Stroke&) const = default;
};

enum class Signer { client, representative, worker };
inline constexpr Signer kSigners[] = {Signer::client, Signer::representative, Signer::worker};
std::string_view to_string(Signer s);
std::optional<Signer> signer_from_string(std::string_view s);

/// Stored points are quantised to 1/kStrokeScale of the pad (the sealed record holds them as
/// integers 0..kStrokeScale, so the canonical form never depends on float printing).
inline constexpr int kStrokeScale = 10000;
/// Limits that keep one signature a signature: strokes and points per signature.
inline constexpr std::size_t kMaxStrokes = 200;
inline constexpr std::size_t kMaxPoints = 20000;

struct Signature {
    Signer signer = Signer::client;
    std::string role;  // a representative's role ("bewindvoerder"); empty otherwise
    std::vector<Stroke> strokes;
    bool refused = false;        // the client or representative chose not to sign
    std::string refusal_reason;  // optional when refused: the client need not justify it
    std::int64_t signed_at = 0;  // set by the store
    bool operator==(const Signature&) const = default;
};

/// Problems of a signature as input: nullptr when fine, else developer English.
/// Checks points inside 0..1, the limits, strokes present unless refused, a reason only with a
/// refusal (never required: refusing needs no justification), no refusal by the worker, a role
/// only for a representative (and required there).
const char* signature_problem(const Signature& s);

/// The languages a client may review in.
inline constexpr std::array<std::string_view, 5> kReviewLocales = {"nl", "en", "tr", "pl", "ar"};
bool is_review_locale(std::string_view locale);

struct Review {
    std::string assessment_id;
    std::string locale = "nl";  // the language the client was shown
    std::array<DomainAnswer, zrm::kDomainCount> answers{};
    Agreement network_agreed = Agreement::none;
    Agreement goals_agreed = Agreement::none;
    std::vector<Signature> signatures;  // at most one per signer, in kSigners order

    const Signature* signature(Signer s) const;
};

/// The review may be sealed: the worker signed, and the client or a representative signed,
/// or the client refused (with or without a reason).
bool ready_to_seal(const Review& review);

}  // namespace kt::model
