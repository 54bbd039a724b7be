#include "present/session.hpp"

#include "crypto/pin.hpp"
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
    if (auto s = store::load_settings(m_vault->db())) m_settings = s.value();
    m_pin_failures = 0;
    apply(flow::Unlocked{m_settings.pin_hash.empty()});
}

void Session::forget() {
    m_clients.clear();
    m_client.reset();
    m_assessments.clear();
    m_assessment.reset();
    m_previous.reset();
    m_error_key.clear();
}

void Session::lock() {
    m_vault.reset();
    m_settings = store::Settings{};
    m_pin_failures = 0;
    forget();
    m_state = flow::apply(m_state, flow::Lock{});
}

void Session::idle_lock() {
    const flow::State next = flow::apply(m_state, flow::IdleLock{});
    if (next == m_state) return;
    m_state = next;
    forget();  // nothing about the client stays in the view model while locked
}

void Session::enter_pin(std::string_view pin) {
    if (m_state.mode != flow::Mode::locked) return;
    if (crypto::verify_pin(m_settings.pin_hash, pin)) {
        m_pin_failures = 0;
        m_error_key.clear();
        m_state = flow::apply(m_state, flow::PinAccepted{});
        reload();
        return;
    }
    if (++m_pin_failures >= crypto::kMaxPinFailures) {
        lock();
        m_error_key = "lock.pin_exhausted";
        return;
    }
    m_error_key = "lock.pin_wrong";
}

void Session::choose_pin(std::string_view pin, std::string_view repeated) {
    if (!m_vault || m_state.step != flow::Step::pin_setup) return;
    if (!crypto::valid_pin(pin)) {
        m_error_key = "pin.invalid";
        return;
    }
    if (pin != repeated) {
        m_error_key = "pin.mismatch";
        return;
    }
    store::Settings next = m_settings;
    next.pin_hash = crypto::hash_pin(pin);
    if (auto s = store::save_settings(m_vault->db(), next); !s) {
        fail(s.error());
        return;
    }
    m_settings = next;
    m_error_key.clear();
    apply(flow::PinChosen{});
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

void Session::reload() {
    if (!m_vault || m_state.mode == flow::Mode::locked) return;
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
    if (m_assessment)
        if (auto p = store::previous_assessment(db, *m_assessment)) m_previous = p.value();
}

}  // namespace kt::present
