// Session: the network map of the open assessment. Each change is one transaction in the
// vault (store/network.hpp), then the map is re-read.
#include "present/session.hpp"
#include "store/network.hpp"

namespace kt::present {

bool Session::network_step() const {
    return m_vault && m_state.step == flow::Step::network && !m_state.assessment_id.empty();
}

std::string Session::add_person(const model::NetworkPerson& person) {
    if (!network_step()) return {};
    auto id = store::add_person(m_vault->db(), m_state.assessment_id, person, m_clock.now_utc());
    after_change(id ? Status{} : Status{id.error()});
    return id ? id.value() : std::string{};
}

void Session::update_person(const model::NetworkPerson& person) {
    if (!network_step()) return;
    after_change(
        store::update_person(m_vault->db(), m_state.assessment_id, person, m_clock.now_utc()));
}

void Session::move_person(const std::string& person_id, int ring) {
    if (!network_step()) return;
    after_change(store::move_person(m_vault->db(), m_state.assessment_id, person_id, ring,
                                    m_clock.now_utc()));
}

void Session::remove_person(const std::string& person_id) {
    if (!network_step()) return;
    after_change(
        store::remove_person(m_vault->db(), m_state.assessment_id, person_id, m_clock.now_utc()));
}

void Session::set_network_reasons(unsigned reasons, const std::string& other_reason) {
    if (!network_step()) return;
    after_change(store::set_network_reasons(m_vault->db(), m_state.assessment_id, reasons,
                                            other_reason, m_clock.now_utc()));
}

void Session::set_network_note(const std::string& note) {
    if (!network_step()) return;
    after_change(
        store::set_network_note(m_vault->db(), m_state.assessment_id, note, m_clock.now_utc()));
}

}  // namespace kt::present
