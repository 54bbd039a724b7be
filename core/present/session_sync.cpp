// Session: sending sealed assessments to the municipality. Passes and enrollment run on a
// SyncRunner thread with their own vault connection; this thread only reads the figures and
// takes the outcome. A revoked device's key file is gone after its pass: lock at once.
#include "present/session.hpp"
#include "sync/backoff.hpp"
#include "sync/config.hpp"

namespace kt::present {

namespace {

// An automatic pass at most this often (the backoff in the vault decides the rest).
constexpr std::int64_t kAutoSyncSeconds = 60;

// Red only when someone has to act (functioneel beheer, an update, a new code). Being offline
// or a busy server is normal at a kitchen table: said calmly, retried by itself.
bool is_failure(sync::SyncStatus s) {
    using S = sync::SyncStatus;
    switch (s) {
        case S::ok:
        case S::deferred:
        case S::not_enrolled:
        case S::offline:
        case S::timeout:
        case S::rate_limited:
        case S::server_error:
        case S::bad_response:
            return false;
        default:
            return true;
    }
}

}  // namespace

void Session::refresh_sync_panel() {
    const bool running = m_sync_runner->running();
    const bool enrolling = m_sync.enrolling && running;
    const std::string message = m_sync.message_key;
    const bool failed = m_sync.failed;
    const bool wiped = m_sync.wiped;
    m_sync = SyncPanel{};
    m_sync.wiped = wiped;
    m_sync.running = running;
    m_sync.enrolling = enrolling;
    m_sync.message_key = message;
    m_sync.failed = failed;
    if (!m_vault) return;
    auto config = sync::load_config(m_vault->db());
    auto status = sync::sync_status(m_vault->db());
    if (!config || !status) return;
    m_sync.enrolled = config->enrolled();
    m_sync.url = config->url;
    m_sync.device_name = config->device_name;
    m_sync.team = config->team;
    m_sync.pending = status->pending;
    m_sync.last_success = status->last_success;
    m_sync.next_attempt_at = status->next_attempt_at;
    // A block (rolled back) outlives the message of one pass.
    if (status->status == sync::SyncStatus::rolled_back) {
        m_sync.message_key = status->message_key();
        m_sync.failed = m_sync.blocked = true;
    }
}

void Session::take_sync_outcome(const SyncOutcome& out) {
    const sync::SyncStatus s = out.enrollment ? out.enroll.status : out.report.status;
    m_sync.message_key =
        out.enrollment && s == sync::SyncStatus::ok ? "sync.enrolled" : sync::message_key(s);
    m_sync.failed = is_failure(s);
    m_sync.enrolling = false;
    if (!out.enrollment && out.report.wiped) {
        lock();  // the key file is destroyed: nothing can be read or written any more
        m_error_key = sync::message_key(sync::SyncStatus::revoked);
        m_sync.wiped = true;
        return;
    }
    // The status line already says "Alles verzonden" or how many wait.
    if (!out.enrollment && (s == sync::SyncStatus::deferred || s == sync::SyncStatus::ok))
        m_sync.message_key.clear();
    refresh_sync_panel();
}

void Session::tick_sync() {
    if (auto out = m_sync_runner->take()) take_sync_outcome(*out);
    if (m_sync.running != m_sync_runner->running()) refresh_sync_panel();
    if (!m_vault || !m_dek || m_state.client || m_sync_runner->running()) return;
    // The gap between automatic passes is a timer (BOOTTIME); the stored retry time is on the
    // wall clock, which someone may have put back since (T-42).
    const double mono = m_clock.monotonic();
    if (!m_sync.enrolled || m_sync.pending == 0 ||
        !sync::wait_is_over(m_sync.next_attempt_at, m_clock.now_utc()) ||
        (m_last_auto_sync && mono - *m_last_auto_sync < kAutoSyncSeconds))
        return;
    m_last_auto_sync = mono;
    const Clock* clock = &m_clock;
    if (m_sync_runner->start_sync(
            m_path, *m_dek, [clock] { return clock->now_utc(); }, false))
        m_sync.running = true;
}

void Session::sync_now() {
    if (!m_vault || !m_dek) return;
    const Clock* clock = &m_clock;
    if (m_sync_runner->start_sync(
            m_path, *m_dek, [clock] { return clock->now_utc(); }, true)) {
        m_sync.running = true;
        m_sync.message_key.clear();
        m_sync.failed = false;
    }
}

void Session::enroll(const std::string& url, const std::string& code) {
    if (!m_vault || !m_dek) return;
    if (m_sync_runner->start_enroll(m_path, *m_dek, url, code, m_clock.now_utc())) {
        m_sync.running = m_sync.enrolling = true;
        m_sync.message_key.clear();
        m_sync.failed = false;
    }
}

void Session::wait_for_sync() {
    m_sync_runner->wait();
    if (auto out = m_sync_runner->take()) take_sync_outcome(*out);
}

}  // namespace kt::present
