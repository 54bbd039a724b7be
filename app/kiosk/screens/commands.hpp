// What screens ask for. Screens emit commands while drawing; the app applies them to the
// session after the frame is rendered (a screen never touches storage).
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "flow/flow.hpp"
#include "model/assessment.hpp"
#include "model/client.hpp"
#include "model/network.hpp"
#include "model/review.hpp"
#include "store/settings.hpp"
#include "store/worker.hpp"

namespace kt::kiosk {

struct SubmitPassphrase {};
struct SubmitPin {};         // the lock screen's PIN field
struct ChoosePin {};         // the PIN setup fields
struct ChangePassphrase {};  // the settings' three passphrase fields
// First run: the page's button; the fields are in FirstRunState.
struct SetupStart {};
struct SetupBack {};
struct SetupWorker {
    store::Worker worker;
};
struct SetupPassphrase {};
struct SetupCreate {};
struct OpenClient {
    std::string client_id;
};
struct SaveClient {
    model::Client client;
};
struct BeginAssessment {
    model::AssessmentKind kind;
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
struct HandOver {
    std::string assessment_id;
};
struct ReopenAssessment {
    std::string assessment_id;
};
struct ChooseCopyTarget {  // opens (or refreshes) the list of USB sticks
    std::string assessment_id;
};
struct SaveClientCopy {
    std::string assessment_id;
    std::filesystem::path dir;
    std::string label;
};
struct CloseCopyPanel {};
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
struct ReturnToWorker {};  // with the PIN typed in ReviewState::pin
struct ReadAloud {
    std::string text, locale;
};
struct Navigate {
    flow::Action action;
};
struct SyncNow {};  // "Nu verzenden"
struct EnrollDevice {
    std::string url, code;
};

using Command =
    std::variant<SubmitPassphrase, SubmitPin, ChoosePin, SetupStart, SetupBack, SetupWorker,
                 SetupPassphrase, SetupCreate, OpenClient, SaveClient, BeginAssessment,
                 StartAssessment, ResumeAssessment, ScoreLevel, SetDetail, FinishAssessment,
                 SaveSettings, ChangePassphrase, AddPerson, UpdatePerson, MovePerson, RemovePerson,
                 SetNetworkReasons, SetNetworkNote, HandOver, SetClientLocale, AnswerDomain,
                 AgreeNetwork, AgreeGoals, SaveSignature, ClearSignature, SealAssessment,
                 ReturnToWorker, ReadAloud, ReopenAssessment, ChooseCopyTarget, SaveClientCopy,
                 CloseCopyPanel, Navigate, SyncNow, EnrollDevice>;
using Commands = std::vector<Command>;

}  // namespace kt::kiosk
