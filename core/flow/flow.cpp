#include "flow/flow.hpp"

#include "model/zrm.hpp"
#include "util/overloaded.hpp"

namespace kt::flow {

namespace {

State at(Step step, std::string client = {}) {
    State s;
    s.step = step;
    s.client_id = std::move(client);
    return s;
}

State on_back(const State& s) {
    switch (s.step) {
        case Step::matrix:
        case Step::setup:
            return at(Step::client, s.client_id);
        case Step::client_form:
            return s.client_id.empty() ? at(Step::clients) : at(Step::client, s.client_id);
        case Step::client:
        case Step::settings:
            return at(Step::clients);
        case Step::network:
        case Step::overview: {
            State n = s;
            n.step = Step::matrix;
            return n;
        }
        default:
            return s;
    }
}

State with_domain(const State& s, int domain) {
    if (s.step != Step::matrix || domain < 0 || domain >= zrm::kDomainCount) return s;
    State n = s;
    n.domain = domain;
    return n;
}

State from_matrix(const State& s, Step to) {
    if (s.step != Step::matrix) return s;
    State n = s;
    n.step = to;
    return n;
}

// Worker-mode transitions; `s` is unlocked and in worker mode.
State apply_worker(const State& s, const Action& action) {
    return std::visit(
        Overloaded{
            [&](const Unlocked& a) {
                if (s.step != Step::unlock) return s;
                return at(a.needs_pin ? Step::pin_setup : Step::clients);
            },
            [&](const PinChosen&) { return s.step == Step::pin_setup ? at(Step::clients) : s; },
            [&](const VaultCreated&) {
                return s.step == Step::first_run ? at(Step::first_enroll) : s;
            },
            [&](const FirstRunDone&) {
                return s.step == Step::first_enroll ? at(Step::clients) : s;
            },
            [&](const Lock&) { return s.step == Step::first_run ? s : State{}; },
            [&](const IdleLock&) {
                if (s.step == Step::unlock || s.step == Step::pin_setup ||
                    s.step == Step::first_run)
                    return s;
                State n = s;
                n.mode = Mode::locked;
                return n;
            },
            [&](const PinAccepted&) { return s; },
            [&](const NewClient&) { return s.step == Step::clients ? at(Step::client_form) : s; },
            [&](const EditClient&) {
                return s.step == Step::client ? at(Step::client_form, s.client_id) : s;
            },
            [&](const ClientSaved& a) {
                return s.step == Step::client_form && !a.client_id.empty()
                           ? at(Step::client, a.client_id)
                           : s;
            },
            [&](const OpenClient& a) {
                return s.step == Step::clients && !a.client_id.empty()
                           ? at(Step::client, a.client_id)
                           : s;
            },
            [&](const BeginAssessment& a) {
                if (s.step != Step::client) return s;
                State n = at(Step::setup, s.client_id);
                n.kind = a.kind;
                return n;
            },
            [&](const OpenAssessment& a) {
                if ((s.step != Step::client && s.step != Step::setup) || a.assessment_id.empty())
                    return s;
                State n = at(Step::matrix, s.client_id);
                n.assessment_id = a.assessment_id;
                return with_domain(n, a.domain);
            },
            [&](const OpenSettings&) { return s.step == Step::clients ? at(Step::settings) : s; },
            [&](const OpenNetwork&) { return from_matrix(s, Step::network); },
            [&](const HandOver& a) {
                if (s.step != Step::client || a.assessment_id.empty()) return s;
                State n = at(Step::review, s.client_id);
                n.assessment_id = a.assessment_id;
                n.client = true;
                return n;
            },
            [&](const ToSigning&) { return s; },
            [&](const ReturnToWorker&) { return s; },
            [&](const OpenOverview&) { return from_matrix(s, Step::overview); },
            [&](const Back&) { return on_back(s); },
            [&](const NextDomain&) { return with_domain(s, s.domain + 1); },
            [&](const PrevDomain&) { return with_domain(s, s.domain - 1); },
            [&](const JumpToDomain& a) { return with_domain(s, a.domain); },
        },
        action);
}

State review_at(const State& s, Step step, int domain) {
    State n = s;
    n.step = step;
    n.domain = domain;
    return n;
}

// Client mode: the review of one assessment, its signing, the lock. Nothing else.
State apply_client(const State& s, const Action& action) {
    constexpr int kLast = zrm::kDomainCount - 1;
    return std::visit(Overloaded{
                          [&](const Lock&) { return State{}; },
                          [&](const IdleLock&) {
                              State n = s;
                              n.mode = Mode::locked;
                              return n;
                          },
                          [&](const ReturnToWorker&) { return at(Step::client, s.client_id); },
                          [&](const NextDomain&) {
                              if (s.step != Step::review) return s;
                              return s.domain < kLast ? review_at(s, Step::review, s.domain + 1)
                                                      : review_at(s, Step::review_more, 0);
                          },
                          [&](const PrevDomain&) {
                              if (s.step == Step::review_more)
                                  return review_at(s, Step::review, kLast);
                              if (s.step == Step::review && s.domain > 0)
                                  return review_at(s, Step::review, s.domain - 1);
                              return s;
                          },
                          [&](const JumpToDomain& a) {
                              if (s.step != Step::review || a.domain < 0 || a.domain > kLast)
                                  return s;
                              return review_at(s, Step::review, a.domain);
                          },
                          [&](const ToSigning&) {
                              return s.step == Step::review_more ? review_at(s, Step::sign, 0) : s;
                          },
                          [&](const Back&) {
                              if (s.step == Step::sign) return review_at(s, Step::review_more, 0);
                              if (s.step == Step::review_more)
                                  return review_at(s, Step::review, kLast);
                              return s;
                          },
                          [&](const auto&) { return s; },
                      },
                      action);
}

}  // namespace

State apply(const State& s, const Action& action) {
    if (s.client && s.mode == Mode::worker) return apply_client(s, action);
    if (s.mode == Mode::locked) {
        // Locked: nothing but the PIN or a full lock. The step stays where the worker was.
        if (std::holds_alternative<Lock>(action)) return State{};
        if (std::holds_alternative<PinAccepted>(action)) {
            State n = s;
            n.mode = Mode::worker;
            return n;
        }
        return s;
    }
    return apply_worker(s, action);
}

std::string_view to_string(Step step) {
    switch (step) {
        case Step::unlock:
            return "unlock";
        case Step::pin_setup:
            return "pin_setup";
        case Step::first_run:
            return "first_run";
        case Step::first_enroll:
            return "first_enroll";
        case Step::clients:
            return "clients";
        case Step::client_form:
            return "client_form";
        case Step::client:
            return "client";
        case Step::setup:
            return "setup";
        case Step::matrix:
            return "matrix";
        case Step::settings:
            return "settings";
        case Step::network:
            return "network";
        case Step::overview:
            return "overview";
        case Step::review:
            return "review";
        case Step::review_more:
            return "review_more";
        case Step::sign:
            return "sign";
    }
    return "unlock";
}

}  // namespace kt::flow
