// Session: the first run on a device without a vault. Each page checks what the worker gave
// before the next shows; the vault is made only at the end, in one go (store/vault_create).
#include "crypto/passphrase_rule.hpp"
#include "crypto/pin.hpp"
#include "present/session.hpp"
#include "store/audit.hpp"
#include "store/settings.hpp"

namespace kt::present {

void Session::setup_failed(const Error& e) {
    switch (e.code) {
        case ErrorCode::disk_full:
            m_error_key = "first_run.error.disk_full";
            break;
        case ErrorCode::read_only:
            m_error_key = "first_run.error.read_only";
            break;
        case ErrorCode::already_exists:
            m_error_key = "first_run.error.exists";
            break;
        default:
            m_error_key = "first_run.error.other";
    }
}

void Session::setup_start() {
    if (m_state.step != flow::Step::first_run) return;
    m_error_key.clear();
    if (m_first_run.page == SetupPage::welcome) m_first_run.page = SetupPage::worker;
}

void Session::setup_back() {
    if (m_state.step != flow::Step::first_run) return;
    m_error_key.clear();
    switch (m_first_run.page) {
        case SetupPage::worker:
            m_first_run.page = SetupPage::welcome;
            break;
        case SetupPage::passphrase:
            m_first_run.page = SetupPage::worker;
            break;
        case SetupPage::pin:
            m_first_run.passphrase.reset();  // wiped: chosen again on its page
            m_first_run.page = SetupPage::passphrase;
            break;
        case SetupPage::welcome:
            break;
    }
}

void Session::setup_worker(const store::Worker& worker) {
    if (m_state.step != flow::Step::first_run || m_first_run.page != SetupPage::worker) return;
    m_first_run.worker = worker;
    m_error_key = store::worker_error_key(worker);
    if (m_error_key.empty()) m_first_run.page = SetupPage::passphrase;
}

void Session::setup_passphrase(std::string_view passphrase, std::string_view repeated) {
    if (m_state.step != flow::Step::first_run || m_first_run.page != SetupPage::passphrase) return;
    const auto verdict =
        crypto::judge_passphrase(passphrase, {m_first_run.worker.name, m_first_run.worker.team});
    if (!verdict.ok) {
        m_error_key = verdict.reason_key;
        return;
    }
    if (passphrase != repeated) {
        m_error_key = "first_run.passphrase.mismatch";
        return;
    }
    m_first_run.passphrase = crypto::SecretBytes::from(passphrase);
    m_error_key.clear();
    m_first_run.page = SetupPage::pin;
}

void Session::setup_create(std::string_view pin, std::string_view repeated) {
    if (m_state.step != flow::Step::first_run || m_first_run.page != SetupPage::pin ||
        !m_first_run.passphrase)
        return;
    m_error_key = crypto::pin_error_key(pin, repeated);
    if (!m_error_key.empty()) return;
    store::Settings settings;
    settings.pin_hash = crypto::hash_pin(pin);
    const store::Worker worker = m_first_run.worker;
    auto fill = [&](store::Database& db) -> Status {
        if (auto s = store::save_worker(db, worker); !s) return s;
        if (auto s = store::save_settings(db, settings); !s) return s;
        return store::audit_event(db, "vault_created", "", "ok", m_clock.now_utc());
    };
    auto dek = store::create_vault_files(m_path, m_first_run.passphrase->text(),
                                         crypto::params_for_new_vault(), fill);
    if (!dek) {
        // Nothing was left behind: the worker may try again once the place or space is fixed.
        setup_failed(dek.error());
        return;
    }
    m_first_run = FirstRun{};  // the passphrase copy is wiped here
    m_presence = store::VaultPresence::complete;
    m_dek.emplace(std::move(dek.value()));
    if (!open_vault()) {
        m_dek.reset();
        return;
    }
    m_error_key.clear();
    m_pin_failures = 0;
    audit("unlock", "ok");
    apply(flow::VaultCreated{});
}

}  // namespace kt::present
