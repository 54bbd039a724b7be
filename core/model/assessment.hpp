// Assessment: one ZRM measurement (intake, voortgang, afsluiting) of one client.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/zrm.hpp"

namespace kt::model {

enum class AssessmentKind { intake, voortgang, afsluiting };
enum class AssessmentStatus { draft, finished };

std::string_view to_string(AssessmentKind k);
std::optional<AssessmentKind> kind_from_string(std::string_view s);
std::string_view to_string(AssessmentStatus s);
/// locales/ key of a kind's display name: assessment.kind.<kind>
std::string kind_name_key(AssessmentKind k);

/// Who sat at the table.
enum class ParticipantRole {
    client,
    partner,
    family,
    neighbour,
    representative,
    professional,
    other
};
inline constexpr ParticipantRole kParticipantRoles[] = {
    ParticipantRole::client,    ParticipantRole::partner,        ParticipantRole::family,
    ParticipantRole::neighbour, ParticipantRole::representative, ParticipantRole::professional,
    ParticipantRole::other};
std::string_view to_string(ParticipantRole r);
std::optional<ParticipantRole> role_from_string(std::string_view s);

struct Participant {
    ParticipantRole role = ParticipantRole::client;
    std::string detail;  // the representative's role ("zaakwaarnemer") or the profession
    bool operator==(const Participant&) const = default;
};

/// The conclusion per domain on the seeds' ladder (zrm-2017.md §5.1 item 7).
enum class Outcome { none, zelfredzaam, netwerk, algemene_voorziening, professionele_hulp };
inline constexpr Outcome kOutcomes[] = {Outcome::zelfredzaam, Outcome::netwerk,
                                        Outcome::algemene_voorziening, Outcome::professionele_hulp};
/// Why a domain has no score.
enum class UnscoredReason { none, not_discussed, unknown, not_applicable };
inline constexpr UnscoredReason kUnscoredReasons[] = {
    UnscoredReason::not_discussed, UnscoredReason::unknown, UnscoredReason::not_applicable};
std::string_view to_string(Outcome o);
std::string_view to_string(UnscoredReason r);
Outcome outcome_from_string(std::string_view s);
UnscoredReason reason_from_string(std::string_view s);

/// The story behind a domain's number. Shares are percentages of the current situation
/// carried by own strength, the network and professional help (ZRM-Krachtenwijzer);
/// -1 when not recorded, otherwise they sum to 100.
struct DomainDetail {
    std::string note;
    std::string hulpvraag;
    bool goal = false;
    int share_own = -1;
    int share_network = -1;
    int share_professional = -1;
    Outcome outcome = Outcome::none;
    UnscoredReason unscored = UnscoredReason::none;
    bool operator==(const DomainDetail&) const = default;
    bool has_shares() const { return share_own >= 0; }
};

struct Assessment {
    std::string id;
    std::string client_id;
    AssessmentKind kind = AssessmentKind::intake;
    AssessmentStatus status = AssessmentStatus::draft;
    std::string instrument{zrm::kInstrumentVersion};
    std::int64_t started_at = 0;
    std::int64_t finished_at = 0;  // 0 while a draft
    /// 1, plus one for each reopening after a seal (store/seal.hpp).
    int version = 1;
    /// When this version was sealed (status stays finished); 0 while not sealed.
    std::int64_t sealed_at = 0;
    /// Level 1..5 per domain in zrm::kDomains order; nullopt = not scored.
    std::array<std::optional<int>, zrm::kDomainCount> levels{};
    std::array<DomainDetail, zrm::kDomainCount> details{};
    std::vector<Participant> present;

    bool sealed() const { return sealed_at != 0; }
    int scored_count() const;
    /// Domains with a score or a reason for having none.
    int settled_count() const;
    /// Every domain is scored or has a reason: the assessment may be finished.
    bool complete() const { return settled_count() == zrm::kDomainCount; }
    /// The first domain with neither score nor reason (0 when complete).
    int first_open_domain() const;
};

}  // namespace kt::model
