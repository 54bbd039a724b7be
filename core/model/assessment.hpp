// Assessment: one ZRM measurement (intake, voortgang, afsluiting) of one client.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/zrm.hpp"

namespace kt::model {

enum class AssessmentKind { intake, voortgang, afsluiting };
enum class AssessmentStatus { draft, finished };

std::string_view to_string(AssessmentKind k);
std::optional<AssessmentKind> kind_from_string(std::string_view s);
std::string_view to_string(AssessmentStatus s);
/// locales/ key of a kind's display name: assessment.kind.<kind>
std::string kind_name_key(AssessmentKind k);

struct Assessment {
    std::string id;
    std::string client_id;
    AssessmentKind kind = AssessmentKind::intake;
    AssessmentStatus status = AssessmentStatus::draft;
    std::string instrument{zrm::kInstrumentVersion};
    std::int64_t started_at = 0;
    std::int64_t finished_at = 0;  // 0 while a draft
    /// Level 1..5 per domain in zrm::kDomains order; nullopt = not scored.
    std::array<std::optional<int>, zrm::kDomainCount> levels{};

    int scored_count() const;
};

}  // namespace kt::model
