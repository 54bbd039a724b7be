#include "model/assessment.hpp"

namespace kt::model {

std::string_view to_string(AssessmentKind k) {
    switch (k) {
        case AssessmentKind::intake:
            return "intake";
        case AssessmentKind::voortgang:
            return "voortgang";
        case AssessmentKind::afsluiting:
            return "afsluiting";
    }
    return "intake";
}

std::optional<AssessmentKind> kind_from_string(std::string_view s) {
    if (s == "intake") return AssessmentKind::intake;
    if (s == "voortgang") return AssessmentKind::voortgang;
    if (s == "afsluiting") return AssessmentKind::afsluiting;
    return std::nullopt;
}

std::string_view to_string(AssessmentStatus s) {
    return s == AssessmentStatus::finished ? "finished" : "draft";
}

std::string kind_name_key(AssessmentKind k) {
    return "assessment.kind." + std::string(to_string(k));
}

namespace {
constexpr std::string_view kRoleNames[] = {"client",         "partner",      "family", "neighbour",
                                           "representative", "professional", "other"};
constexpr std::string_view kOutcomeNames[] = {"", "zelfredzaam", "netwerk", "algemene_voorziening",
                                              "professionele_hulp"};
constexpr std::string_view kReasonNames[] = {"", "not_discussed", "unknown", "not_applicable"};
}  // namespace

std::string_view to_string(ParticipantRole r) {
    return kRoleNames[static_cast<int>(r)];
}

std::optional<ParticipantRole> role_from_string(std::string_view s) {
    for (ParticipantRole r : kParticipantRoles)
        if (to_string(r) == s) return r;
    return std::nullopt;
}

std::string_view to_string(Outcome o) {
    return kOutcomeNames[static_cast<int>(o)];
}
std::string_view to_string(UnscoredReason r) {
    return kReasonNames[static_cast<int>(r)];
}

Outcome outcome_from_string(std::string_view s) {
    for (Outcome o : kOutcomes)
        if (to_string(o) == s) return o;
    return Outcome::none;
}

UnscoredReason reason_from_string(std::string_view s) {
    for (UnscoredReason r : kUnscoredReasons)
        if (to_string(r) == s) return r;
    return UnscoredReason::none;
}

int Assessment::settled_count() const {
    int n = 0;
    for (int i = 0; i < zrm::kDomainCount; ++i)
        n += (levels[std::size_t(i)] || details[std::size_t(i)].unscored != UnscoredReason::none)
                 ? 1
                 : 0;
    return n;
}

int Assessment::first_open_domain() const {
    for (int i = 0; i < zrm::kDomainCount; ++i)
        if (!levels[std::size_t(i)] && details[std::size_t(i)].unscored == UnscoredReason::none)
            return i;
    return 0;
}

int Assessment::scored_count() const {
    int n = 0;
    for (const auto& l : levels)
        n += l.has_value() ? 1 : 0;
    return n;
}

}  // namespace kt::model
