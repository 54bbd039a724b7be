// What screens ask for. Screens emit commands while drawing; the app applies them to the
// session after the frame is rendered (a screen never touches storage).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "flow/flow.hpp"
#include "model/assessment.hpp"

namespace kt::kiosk {

struct SubmitPassphrase {};
struct OpenClient {
    std::string client_id;
};
struct StartAssessment {
    model::AssessmentKind kind;
};
struct ResumeAssessment {
    std::string assessment_id;
};
struct ScoreLevel {
    int level = 0;
};
struct FinishAssessment {};
struct Navigate {
    flow::Action action;
};

using Command = std::variant<SubmitPassphrase, OpenClient, StartAssessment, ResumeAssessment,
                             ScoreLevel, FinishAssessment, Navigate>;
using Commands = std::vector<Command>;

}  // namespace kt::kiosk
