// Session: changes to clients, assessments and settings. Each is one transaction in the vault.
#include "present/session.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"

namespace kt::present {

void Session::save_client(const model::Client& client) {
    if (!m_vault || m_state.step != flow::Step::client_form) return;
    model::Client c = client;
    for (auto& k : c.consents)
        if (k.recorded_at == 0) k.recorded_at = m_clock.now_utc();  // changed in this form
    std::string id = c.id;
    if (id.empty()) {
        auto added = store::add_client(m_vault->db(), c, m_clock.now_utc());
        if (!added) {
            fail(added.error());
            return;
        }
        id = added.value();
    } else if (auto s = store::update_client(m_vault->db(), c, m_clock.now_utc()); !s) {
        fail(s.error());
        return;
    }
    m_error_key.clear();
    apply(flow::ClientSaved{id});
}

void Session::begin_assessment(model::AssessmentKind kind) {
    apply(flow::BeginAssessment{kind});
}

void Session::start_assessment(const std::vector<model::Participant>& present) {
    if (!m_vault || m_state.step != flow::Step::setup) return;
    auto& db = m_vault->db();
    auto id =
        store::start_assessment(db, m_state.client_id, m_state.kind, present, m_clock.now_utc());
    if (!id) {
        fail(id.error());
        return;
    }
    m_error_key.clear();  // an earlier try's message no longer holds
    apply(flow::OpenAssessment{id.value(), 0});
}

void Session::start_assessment(model::AssessmentKind kind) {
    if (m_state.step != flow::Step::client) return;
    begin_assessment(kind);
    start_assessment(std::vector<model::Participant>{{model::ParticipantRole::client, ""}});
}

void Session::resume_assessment(const std::string& assessment_id) {
    int domain = 0;
    for (const auto& a : m_assessments)
        if (a.id == assessment_id) domain = a.first_open_domain();
    apply(flow::OpenAssessment{assessment_id, domain});
}

void Session::score(int level) {
    if (!m_vault || m_state.step != flow::Step::matrix) return;
    after_change(store::set_score(m_vault->db(), m_state.assessment_id, m_state.domain, level,
                                  m_clock.now_utc()));
}

void Session::set_detail(const model::DomainDetail& detail) {
    if (!m_vault || m_state.step != flow::Step::matrix) return;
    after_change(store::set_domain_detail(m_vault->db(), m_state.assessment_id, m_state.domain,
                                          detail, m_clock.now_utc()));
}

void Session::finish() {
    if (!m_vault || !m_assessment) return;
    if (!m_assessment->complete()) {
        m_error_key = "matrix.not_complete";
        apply(flow::JumpToDomain{m_assessment->first_open_domain()});
        return;
    }
    if (auto s = store::finish_assessment(m_vault->db(), m_assessment->id, m_clock.now_utc()); !s) {
        fail(s.error());
        return;
    }
    m_error_key.clear();  // an earlier try's message no longer holds
    // Nothing finished may live only in the WAL (security-tests.md finding 2).
    if (auto s = m_vault->checkpoint(); !s) fail(s.error());
    apply(flow::Back{});
}

void Session::save_settings(const store::Settings& settings) {
    if (!m_vault) return;
    store::Settings next = settings;
    next.pin_hash = m_settings.pin_hash;  // chosen on its own screen, never through this form
    if (auto s = store::save_settings(m_vault->db(), next); !s) {
        fail(s.error());
    } else {
        m_settings = next;
        m_error_key.clear();
    }
    report(Area::screen, "settings.saved");
}

Result<ClientCopy> Session::client_copy(const std::string& assessment_id) {
    if (!m_vault || m_state.client || m_state.mode != flow::Mode::worker ||
        m_state.step != flow::Step::client)
        return make_error(ErrorCode::invalid_state, "the copy is made from the client's page");
    return present::client_copy(m_vault->db(), assessment_id, "", m_clock.now_utc());
}

void Session::copy_saved(const std::string& assessment_id) {
    if (m_vault) note_copy_saved(m_vault->db(), assessment_id, m_clock.now_utc());
}

}  // namespace kt::present
