// The conversation as a pure state machine: unlock -> clients -> client -> matrix.
// One apply(state, action) holds every guard; actions that do not fit the step are ignored.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace kt::flow {

enum class Step { unlock, clients, client, matrix };

struct State {
    Step step = Step::unlock;
    std::string client_id;      // set from step client on
    std::string assessment_id;  // set in step matrix
    int domain = 0;             // 0..12, the domain shown in step matrix

    bool operator==(const State&) const = default;
};

struct Unlocked {};
struct Lock {};
struct OpenClient {
    std::string client_id;
};
struct OpenAssessment {
    std::string assessment_id;
};
struct Back {};
struct NextDomain {};
struct PrevDomain {};
struct JumpToDomain {
    int domain = 0;
};

using Action = std::variant<Unlocked, Lock, OpenClient, OpenAssessment, Back, NextDomain,
                            PrevDomain, JumpToDomain>;

/// The state after `action`; the same state when the action is not allowed in this step.
State apply(const State& state, const Action& action);

std::string_view to_string(Step step);

}  // namespace kt::flow
