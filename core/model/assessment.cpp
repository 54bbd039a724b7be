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

int Assessment::scored_count() const {
    int n = 0;
    for (const auto& l : levels)
        n += l.has_value() ? 1 : 0;
    return n;
}

}  // namespace kt::model
