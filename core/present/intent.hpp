// What a worker or a client asks for on a screen, and what came of it. Screens emit intents
// while drawing; Session::dispatch applies each to the vault and the flow after the frame and
// returns its Outcome: the message to show and the part of the screen it belongs to. A screen
// shows a success only from an Outcome, so never before the write it reports has succeeded.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "flow/flow.hpp"
#include "model/assessment.hpp"
#include "model/client.hpp"
#include "model/network.hpp"
#include "model/review.hpp"
#include "store/settings.hpp"
#include "store/worker.hpp"

namespace kt::present {

namespace intent {

// Secrets are views of the screen's wiped buffers: valid until the intent is dispatched, after
// which the screen wipes them.
struct SubmitPassphrase {
    std::string_view passphrase;
};
struct SubmitPin {  // the lock screen's PIN field
    std::string_view pin;
};
struct ChoosePin {  // the PIN setup fields
    std::string_view pin, repeated;
};
struct ChangePassphrase {  // the settings' three passphrase fields
    std::string_view old_passphrase, new_passphrase, repeated;
};
struct ReturnToWorker {  // out of client mode, with the worker's PIN
    std::string_view pin;
};
// The first run (flow::Step::first_run), one per page's button; the page is the session's.
struct SetupStart {};  // welcome -> name and team
struct SetupBack {};   // one page back
struct SetupWorker {
    store::Worker worker;
};
struct SetupPassphrase {
    std::string_view passphrase, repeated;
};
struct SetupCreate {  // the PIN twice: the vault is made with it
    std::string_view pin, repeated;
};
struct SaveClient {
    model::Client client;
};
struct StartAssessment {
    std::vector<model::Participant> present;
};
struct ResumeAssessment {
    std::string assessment_id;
};
struct ScoreLevel {
    int level = 0;
};
struct SetDetail {
    model::DomainDetail detail;
};
struct FinishAssessment {};
/// The interval, idle lock and wijk list; the PIN verifier is the session's own (not copied).
struct SaveSettings {
    store::Settings settings;
};
struct AddPerson {
    model::NetworkPerson person;
};
struct UpdatePerson {
    model::NetworkPerson person;
};
struct MovePerson {
    std::string person_id;
    int ring = 0;
};
struct RemovePerson {
    std::string person_id;
};
struct SetNetworkReasons {
    unsigned reasons = 0;
    std::string other;
};
struct SetNetworkNote {
    std::string note;
};
// Client mode.
struct ReopenAssessment {
    std::string assessment_id;
};
struct SetClientLocale {
    std::string locale;
};
struct AnswerDomain {
    model::DomainAnswer answer;
};
struct AgreeNetwork {
    model::Agreement agreement;
};
struct AgreeGoals {
    model::Agreement agreement;
};
struct SaveSignature {
    model::Signature signature;
};
struct ClearSignature {
    model::Signer signer;
};
struct SealAssessment {};
struct SyncNow {};  // "Nu verzenden"
struct EnrollDevice {
    std::string url, code;
};

}  // namespace intent

/// Every intent the session applies. Moving between steps (open a client, begin an
/// assessment, hand over, back, the next domain) is a flow::Action itself.
using Intent = std::variant<
    flow::Action, intent::SubmitPassphrase, intent::SubmitPin, intent::ChoosePin,
    intent::ChangePassphrase, intent::ReturnToWorker, intent::SetupStart, intent::SetupBack,
    intent::SetupWorker, intent::SetupPassphrase, intent::SetupCreate, intent::SaveClient,
    intent::StartAssessment, intent::ResumeAssessment, intent::ScoreLevel, intent::SetDetail,
    intent::FinishAssessment, intent::SaveSettings, intent::AddPerson, intent::UpdatePerson,
    intent::MovePerson, intent::RemovePerson, intent::SetNetworkReasons, intent::SetNetworkNote,
    intent::ReopenAssessment, intent::SetClientLocale, intent::AnswerDomain, intent::AgreeNetwork,
    intent::AgreeGoals, intent::SaveSignature, intent::ClearSignature, intent::SealAssessment,
    intent::SyncNow, intent::EnrollDevice>;

/// The part of a screen a message belongs to: the screen's own line (beside its main
/// button), or the settings' passphrase section.
enum class Area { screen, passphrase };

/// What came of an intent. `key` is the message key to show ("" when there is nothing to
/// say); `failed` says it is an error. `step` and `area` say where it is shown: a screen
/// shows only the outcomes of its own step and area.
struct Outcome {
    std::string key;
    bool failed = false;
    flow::Step step = flow::Step::unlock;
    Area area = Area::screen;

    bool shown_at(flow::Step s, Area a = Area::screen) const {
        return !key.empty() && step == s && area == a;
    }
};

}  // namespace kt::present
