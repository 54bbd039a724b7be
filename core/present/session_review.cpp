// Session: client mode. The worker hands the tablet over for a finished assessment; the
// client reads it in their language, answers per domain, both sign, and it is sealed. Only
// the worker's PIN leads back (the flow allows nothing else: T-38).
#include "crypto/pin.hpp"
#include "i18n/catalog.hpp"
#include "present/session.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"

namespace kt::present {

bool Session::client_step() const {
    return m_vault && m_state.client && m_state.mode == flow::Mode::worker &&
           !m_state.assessment_id.empty();
}

void Session::hand_over(const std::string& assessment_id) {
    if (!m_vault || m_state.step != flow::Step::client) return;
    if (auto s = store::require_reviewable(m_vault->db(), assessment_id); !s) {
        fail(s.error());
        return;
    }
    m_error_key.clear();
    m_pin_failures = 0;
    apply(flow::HandOver{assessment_id});
}

void Session::set_client_locale(std::string_view locale) {
    if (!client_step()) return;
    after_change(
        store::set_review_locale(m_vault->db(), m_state.assessment_id, locale, m_clock.now_utc()));
}

void Session::answer(const model::DomainAnswer& a) {
    if (!client_step() || m_state.step != flow::Step::review) return;
    after_change(store::set_answer(m_vault->db(), m_state.assessment_id, m_state.domain, a,
                                   m_clock.now_utc()));
}

void Session::agree_network(model::Agreement a) {
    if (!client_step()) return;
    after_change(
        store::set_network_agreement(m_vault->db(), m_state.assessment_id, a, m_clock.now_utc()));
}

void Session::agree_goals(model::Agreement a) {
    if (!client_step()) return;
    after_change(
        store::set_goals_agreement(m_vault->db(), m_state.assessment_id, a, m_clock.now_utc()));
}

void Session::sign(const model::Signature& signature) {
    if (!client_step() || m_state.step != flow::Step::sign) return;
    after_change(
        store::save_signature(m_vault->db(), m_state.assessment_id, signature, m_clock.now_utc()));
}

void Session::clear_signature(model::Signer signer) {
    if (!client_step() || m_state.step != flow::Step::sign) return;
    after_change(
        store::clear_signature(m_vault->db(), m_state.assessment_id, signer, m_clock.now_utc()));
}

void Session::seal() {
    if (!client_step() || m_state.step != flow::Step::sign) return;
    if (!model::ready_to_seal(m_review)) {
        m_error_key = "review.seal_needs";
        return;
    }
    auto bundle = store::locale_bundle_sha256(i18n::default_bundle_dir(), m_review.locale);
    if (!bundle) {
        fail(bundle.error());
        return;
    }
    store::SealContext ctx;
    ctx.app_version = std::string(store::app_version());
    ctx.locale_bundle_sha256 = bundle.value();
    ctx.worker_auth = m_unlocked_by_pin ? "pin" : "passphrase";
    auto sealed =
        store::seal_assessment(m_vault->db(), m_state.assessment_id, ctx, m_clock.now_utc());
    after_change(sealed ? Status{} : Status{sealed.error()});
}

void Session::reopen(const std::string& assessment_id) {
    if (!m_vault || m_state.client || m_state.step != flow::Step::client) return;
    after_change(store::reopen_sealed(m_vault->db(), assessment_id, m_clock.now_utc()));
}

void Session::return_to_worker(std::string_view pin) {
    if (!client_step()) return;
    if (crypto::verify_pin(m_settings.pin_hash, pin)) {
        m_pin_failures = 0;
        m_error_key.clear();
        apply(flow::ReturnToWorker{});
        return;
    }
    audit("failed_unlock", "failed");
    if (++m_pin_failures >= crypto::kMaxPinFailures) {
        lock();
        m_error_key = "lock.pin_exhausted";
        return;
    }
    m_error_key = "review.pin_wrong";
}

}  // namespace kt::present
