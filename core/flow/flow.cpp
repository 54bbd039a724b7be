#include "flow/flow.hpp"

#include "model/zrm.hpp"

namespace kt::flow {

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

State on_back(const State& s) {
    State n = s;
    if (s.step == Step::matrix) {
        n.step = Step::client;
        n.assessment_id.clear();
        n.domain = 0;
    } else if (s.step == Step::client) {
        n = State{};
        n.step = Step::clients;
    }
    return n;
}

State with_domain(const State& s, int domain) {
    if (s.step != Step::matrix || domain < 0 || domain >= zrm::kDomainCount) return s;
    State n = s;
    n.domain = domain;
    return n;
}

}  // namespace

State apply(const State& s, const Action& action) {
    return std::visit(Overloaded{
                          [&](const Unlocked&) {
                              return s.step == Step::unlock ? State{Step::clients, {}, {}, 0} : s;
                          },
                          [&](const Lock&) { return State{}; },
                          [&](const OpenClient& a) {
                              if (s.step != Step::clients || a.client_id.empty()) return s;
                              return State{Step::client, a.client_id, {}, 0};
                          },
                          [&](const OpenAssessment& a) {
                              if (s.step != Step::client || a.assessment_id.empty()) return s;
                              return State{Step::matrix, s.client_id, a.assessment_id, 0};
                          },
                          [&](const Back&) { return on_back(s); },
                          [&](const NextDomain&) { return with_domain(s, s.domain + 1); },
                          [&](const PrevDomain&) { return with_domain(s, s.domain - 1); },
                          [&](const JumpToDomain& a) { return with_domain(s, a.domain); },
                      },
                      action);
}

std::string_view to_string(Step step) {
    switch (step) {
        case Step::unlock:
            return "unlock";
        case Step::clients:
            return "clients";
        case Step::client:
            return "client";
        case Step::matrix:
            return "matrix";
    }
    return "unlock";
}

}  // namespace kt::flow
