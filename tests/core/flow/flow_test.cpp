// The flow state machine, table-driven: every (step, action) pair in worker mode, every action
// in locked mode, and the domain bounds.
#include "flow/flow.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "model/zrm.hpp"

using namespace kt::flow;
using kt::model::AssessmentKind;

namespace {

State make(Step step, std::string client = {}, std::string assessment = {}, int domain = 0) {
    State s;
    s.step = step;
    s.client_id = std::move(client);
    s.assessment_id = std::move(assessment);
    s.domain = domain;
    return s;
}

// The state each step is tested from.
State start_of(Step step) {
    switch (step) {
        case Step::client:
        case Step::settings:
        case Step::pin_setup:
            return make(step, step == Step::client ? "c1" : "");
        case Step::client_form:
            return make(step, "c1");
        case Step::setup: {
            State s = make(step, "c1");
            s.kind = AssessmentKind::voortgang;
            return s;
        }
        case Step::matrix:
        case Step::network:
        case Step::overview:
            return make(step, "c1", "a1", 5);
        default:
            return make(step);
    }
}

const std::vector<Step> kSteps = {Step::unlock,    Step::first_run, Step::first_enroll,
                                  Step::pin_setup, Step::clients,   Step::client_form,
                                  Step::client,    Step::setup,     Step::matrix,
                                  Step::settings,  Step::network,   Step::overview};

struct Named {
    const char* name;
    Action action;
};

const std::vector<Named>& all_actions() {
    // Built statement by statement: one braced list of variants costs GCC gigabytes.
    static const std::vector<Named> list = [] {
        std::vector<Named> l;
        const auto add = [&l](const char* name, Action a) { l.push_back({name, std::move(a)}); };
        add("Unlocked", Unlocked{false});
        add("Unlocked needs pin", Unlocked{true});
        add("PinChosen", PinChosen{});
        add("VaultCreated", VaultCreated{});
        add("FirstRunDone", FirstRunDone{});
        add("Lock", Lock{});
        add("IdleLock", IdleLock{});
        add("PinAccepted", PinAccepted{});
        add("NewClient", NewClient{});
        add("EditClient", EditClient{});
        add("ClientSaved c2", ClientSaved{"c2"});
        add("ClientSaved empty", ClientSaved{""});
        add("OpenClient c2", OpenClient{"c2"});
        add("OpenClient empty", OpenClient{""});
        add("BeginAssessment afsluiting", BeginAssessment{AssessmentKind::afsluiting});
        add("OpenAssessment a2@3", OpenAssessment{"a2", 3});
        add("OpenAssessment empty", OpenAssessment{"", 0});
        add("OpenSettings", OpenSettings{});
        add("OpenNetwork", OpenNetwork{});
        add("OpenOverview", OpenOverview{});
        add("HandOver a2", HandOver{"a2"});
        add("HandOver empty", HandOver{""});
        add("ToSigning", ToSigning{});
        add("ReturnToWorker", ReturnToWorker{});
        add("Back", Back{});
        add("NextDomain", NextDomain{});
        add("PrevDomain", PrevDomain{});
        add("JumpToDomain 9", JumpToDomain{9});
        return l;
    }();
    return list;
}

struct Row {
    Step from;
    const char* action;
    State expected;
};

State locked(State s) {
    s.mode = Mode::locked;
    return s;
}

State handed_over(State s) {
    s.client = true;
    return s;
}

State with_kind(State s, AssessmentKind k) {
    s.kind = k;
    return s;
}

// Every transition that changes the state. Any (step, action) pair not listed must not.
const std::vector<Row>& changes() {
    const State unlock = make(Step::unlock);
    // Built statement by statement: one braced list of states costs GCC gigabytes.
    static const std::vector<Row> rows = [&] {
        std::vector<Row> r;
        const auto add = [&r](Step from, const char* action, State expected) {
            r.push_back({from, action, std::move(expected)});
        };
        add(Step::unlock, "Unlocked", make(Step::clients));
        add(Step::unlock, "Unlocked needs pin", make(Step::pin_setup));
        add(Step::pin_setup, "PinChosen", make(Step::clients));
        // First run: nothing to lock before the vault exists; after it, as the client list.
        add(Step::first_run, "VaultCreated", make(Step::first_enroll));
        add(Step::first_enroll, "FirstRunDone", make(Step::clients));
        add(Step::first_enroll, "Lock", unlock);
        add(Step::first_enroll, "IdleLock", locked(start_of(Step::first_enroll)));
        add(Step::pin_setup, "Lock", unlock);
        add(Step::clients, "Lock", unlock);
        add(Step::clients, "IdleLock", locked(start_of(Step::clients)));
        add(Step::clients, "NewClient", make(Step::client_form));
        add(Step::clients, "OpenClient c2", make(Step::client, "c2"));
        add(Step::clients, "OpenSettings", make(Step::settings));
        add(Step::client_form, "Lock", unlock);
        add(Step::client_form, "IdleLock", locked(start_of(Step::client_form)));
        add(Step::client_form, "ClientSaved c2", make(Step::client, "c2"));
        add(Step::client_form, "Back", make(Step::client, "c1"));
        add(Step::client, "Lock", unlock);
        add(Step::client, "IdleLock", locked(start_of(Step::client)));
        add(Step::client, "EditClient", make(Step::client_form, "c1"));
        add(Step::client, "BeginAssessment afsluiting",
            with_kind(make(Step::setup, "c1"), AssessmentKind::afsluiting));
        add(Step::client, "OpenAssessment a2@3", make(Step::matrix, "c1", "a2", 3));
        add(Step::client, "Back", make(Step::clients));
        add(Step::client, "HandOver a2", handed_over(make(Step::review, "c1", "a2", 0)));
        add(Step::setup, "Lock", unlock);
        add(Step::setup, "IdleLock", locked(start_of(Step::setup)));
        add(Step::setup, "OpenAssessment a2@3", make(Step::matrix, "c1", "a2", 3));
        add(Step::setup, "Back", make(Step::client, "c1"));
        add(Step::matrix, "Lock", unlock);
        add(Step::matrix, "IdleLock", locked(start_of(Step::matrix)));
        add(Step::matrix, "Back", make(Step::client, "c1"));
        add(Step::matrix, "NextDomain", make(Step::matrix, "c1", "a1", 6));
        add(Step::matrix, "PrevDomain", make(Step::matrix, "c1", "a1", 4));
        add(Step::matrix, "JumpToDomain 9", make(Step::matrix, "c1", "a1", 9));
        add(Step::matrix, "OpenNetwork", make(Step::network, "c1", "a1", 5));
        add(Step::matrix, "OpenOverview", make(Step::overview, "c1", "a1", 5));
        add(Step::network, "Lock", unlock);
        add(Step::network, "IdleLock", locked(start_of(Step::network)));
        add(Step::network, "Back", make(Step::matrix, "c1", "a1", 5));
        add(Step::overview, "Lock", unlock);
        add(Step::overview, "IdleLock", locked(start_of(Step::overview)));
        add(Step::overview, "Back", make(Step::matrix, "c1", "a1", 5));
        add(Step::settings, "Lock", unlock);
        add(Step::settings, "IdleLock", locked(start_of(Step::settings)));
        add(Step::settings, "Back", make(Step::clients));
        return r;
    }();
    return rows;
}

const Row* find_row(Step step, const std::string& action) {
    for (const auto& r : changes())
        if (r.from == step && action == r.action) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("every step answers every action as the transition table says", "[flow]") {
    for (Step step : kSteps) {
        for (const auto& a : all_actions()) {
            const State from = start_of(step);
            const Row* row = find_row(step, a.name);
            CAPTURE(to_string(step), a.name);
            CHECK(apply(from, a.action) == (row ? row->expected : from));
        }
    }
}

TEST_CASE("every row of the transition table names a real step and action", "[flow]") {
    for (const auto& r : changes()) {
        bool known = false;
        for (const auto& a : all_actions())
            known = known || std::string(a.name) == r.action;
        CAPTURE(r.action);
        CHECK(known);
    }
}

TEST_CASE("a locked screen answers only the PIN and a full lock, and keeps the place", "[flow]") {
    for (Step step : kSteps) {
        if (step == Step::unlock || step == Step::pin_setup) continue;
        const State l = locked(start_of(step));
        for (const auto& a : all_actions()) {
            CAPTURE(to_string(step), a.name);
            const State next = apply(l, a.action);
            if (std::holds_alternative<PinAccepted>(a.action))
                CHECK(next == start_of(step));
            else if (std::holds_alternative<Lock>(a.action))
                CHECK(next == make(Step::unlock));
            else
                CHECK(next == l);
        }
    }
}

TEST_CASE("the matrix never leaves the 13 domains", "[flow]") {
    State s = make(Step::matrix, "c1", "a1", 0);
    CHECK(apply(s, PrevDomain{}) == s);
    for (int i = 0; i < 20; ++i)
        s = apply(s, NextDomain{});
    CHECK(s.domain == kt::zrm::kDomainCount - 1);
    CHECK(apply(s, JumpToDomain{13}) == s);
    CHECK(apply(s, JumpToDomain{-1}) == s);
    CHECK(apply(s, JumpToDomain{0}).domain == 0);
}

TEST_CASE("opening an assessment lands on the requested domain, within bounds", "[flow]") {
    const State client = make(Step::client, "c1");
    CHECK(apply(client, OpenAssessment{"a1", 7}).domain == 7);
    CHECK(apply(client, OpenAssessment{"a1", 99}).domain == 0);
}

namespace {

// Every state the client can be in: each review domain, the network and goals, signing.
std::vector<State> client_states() {
    std::vector<State> out;
    for (int d = 0; d < kt::zrm::kDomainCount; ++d)
        out.push_back(handed_over(make(Step::review, "c1", "a1", d)));
    out.push_back(handed_over(make(Step::review_more, "c1", "a1", 0)));
    out.push_back(handed_over(make(Step::sign, "c1", "a1", 0)));
    return out;
}

bool is_client_step(Step s) {
    return s == Step::review || s == Step::review_more || s == Step::sign;
}

// The T-38 invariant for one transition out of client mode state `from`.
bool stays_with_the_client(const State& from, const Action& a, const State& to) {
    if (std::holds_alternative<Lock>(a)) return to == make(Step::unlock);
    if (std::holds_alternative<ReturnToWorker>(a)) return to == make(Step::client, "c1");
    if (to.mode == Mode::locked) return std::holds_alternative<IdleLock>(a) && to.client;
    return to.client && to.mode == Mode::worker && is_client_step(to.step) &&
           to.client_id == from.client_id && to.assessment_id == from.assessment_id;
}

}  // namespace

TEST_CASE("T-38 client mode: no action leads to another client, the list, settings or export",
          "[flow][security]") {
    int transitions = 0, escapes = 0;
    for (const State& from : client_states()) {
        for (const auto& a : all_actions()) {
            CAPTURE(to_string(from.step), from.domain, a.name);
            const State to = kt::flow::apply(from, a.action);
            ++transitions;
            if (!stays_with_the_client(from, a.action, to)) ++escapes;
            CHECK(stays_with_the_client(from, a.action, to));
        }
    }
    // Random walks: long sequences of any action except the PIN exit never leave client mode.
    std::uint32_t seed = 12345;
    const auto& actions = all_actions();
    for (int walk = 0; walk < 500; ++walk) {
        State s = client_states()[walk % client_states().size()];
        for (int step = 0; step < 60; ++step) {
            seed = seed * 1664525u + 1013904223u;
            const auto& a = actions[(seed >> 8) % actions.size()];
            if (std::holds_alternative<ReturnToWorker>(a.action) ||
                std::holds_alternative<Lock>(a.action))
                continue;
            const State next = kt::flow::apply(s, a.action);
            ++transitions;
            const bool ok = next.client && next.client_id == "c1" && next.assessment_id == "a1" &&
                            is_client_step(next.step);
            if (!ok) ++escapes;
            REQUIRE(ok);
            s = next;
        }
    }
    std::printf("T-38: %d client-mode transitions tried, %d left the assessment\n", transitions,
                escapes);
}

TEST_CASE("client mode walks the 13 domains, then network and goals, then signing", "[flow]") {
    State s = apply(make(Step::client, "c1"), HandOver{"a1"});
    REQUIRE(s.step == Step::review);
    for (int i = 0; i < 12; ++i)
        s = apply(s, NextDomain{});
    CHECK(s.domain == 12);
    s = apply(s, NextDomain{});
    CHECK(s.step == Step::review_more);
    s = apply(s, ToSigning{});
    CHECK(s.step == Step::sign);
    s = apply(s, Back{});
    CHECK(s.step == Step::review_more);
    // Idle lock and PIN keep the client mode and the place.
    const State locked_here = apply(s, IdleLock{});
    CHECK(apply(locked_here, PinAccepted{}) == s);
    CHECK(apply(s, ReturnToWorker{}) == make(Step::client, "c1"));
}
