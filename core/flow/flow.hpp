// The conversation as a pure state machine. Steps: first_run (no vault yet: the setup) ->
// first_enroll (optional: sign up with the municipality) -> clients, or unlock -> clients -> client
// (-> client form) -> setup (who is present) -> matrix, plus settings. An orthogonal mode: worker,
// or locked (idle lock: the step is kept, nothing is shown, only the PIN or a full lock leads on).
// Handed to the client (State::client), only the review and signing steps of one assessment
// are reachable, with the lock; only ReturnToWorker (after the worker's PIN) leads out.
// One apply(state, action) holds every guard; actions that do not fit are ignored.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "model/assessment.hpp"

namespace kt::flow {

enum class Step {
    unlock,
    first_run,     // no vault at its place: welcome, name and team, passphrase, PIN
    first_enroll,  // the new vault is open: sign up with the municipality now or later
    pin_setup,
    clients,
    client_form,
    client,
    setup,
    matrix,
    settings,
    network,      // the network map of the open assessment (from the matrix)
    overview,     // the radar chart of the open assessment (from the matrix)
    review,       // client mode: one domain at a time in the client's words (domain 0..12)
    review_more,  // client mode: the network summary and the goals
    sign          // client mode: both signatures, then the seal
};
enum class Mode { worker, locked };

struct State {
    Step step = Step::unlock;
    Mode mode = Mode::worker;
    std::string client_id;      // from step client on; empty in client_form for a new client
    std::string assessment_id;  // in steps matrix, network and overview
    model::AssessmentKind kind = model::AssessmentKind::intake;  // in step setup
    int domain = 0;                                              // 0..12 in step matrix
    bool client = false;  // handed to the client: only review, review_more and sign

    bool operator==(const State&) const = default;
};

/// The passphrase opened the vault; without a PIN yet, the worker chooses one first.
struct Unlocked {
    bool needs_pin = false;
};
struct PinChosen {};
struct VaultCreated {};  // first_run -> first_enroll
struct FirstRunDone {};  // first_enroll -> clients (signed up, or "later")
struct Lock {};          // full lock: the vault closes, the passphrase is needed
struct IdleLock {};      // the screen locks; the PIN resumes
struct PinAccepted {};
struct NewClient {};
struct EditClient {};
struct ClientSaved {
    std::string client_id;
};
struct OpenClient {
    std::string client_id;
};
struct BeginAssessment {
    model::AssessmentKind kind;
};
struct OpenAssessment {
    std::string assessment_id;
    int domain = 0;
};
struct OpenSettings {};
struct OpenNetwork {};   // from the matrix; Back returns to the same domain
struct OpenOverview {};  // from the matrix; Back returns to the same domain
struct Back {};
/// Hands the tablet to the client for this finished assessment (from the client page).
struct HandOver {
    std::string assessment_id;
};
struct ToSigning {};       // review_more -> sign
struct ReturnToWorker {};  // out of client mode; the session sends it only after the PIN
struct NextDomain {};
struct PrevDomain {};
struct JumpToDomain {
    int domain = 0;
};

using Action =
    std::variant<Unlocked, PinChosen, VaultCreated, FirstRunDone, Lock, IdleLock, PinAccepted,
                 NewClient, EditClient, ClientSaved, OpenClient, BeginAssessment, OpenAssessment,
                 OpenSettings, OpenNetwork, OpenOverview, HandOver, ToSigning, ReturnToWorker, Back,
                 NextDomain, PrevDomain, JumpToDomain>;

/// The state after `action`; the same state when the action is not allowed here.
State apply(const State& state, const Action& action);

std::string_view to_string(Step step);

}  // namespace kt::flow
