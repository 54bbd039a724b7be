// POST /v1/checkin (the first request of every sync: revoked? too old? rolled back?) and
// POST /v1/audit (a revoked device's last word before it destroys its key, T-37).
#include <array>
#include <charconv>
#include <cstdio>

#include "handlers.hpp"
#include "receiver_store/console_store.hpp"
#include "sync/wire.hpp"

namespace kt::receiver {

namespace ks = kt::sync;

namespace {

// "1.2.3" as numbers; false for anything else (a missing version counts as too old).
bool parse_version(const std::string& text, std::array<long, 3>& out) {
    const char* p = text.data();
    const char* end = p + text.size();
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i > 0 && (p == end || *p++ != '.')) return false;
        const auto [next, ec] = std::from_chars(p, end, out[i]);
        if (ec != std::errc()) return false;
        p = next;
    }
    return p == end;
}

bool version_too_old(const std::string& app, const std::string& minimum) {
    std::array<long, 3> a{}, m{};
    if (!parse_version(minimum, m)) return false;
    return !parse_version(app, a) || a < m;
}

// The device_seq member (a positive integer), or nullopt.
std::optional<std::int64_t> device_seq(const json::Value& body) {
    auto seq = ks::int_member(body, "device_seq");
    if (!seq || *seq < 1) return std::nullopt;
    return seq;
}

// advance_seq as a reply: nullopt when accepted.
std::optional<Reply> check_seq(Context& ctx, const Device& d, std::int64_t seq) {
    auto check = ctx.store.advance_seq(d.id, seq);
    if (!check) return storage_reply(check.error());
    if (check.value() == SeqCheck::rolled_back) {
        // An alert for the console's audit log: a vault restored from an older copy.
        if (auto a = ctx.store.audit({now_utc(), "vault_rolled_back", d.id, "409", d.id}); !a)
            return storage_reply(a.error());
        return error_reply(409, "vault_rolled_back", "device_seq is not above the highest seen");
    }
    return std::nullopt;
}

}  // namespace

Reply handle_checkin(Context& ctx, const Request& req) {
    Device d;
    if (auto refused = authenticate(ctx, req, false, d)) return std::move(*refused);
    auto body = json::parse(req.body);
    const auto seq = body ? device_seq(body.value()) : std::nullopt;
    const auto outbox = body ? ks::int_member(body.value(), "outbox") : std::nullopt;
    Reply r;
    if (version_too_old(req.get_header_value("KT-App-Version"), ctx.config.min_app_version))
        r = error_reply(426, "update_needed", "app version below " + ctx.config.min_app_version);
    else if (!seq || !outbox || *outbox < 0)
        r = error_reply(400, "bad_request", "expected device_seq and outbox");
    else if (auto rolled = check_seq(ctx, d, *seq))
        r = std::move(*rolled);
    else if (auto noted = ctx.store.console().record_checkin(
                 d.id, now_utc(), *outbox, req.get_header_value("KT-App-Version"));
             !noted)
        r = storage_reply(noted.error());
    else
        r.body = json::Object{{"status", "active"},
                              {"server_time", now_utc()},
                              {"retention_days", ctx.config.retention_days}};
    r.object = r.actor = d.id;
    return r;
}

Reply handle_audit(Context& ctx, const Request& req) {
    Device d;
    if (auto refused = authenticate(ctx, req, true, d)) return std::move(*refused);
    auto body = json::parse(req.body);
    const auto seq = body ? device_seq(body.value()) : std::nullopt;
    const auto unsent = body ? ks::int_member(body.value(), "unsent") : std::nullopt;
    const bool wiped = body && ks::text_member(body.value(), "event") == "device_wiped";
    Reply r;
    if (!seq || !unsent || *unsent < 0 || !wiped) {
        r = error_reply(400, "bad_request", "expected device_seq, event device_wiped, unsent");
    } else if (auto rolled = check_seq(ctx, d, *seq)) {
        r = std::move(*rolled);
    } else if (auto first = ctx.store.mark_wipe_reported(d.id); !first) {
        r = storage_reply(first.error());
    } else if (!first.value() && d.revoked) {
        r = error_reply(403, "device_revoked", "this device was revoked");
    } else if (auto s = ctx.store.audit(
                   {now_utc(), "device_wiped", d.id, "unsent=" + std::to_string(*unsent), d.id});
               !s) {
        r = storage_reply(s.error());
    } else {
        r.body = json::Object{{"status", "recorded"}};
    }
    r.object = r.actor = d.id;
    return r;
}

}  // namespace kt::receiver
