// The flow state machine, table-driven: every (step, action) pair and the domain bounds.
#include "flow/flow.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/zrm.hpp"

using namespace kt::flow;

namespace {

const State kUnlock{};
const State kClients{Step::clients, "", "", 0};
const State kClient{Step::client, "c1", "", 0};
const State kMatrix{Step::matrix, "c1", "a1", 5};

State at_domain(const State& s, int domain) {
    State n = s;
    n.domain = domain;
    return n;
}

const State& start_of(Step step) {
    switch (step) {
        case Step::unlock:
            return kUnlock;
        case Step::clients:
            return kClients;
        case Step::client:
            return kClient;
        case Step::matrix:
            return kMatrix;
    }
    return kUnlock;
}

struct Row {
    Step from;
    const char* action_name;
    Action action;
    State expected;
};

// Each step's rows list every action; unchanged rows show which guards hold.
const std::vector<Row>& rows() {
    static const std::vector<Row> table = {
        {Step::unlock, "Unlocked", Unlocked{}, kClients},
        {Step::unlock, "Lock", Lock{}, kUnlock},
        {Step::unlock, "OpenClient c2", OpenClient{"c2"}, kUnlock},
        {Step::unlock, "OpenAssessment a2", OpenAssessment{"a2"}, kUnlock},
        {Step::unlock, "Back", Back{}, kUnlock},
        {Step::unlock, "NextDomain", NextDomain{}, kUnlock},
        {Step::unlock, "PrevDomain", PrevDomain{}, kUnlock},
        {Step::unlock, "JumpToDomain 9", JumpToDomain{9}, kUnlock},

        {Step::clients, "Unlocked", Unlocked{}, kClients},
        {Step::clients, "Lock", Lock{}, kUnlock},
        {Step::clients, "OpenClient c2", OpenClient{"c2"}, State{Step::client, "c2", "", 0}},
        {Step::clients, "OpenClient empty", OpenClient{""}, kClients},
        {Step::clients, "OpenAssessment a2", OpenAssessment{"a2"}, kClients},
        {Step::clients, "Back", Back{}, kClients},
        {Step::clients, "NextDomain", NextDomain{}, kClients},
        {Step::clients, "PrevDomain", PrevDomain{}, kClients},
        {Step::clients, "JumpToDomain 9", JumpToDomain{9}, kClients},

        {Step::client, "Unlocked", Unlocked{}, kClient},
        {Step::client, "Lock", Lock{}, kUnlock},
        {Step::client, "OpenClient c2", OpenClient{"c2"}, kClient},
        {Step::client, "OpenAssessment a2", OpenAssessment{"a2"},
         State{Step::matrix, "c1", "a2", 0}},
        {Step::client, "OpenAssessment empty", OpenAssessment{""}, kClient},
        {Step::client, "Back", Back{}, kClients},
        {Step::client, "NextDomain", NextDomain{}, kClient},
        {Step::client, "PrevDomain", PrevDomain{}, kClient},
        {Step::client, "JumpToDomain 9", JumpToDomain{9}, kClient},

        {Step::matrix, "Unlocked", Unlocked{}, kMatrix},
        {Step::matrix, "Lock", Lock{}, kUnlock},
        {Step::matrix, "OpenClient c2", OpenClient{"c2"}, kMatrix},
        {Step::matrix, "OpenAssessment a2", OpenAssessment{"a2"}, kMatrix},
        {Step::matrix, "Back", Back{}, kClient},
        {Step::matrix, "NextDomain", NextDomain{}, at_domain(kMatrix, 6)},
        {Step::matrix, "PrevDomain", PrevDomain{}, at_domain(kMatrix, 4)},
        {Step::matrix, "JumpToDomain 9", JumpToDomain{9}, at_domain(kMatrix, 9)},
        {Step::matrix, "JumpToDomain 13", JumpToDomain{13}, kMatrix},
        {Step::matrix, "JumpToDomain -1", JumpToDomain{-1}, kMatrix},
    };
    return table;
}

}  // namespace

TEST_CASE("every step answers every action as the flow table says") {
    for (const auto& row : rows()) {
        CAPTURE(std::string(to_string(row.from)), row.action_name);
        const State next = apply(start_of(row.from), row.action);
        CHECK(std::string(to_string(next.step)) == std::string(to_string(row.expected.step)));
        CHECK(next.client_id == row.expected.client_id);
        CHECK(next.assessment_id == row.expected.assessment_id);
        CHECK(next.domain == row.expected.domain);
    }
}

TEST_CASE("the flow table covers every pair of step and action") {
    std::set<std::pair<Step, std::size_t>> covered;
    for (const auto& row : rows())
        covered.insert({row.from, row.action.index()});
    const std::size_t steps = 4;  // unlock, clients, client, matrix
    CHECK(covered.size() == steps * std::variant_size_v<Action>);
}

TEST_CASE("locking from any step forgets the client and the assessment") {
    for (Step s : {Step::unlock, Step::clients, Step::client, Step::matrix}) {
        CAPTURE(std::string(to_string(s)));
        CHECK(apply(start_of(s), Lock{}) == State{});
    }
}

TEST_CASE("next domain walks from the first domain to the thirteenth and stops there") {
    State s{Step::matrix, "c1", "a1", 0};
    for (int expected = 1; expected < kt::zrm::kDomainCount; ++expected) {
        s = apply(s, NextDomain{});
        CHECK(s.domain == expected);
    }
    CHECK(s.domain == 12);
    CHECK(apply(s, NextDomain{}) == s);
}

TEST_CASE("previous domain stops at the first domain") {
    State s{Step::matrix, "c1", "a1", 2};
    s = apply(apply(s, PrevDomain{}), PrevDomain{});
    CHECK(s.domain == 0);
    CHECK(apply(s, PrevDomain{}) == s);
}

TEST_CASE("jumping accepts domains 0 to 12 and ignores every other number") {
    const State s{Step::matrix, "c1", "a1", 5};
    for (int d = -3; d <= 16; ++d) {
        CAPTURE(d);
        const int expected = d >= 0 && d <= 12 ? d : 5;
        CHECK(apply(s, JumpToDomain{d}).domain == expected);
    }
}

TEST_CASE("leaving the matrix resets the domain for the next assessment") {
    const State back = apply(at_domain(kMatrix, 11), Back{});
    CHECK(back == kClient);
    CHECK(apply(back, OpenAssessment{"a3"}).domain == 0);
}

TEST_CASE("every step has its own name") {
    std::set<std::string> names;
    for (Step s : {Step::unlock, Step::clients, Step::client, Step::matrix})
        names.insert(std::string(to_string(s)));
    CHECK(names == std::set<std::string>{"unlock", "clients", "client", "matrix"});
}
