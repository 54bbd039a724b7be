#include "sync/sender.hpp"

#include "store/audit.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "sync/backoff.hpp"
#include "sync/pass.hpp"
#include "sync/purge.hpp"
#include "util/clock.hpp"

namespace kt::sync {

namespace detail {

std::int64_t Pass::now() const {
    return options.now ? options.now() : SystemClock().now_utc();
}

double Pass::jitter() const {
    return options.jitter ? options.jitter() : random_jitter();
}

Result<std::int64_t> take_device_seq(store::Database& db) {
    auto tx = store::Transaction::begin(db);
    if (!tx) return tx.error();
    auto seq = store::next_device_seq(db);
    if (!seq) return seq.error();
    if (auto s = tx->commit(); !s) return s.error();
    return seq;
}

Result<HttpResponse> post_signed(Pass& p, std::string_view path, std::string_view key,
                                 std::string_view body) {
    const auto headers =
        signed_headers(p.key, p.config.device_id, "POST", path, key, body, p.app_version);
    auto r = p.transport->request("POST", path, headers, body);
    if (r && r->retry_after) p.retry_after = r->retry_after;
    return r;
}

// Only a short lower-case code is kept: the body is the server's and may hold anything.
std::string error_code(const std::string& body) {
    auto v = json::parse(body);
    if (!v) return "";
    std::string e = text_member(v.value(), "error");
    if (e.size() > 40 || e.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
        return "";
    return e;
}

SyncStatus status_for_reply(long code, const std::string& error) {
    if (code == 403 && error == "device_revoked") return SyncStatus::revoked;
    if (code == 409 && error == "vault_rolled_back") return SyncStatus::rolled_back;
    if (code == 426) return SyncStatus::update_needed;
    if (code == 429) return SyncStatus::rate_limited;
    if (code >= 500 && code <= 599) return SyncStatus::server_error;
    if (code >= 400 && code <= 499) return SyncStatus::refused;
    return SyncStatus::bad_response;
}

}  // namespace detail

namespace {

using detail::Pass;

SyncStatus checkin(Pass& p, int pending) {
    auto seq = detail::take_device_seq(p.db());
    if (!seq) return SyncStatus::storage_error;
    auto body = json::canonical(json::Object{{"device_seq", seq.value()}, {"outbox", pending}});
    if (!body) return SyncStatus::storage_error;
    auto r = detail::post_signed(p, "/v1/checkin", "", body.value());
    if (!r) return status_for(r.error());
    if (r->status != 200) return detail::status_for_reply(r->status, detail::error_code(r->body));
    auto v = json::parse(r->body);
    if (!v || text_member(v.value(), "status") != "active") return SyncStatus::bad_response;
    // The municipality sets the retention period; a missing or odd value keeps ours.
    if (auto days = int_member(v.value(), "retention_days"); days && *days > 0 && *days < 100000)
        (void)set_meta_value(p.db(), "sync_retention_days", std::to_string(*days));
    return SyncStatus::ok;
}

// Every due item once; then, within the wait budget, the items that become due soon.
SyncStatus send_due(Pass& p, SyncReport& report) {
    SyncStatus worst = SyncStatus::ok;
    std::int64_t waited = 0;
    for (;;) {
        auto items = due_items(p.db(), p.now());
        if (!items) return SyncStatus::storage_error;
        for (const auto& item : items.value()) {
            const SyncStatus s = detail::submit_item(p, item);
            if (s == SyncStatus::ok) ++report.sent;
            if (stops_pass(s)) return s;
            if (s != SyncStatus::ok) worst = s;
        }
        auto counts = outbox_counts(p.db());
        if (!counts) return SyncStatus::storage_error;
        if (counts->pending == 0) return SyncStatus::ok;  // a refusal retried in time
        if (!p.options.wait) return worst;
        const std::int64_t gap = std::max<std::int64_t>(0, counts->next_attempt_at - p.now());
        if (waited + gap > p.options.max_wait_seconds || !p.options.wait(gap)) return worst;
        waited += gap;
    }
}

// Between passes: the backoff after failures, and a Retry-After even for a manual pass.
bool must_wait(const SyncState& state, const SyncOptions& o, std::int64_t now) {
    if (wait_is_over(state.next_attempt_at, now)) return false;
    return !o.manual || state.last_error == to_string(SyncStatus::rate_limited);
}

void finish(Pass& p, SyncReport& report, SyncState state) {
    const std::int64_t now = p.now();
    if (report.status == SyncStatus::ok || report.status == SyncStatus::refused) {
        state.failures = 0;
        state.next_attempt_at = 0;
        if (report.status == SyncStatus::ok) state.last_success = now;
    } else {
        state.failures += 1;
        state.next_attempt_at = now + backoff_seconds(state.failures, p.jitter(), p.retry_after);
    }
    state.last_error = report.status == SyncStatus::ok ? "" : to_string(report.status);
    if (report.status == SyncStatus::rolled_back && state.blocked.empty()) {
        state.blocked = "rolled_back";
        (void)store::audit_event(p.db(), "vault_rolled_back", "", "failed", now);
    }
    (void)save_state(p.db(), state);
    if (report.status == SyncStatus::ok)
        if (auto purged = purge_expired(p.db(), now)) report.purged = purged->assessments;
}

void fill_counts(store::Database& db, SyncReport& report) {
    auto state = load_state(db);
    auto counts = outbox_counts(db);
    if (!state || !counts) return;
    report.pending = counts->pending;
    report.last_success = state->last_success;
    report.next_attempt_at = state->next_attempt_at;
    if (counts->pending > 0 && report.next_attempt_at == 0)
        report.next_attempt_at = counts->next_attempt_at;
}

// Loads what the pass needs; a status other than ok means it does not start.
SyncStatus start(Pass& p, SyncState& state) {
    auto config = load_config(p.db());
    auto loaded = load_state(p.db());
    if (!config || !loaded) return SyncStatus::storage_error;
    p.config = std::move(config.value());
    state = std::move(loaded.value());
    if (!p.config.enrolled()) return SyncStatus::not_enrolled;
    if (state.blocked == "rolled_back") return SyncStatus::rolled_back;
    if (must_wait(state, p.options, p.now())) return SyncStatus::deferred;
    auto key = store::device_signing_key(p.db());
    if (!key) return SyncStatus::storage_error;
    p.key = std::move(key.value());
    p.app_version =
        p.options.app_version.empty() ? std::string(store::app_version()) : p.options.app_version;
    p.transport = p.options.transport;
    if (!p.transport) {
        p.own_transport = std::make_unique<CurlTransport>(
            p.config.url, TlsTrust{p.config.ca_pem, p.config.tls_pin}, p.options.limits);
        p.transport = p.own_transport.get();
    }
    return SyncStatus::ok;
}

}  // namespace

SyncReport sync_now(store::Vault& vault, const SyncOptions& options) {
    Pass p{vault, options, {}, {}, nullptr, nullptr, {}, std::nullopt};
    SyncReport report;
    SyncState state;
    report.status = start(p, state);
    if (report.status != SyncStatus::ok) {
        fill_counts(vault.db(), report);
        return report;
    }
    auto counts = outbox_counts(vault.db());
    report.status = counts ? checkin(p, counts->pending) : SyncStatus::storage_error;
    if (report.status == SyncStatus::revoked) {
        detail::wipe_revoked_device(p, report);
        return report;
    }
    if (report.status == SyncStatus::ok) report.status = send_due(p, report);
    if (report.status == SyncStatus::revoked) {
        detail::wipe_revoked_device(p, report);
        return report;
    }
    finish(p, report, state);
    fill_counts(vault.db(), report);
    return report;
}

Result<SyncReport> sync_status(store::Database& db) {
    auto state = load_state(db);
    if (!state) return state.error();
    auto config = load_config(db);
    if (!config) return config.error();
    SyncReport report;
    fill_counts(db, report);
    if (!config->enrolled())
        report.status = SyncStatus::not_enrolled;
    else if (state->blocked == "rolled_back")
        report.status = SyncStatus::rolled_back;
    for (int i = 0; i <= int(SyncStatus::storage_error) && report.status == SyncStatus::ok; ++i)
        if (state->last_error == to_string(SyncStatus(i))) report.status = SyncStatus(i);
    return report;
}

}  // namespace kt::sync
