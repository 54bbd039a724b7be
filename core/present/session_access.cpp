// Session: getting in and out. The passphrase unwraps the data key (DEK); the vault is open
// only while the worker mode shows; an idle lock closes it and keeps the DEK in locked memory
// for the PIN; a full lock drops the DEK too. Every step leaves an audit row without personal
// data.
#include <cmath>

#include "crypto/kdf.hpp"
#include "crypto/passphrase_rule.hpp"
#include "crypto/pin.hpp"
#include "present/session.hpp"
#include "store/audit.hpp"
#include "store/vault_admin.hpp"
#include "store/worker.hpp"

namespace kt::present {

double Session::unlock_wait_seconds() const {
    return m_guard.seconds_until_allowed(m_clock.now_utc());
}

void Session::count_failed_passphrase() {
    // The state file is a convenience (README, Security); if it cannot be written the delay is
    // lost, not the vault.
    (void)m_guard.record_failure(m_clock.now_utc());
}

void Session::audit(std::string_view action, std::string_view result) {
    // An audit row that cannot be written (disk full) must not keep the worker out; the next
    // change will report the storage error itself.
    if (m_vault) (void)store::audit_event(m_vault->db(), action, "", result, m_clock.now_utc());
}

bool Session::open_vault() {
    auto v = store::Vault::open_with_data_key(m_path, *m_dek);
    if (!v) return fail(v.error());
    m_vault.emplace(std::move(v.value()));
    m_audit_break_seq = m_vault->audit_chain_broken() ? m_vault->audit_break_seq() : 0;
    // An unreadable setting or worker is a damaged vault, not a reason to run on defaults
    // (which would forget the PIN verifier).
    auto settings = store::load_settings(m_vault->db());
    auto worker =
        settings ? store::load_worker(m_vault->db()) : Result<store::Worker>(settings.error());
    if (!worker) {
        m_vault.reset();
        return fail(worker.error());
    }
    m_settings = settings.value();
    m_worker = worker.value();
    m_guard = store::UnlockGuard::load(m_path);  // the open moved counted failures to the log
    return true;
}

void Session::unlock(std::string_view passphrase) {
    if (m_dek) return;
    m_guard = store::UnlockGuard::load(m_path);  // another process may have counted failures
    if (unlock_wait_seconds() > 0) {
        m_error_key = "error.unlock.wait";
        return;
    }
    auto dek = store::Vault::unlock_data_key(m_path, passphrase);
    if (!dek) {
        if (dek.error().code == ErrorCode::wrong_passphrase) count_failed_passphrase();
        fail(dek.error());
        return;
    }
    m_dek.emplace(std::move(dek.value()));
    if (!open_vault()) {
        m_dek.reset();
        return;
    }
    (void)m_guard.reset();
    m_unlocked_by_pin = false;
    m_error_key.clear();
    m_pin_failures = 0;
    audit("unlock", "ok");
    apply(flow::Unlocked{m_settings.pin_hash.empty()});
}

void Session::lock() {
    audit("lock", "ok");
    m_vault.reset();
    m_dek.reset();  // wipes the data key
    m_settings = store::Settings{};
    m_worker = store::Worker{};
    m_pin_failures = 0;
    forget();
    m_state = flow::apply(m_state, flow::Lock{});
}

void Session::idle_lock() {
    const flow::State next = flow::apply(m_state, flow::IdleLock{});
    if (next == m_state) return;
    audit("lock", "ok");
    m_state = next;
    forget();  // nothing about the client stays in the view model while locked
    m_vault.reset();
}

void Session::enter_pin(std::string_view pin) {
    if (m_state.mode != flow::Mode::locked || !m_dek) return;
    const bool right = crypto::verify_pin(m_settings.pin_hash, pin);
    if (!right && m_pin_failures + 1 < crypto::kMaxPinFailures) {
        ++m_pin_failures;
        m_error_key = "lock.pin_wrong";
        return;
    }
    // Right PIN, or the last wrong one: open to write the audit rows (and to resume).
    if (!open_vault()) {
        lock();
        return;
    }
    const int failures = m_pin_failures + (right ? 0 : 1);
    for (int i = 0; i < failures; ++i)
        audit("failed_unlock", "failed");
    m_pin_failures = 0;
    if (!right) {
        lock();
        m_error_key = "lock.pin_exhausted";
        return;
    }
    audit("unlock", "ok");
    m_error_key.clear();
    m_unlocked_by_pin = true;
    m_state = flow::apply(m_state, flow::PinAccepted{});
    reload();
}

void Session::choose_pin(std::string_view pin, std::string_view repeated) {
    if (!m_vault || m_state.step != flow::Step::pin_setup) return;
    m_error_key = crypto::pin_error_key(pin, repeated);
    if (!m_error_key.empty()) return;
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

void Session::change_passphrase(std::string_view old_passphrase, std::string_view new_passphrase,
                                std::string_view repeated) {
    m_passphrase_changed = false;
    try_change_passphrase(old_passphrase, new_passphrase, repeated);
    report(Area::passphrase, m_passphrase_changed ? "settings.passphrase.done" : "");
}

void Session::try_change_passphrase(std::string_view old_passphrase,
                                    std::string_view new_passphrase, std::string_view repeated) {
    if (!m_vault || m_state.step != flow::Step::settings) return;
    m_guard = store::UnlockGuard::load(m_path);
    if (unlock_wait_seconds() > 0) {
        m_error_key = "error.unlock.wait";
        return;
    }
    if (const auto v = crypto::judge_passphrase(new_passphrase, {m_worker.name, m_worker.team});
        !v.ok) {
        m_error_key = v.reason_key;
        return;
    }
    if (new_passphrase != repeated) {
        m_error_key = "settings.passphrase.mismatch";
        return;
    }
    auto s = store::change_passphrase(m_path, old_passphrase, new_passphrase,
                                      crypto::params_for_new_vault(), m_clock.now_utc());
    if (!s) {
        if (s.error().code == ErrorCode::wrong_passphrase) {
            count_failed_passphrase();
            m_error_key = "settings.passphrase.wrong_old";
            return;
        }
        fail(s.error());
        return;
    }
    m_error_key.clear();
    m_passphrase_changed = true;
}

}  // namespace kt::present
