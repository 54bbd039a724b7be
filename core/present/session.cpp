#include "present/session.hpp"

#include "store/assessments.hpp"
#include "store/clients.hpp"

namespace kt::present {

Session::Session(std::filesystem::path vault_path, const Clock& clock)
    : m_path(std::move(vault_path)), m_clock(clock) {}

bool Session::fail(const Error& e) {
    m_error_key = error_message_key(e.code);
    return false;
}

void Session::unlock(std::string_view passphrase) {
    auto v = store::Vault::open(m_path, passphrase);
    if (!v) {
        fail(v.error());
        return;
    }
    m_error_key.clear();
    m_vault.emplace(std::move(v.value()));
    apply(flow::Unlocked{});
}

void Session::lock() {
    m_vault.reset();
    m_clients.clear();
    m_client.reset();
    m_assessments.clear();
    m_assessment.reset();
    m_previous.reset();
    m_error_key.clear();
    m_state = flow::apply(m_state, flow::Lock{});
}

void Session::open_client(const std::string& client_id) {
    apply(flow::OpenClient{client_id});
}

void Session::start_assessment(model::AssessmentKind kind) {
    if (!m_vault || m_state.step != flow::Step::client) return;
    auto id = store::start_assessment(m_vault->db(), m_state.client_id, kind, m_clock.now_utc());
    if (!id) {
        fail(id.error());
        return;
    }
    apply(flow::OpenAssessment{id.value()});
}

void Session::resume_assessment(const std::string& assessment_id) {
    apply(flow::OpenAssessment{assessment_id});
}

void Session::score(int level) {
    if (!m_vault || m_state.step != flow::Step::matrix) return;
    auto s = store::set_score(m_vault->db(), m_state.assessment_id, m_state.domain, level,
                              m_clock.now_utc());
    if (!s)
        fail(s.error());
    else
        m_error_key.clear();
    reload();
}

void Session::finish() {
    if (!m_vault || !m_assessment || m_assessment->scored_count() < zrm::kDomainCount) return;
    if (auto s = store::finish_assessment(m_vault->db(), m_assessment->id, m_clock.now_utc()); !s) {
        fail(s.error());
        return;
    }
    // Nothing finished may live only in the WAL (security-tests.md finding 2).
    if (auto s = m_vault->checkpoint(); !s) fail(s.error());
    apply(flow::Back{});
}

void Session::navigate(const flow::Action& action) {
    if (std::holds_alternative<flow::Lock>(action)) {
        lock();
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

void Session::reload() {
    if (!m_vault) return;
    auto& db = m_vault->db();
    m_client.reset();
    m_assessment.reset();
    m_previous.reset();
    m_assessments.clear();
    if (auto list = store::list_clients(db))
        m_clients = std::move(list.value());
    else
        fail(list.error());
    if (m_state.client_id.empty()) return;
    if (auto c = store::get_client(db, m_state.client_id)) m_client = std::move(c.value());
    if (auto list = store::assessments_of(db, m_state.client_id))
        m_assessments = std::move(list.value());
    if (m_state.assessment_id.empty()) return;
    for (const auto& a : m_assessments)
        if (a.id == m_state.assessment_id) m_assessment = a;
    if (m_assessment)
        if (auto p = store::previous_assessment(db, *m_assessment)) m_previous = p.value();
}

}  // namespace kt::present
