#include "present/session.hpp"

#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/network.hpp"
#include "store/review.hpp"

namespace kt::present {

Session::Session(std::filesystem::path vault_path, const Clock& clock)
    : m_path(std::move(vault_path)), m_clock(clock), m_guard(store::UnlockGuard::load(m_path)) {
    // A setup killed half-way left temporary files only: undo them, then look. Only an empty
    // place starts the setup; a lone key file or vault is never replaced (the unlock screen
    // says what is wrong).
    if (auto s = store::recover_interrupted_create(m_path); !s) fail(s.error());
    m_presence = store::vault_presence(m_path);
    if (m_presence == store::VaultPresence::none && m_error_key.empty())
        m_state.step = flow::Step::first_run;
    else if (m_presence == store::VaultPresence::key_without_vault)
        m_error_key = "first_run.key_without_vault";
    else if (m_presence == store::VaultPresence::vault_without_key)
        m_error_key = "first_run.vault_without_key";
}

bool Session::fail(const Error& e) {
    m_error_key = error_message_key(e.code);
    return false;
}

void Session::forget() {
    m_clients.clear();
    m_client.reset();
    m_assessments.clear();
    m_assessment.reset();
    m_previous.reset();
    m_network = model::NetworkMap{};
    m_review = model::Review{};
    m_seal.reset();
    m_error_key.clear();
}

void Session::navigate(const flow::Action& action) {
    if (std::holds_alternative<flow::Lock>(action)) {
        lock();
        return;
    }
    if (std::holds_alternative<flow::IdleLock>(action)) {
        idle_lock();
        return;
    }
    m_error_key.clear();
    apply(action);
}

void Session::apply(const flow::Action& action) {
    const flow::State next = flow::apply(m_state, action);
    if (next == m_state) return;
    m_state = next;
    reload();
}

void Session::after_change(const Status& s) {
    if (!s)
        fail(s.error());
    else
        m_error_key.clear();
    reload();
}

void Session::reload() {
    if (!m_vault || m_state.mode == flow::Mode::locked) return;
    auto& db = m_vault->db();
    m_client.reset();
    m_assessment.reset();
    m_previous.reset();
    m_network = model::NetworkMap{};
    m_review = model::Review{};
    m_seal.reset();
    m_assessments.clear();
    refresh_sync_panel();
    if (auto list = store::list_clients(db))
        m_clients = std::move(list.value());
    else
        fail(list.error());
    if (m_state.client_id.empty()) return;
    if (auto c = store::get_client(db, m_state.client_id))
        m_client = std::move(c.value());
    else
        fail(c.error());
    if (auto list = store::assessments_of(db, m_state.client_id))
        m_assessments = std::move(list.value());
    else
        fail(list.error());
    if (m_state.assessment_id.empty()) return;
    for (const auto& a : m_assessments)
        if (a.id == m_state.assessment_id) m_assessment = a;
    if (!m_assessment) return;
    if (auto p = store::previous_assessment(db, *m_assessment)) m_previous = p.value();
    if (auto n = store::load_network(db, m_assessment->id))
        m_network = std::move(n.value());
    else
        fail(n.error());
    if (auto r = store::load_review(db, m_assessment->id))
        m_review = std::move(r.value());
    else
        fail(r.error());
    if (auto seal = store::latest_seal(db, m_assessment->id); seal && seal.value())
        m_seal = *seal.value();
}

}  // namespace kt::present
