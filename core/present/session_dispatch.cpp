// Session::dispatch: the one path from a screen's intent to the vault and the flow.
#include "present/session.hpp"
#include "util/overloaded.hpp"

namespace kt::present {

namespace {

// The actions only the session itself may take (after a passphrase, a PIN, a save): a screen
// asking for them is ignored, so no screen can step past a check.
bool session_only(const flow::Action& a) {
    return std::holds_alternative<flow::Unlocked>(a) ||
           std::holds_alternative<flow::PinChosen>(a) ||
           std::holds_alternative<flow::VaultCreated>(a) ||
           std::holds_alternative<flow::PinAccepted>(a) ||
           std::holds_alternative<flow::ClientSaved>(a) ||
           std::holds_alternative<flow::ReturnToWorker>(a);
}

}  // namespace

void Session::go(const flow::Action& action) {
    if (session_only(action)) return;
    if (const auto* h = std::get_if<flow::HandOver>(&action)) {
        hand_over(h->assessment_id);
        return;
    }
    navigate(action);
}

Outcome Session::dispatch(const Intent& intent) {
    m_error_key.clear();  // an earlier intent's message no longer holds
    m_outcome = Outcome{};
    m_outcome.step = m_state.step;
    using namespace intent;
    std::visit(Overloaded{
                   [&](const flow::Action& x) { go(x); },
                   [&](const SubmitPassphrase& x) { unlock(x.passphrase); },
                   [&](const SubmitPin& x) { enter_pin(x.pin); },
                   [&](const ChoosePin& x) { choose_pin(x.pin, x.repeated); },
                   [&](const ChangePassphrase& x) {
                       change_passphrase(x.old_passphrase, x.new_passphrase, x.repeated);
                   },
                   [&](const ReturnToWorker& x) { return_to_worker(x.pin); },
                   [&](const SetupStart&) { setup_start(); },
                   [&](const SetupBack&) { setup_back(); },
                   [&](const SetupWorker& x) { setup_worker(x.worker); },
                   [&](const SetupPassphrase& x) { setup_passphrase(x.passphrase, x.repeated); },
                   [&](const SetupCreate& x) { setup_create(x.pin, x.repeated); },
                   [&](const SaveClient& x) { save_client(x.client); },
                   [&](const StartAssessment& x) { start_assessment(x.present); },
                   [&](const ResumeAssessment& x) { resume_assessment(x.assessment_id); },
                   [&](const ScoreLevel& x) { score(x.level); },
                   [&](const SetDetail& x) { set_detail(x.detail); },
                   [&](const FinishAssessment&) { finish(); },
                   [&](const SaveSettings& x) { save_settings(x.settings); },
                   [&](const AddPerson& x) { add_person(x.person); },
                   [&](const UpdatePerson& x) { update_person(x.person); },
                   [&](const MovePerson& x) { move_person(x.person_id, x.ring); },
                   [&](const RemovePerson& x) { remove_person(x.person_id); },
                   [&](const SetNetworkReasons& x) { set_network_reasons(x.reasons, x.other); },
                   [&](const SetNetworkNote& x) { set_network_note(x.note); },
                   [&](const ReopenAssessment& x) { reopen(x.assessment_id); },
                   [&](const SetClientLocale& x) { set_client_locale(x.locale); },
                   [&](const AnswerDomain& x) { answer(x.answer); },
                   [&](const AgreeNetwork& x) { agree_network(x.agreement); },
                   [&](const AgreeGoals& x) { agree_goals(x.agreement); },
                   [&](const SaveSignature& x) { sign(x.signature); },
                   [&](const ClearSignature& x) { clear_signature(x.signer); },
                   [&](const SealAssessment&) { seal(); },
                   [&](const SyncNow&) { sync_now(); },
                   [&](const EnrollDevice& x) { enroll(x.url, x.code); },
               },
               intent);
    // The settings' writes say their own outcome; every other intent's is its error, if any.
    if (m_outcome.key.empty() && !m_error_key.empty()) {
        m_outcome.key = m_error_key;
        m_outcome.failed = true;
    }
    return m_outcome;
}

void Session::report(Area area, std::string_view success_key) {
    m_outcome.step = m_state.step;
    m_outcome.area = area;
    m_outcome.failed = !m_error_key.empty();
    m_outcome.key = m_outcome.failed ? m_error_key : std::string(success_key);
}

}  // namespace kt::present
