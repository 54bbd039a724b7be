#include "sync/enroll.hpp"

#include "store/audit.hpp"
#include "store/seal.hpp"
#include "sync/config.hpp"
#include "sync/enrollment.hpp"
#include "sync/wire.hpp"
#include "util/canonical_json.hpp"

namespace kt::sync {

namespace {

bool is_hex64(std::string_view s) {
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

EnrollResult fail(SyncStatus status, std::string detail) {
    EnrollResult r;
    r.status = status;
    r.detail = std::move(detail);
    return r;
}

SyncStatus status_for_http(long code) {
    if (code == 403) return SyncStatus::enroll_refused;
    if (code == 426) return SyncStatus::update_needed;
    if (code == 429) return SyncStatus::rate_limited;
    if (code >= 500) return SyncStatus::server_error;
    return SyncStatus::refused;
}

Status store_config(store::Database& db, const SyncConfig& c, std::int64_t now) {
    auto tx = store::Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = save_config(db, c); !s) return s;
    if (auto s = save_state(db, SyncState{}); !s) return s;
    // The device id is the receiver's UUID; anything else is left out of the log.
    const bool uuid = parse_idempotency_key(c.device_id + ":1").ok();
    if (auto s = store::audit_event(db, "device_enrolled", uuid ? c.device_id : "", "ok", now); !s)
        return s;
    return tx->commit();
}

}  // namespace

Result<SyncConfig> check_enroll_answer(const std::string& body, std::string_view url,
                                       std::string_view k_hex, const std::string& pin,
                                       const std::string& cert) {
    auto v = json::parse(body);
    if (!v || !v->object()) return make_error(ErrorCode::usage, "answer is not JSON");
    SyncConfig c;
    c.url = std::string(url);
    c.tls_pin = text_member(v.value(), "tls_pin");
    c.ca_pem = cert;
    c.device_id = text_member(v.value(), "device_id");
    c.device_name = text_member(v.value(), "device_name");
    c.team = text_member(v.value(), "team");
    c.box_public_key = text_member(v.value(), "box_public_key");
    c.receipt_public_key = text_member(v.value(), "receipt_public_key");
    if (auto days = int_member(v.value(), "retention_days"); days && *days > 0 && *days < 100000)
        c.retention_days = int(*days);
    const std::string proof = text_member(v.value(), "proof");
    const auto message =
        receiver_proof_message(c.device_id, c.box_public_key, c.receipt_public_key, c.tls_pin);
    if (!hmac_matches(k_hex, message, proof))
        return make_error(ErrorCode::invalid_state, "receiver proof does not hold");
    if (c.tls_pin != pin) return make_error(ErrorCode::invalid_state, "pin is not the one seen");
    auto answered_pin = spki_pin(text_member(v.value(), "certificate_pem"));
    if (!answered_pin || answered_pin.value() != pin)
        return make_error(ErrorCode::invalid_state, "certificate is not the one seen");
    if (c.device_id.empty() || !is_hex64(c.box_public_key) || !is_hex64(c.receipt_public_key))
        return make_error(ErrorCode::invalid_state, "answer incomplete");
    return c;
}

EnrollResult enroll_device(store::Vault& vault, std::string_view url, std::string_view code,
                           std::int64_t now, const TransportLimits& limits) {
    auto canonical = normalise_code(code);
    if (!canonical || !is_receiver_url(url))
        return fail(SyncStatus::invalid_input, "malformed URL or code");
    auto key = store::device_signing_key(vault.db());
    if (!key) return fail(SyncStatus::storage_error, key.error().detail);
    auto cert = fetch_server_certificate(url, limits);
    if (!cert) return fail(status_for(cert.error()), cert.error().detail);
    auto pin = spki_pin(cert.value());
    if (!pin) return fail(SyncStatus::bad_response, pin.error().detail);
    const std::string k_hex = code_key_hex(canonical.value());
    const std::string proof = hmac_hex(k_hex, device_proof_message(key->public_hex, pin.value()));
    auto body =
        json::canonical(json::Object{{"device_public_key", key->public_hex}, {"proof", proof}});
    if (!body) return fail(SyncStatus::storage_error, body.error().detail);
    // Pinned to what the first connection saw: another key now is tls_pin_mismatch.
    CurlTransport transport(std::string(url), TlsTrust{cert.value(), pin.value()}, limits);
    auto r = transport.request("POST", "/v1/enroll", {}, body.value());
    if (!r) return fail(status_for(r.error()), r.error().detail);
    if (r->status != 200)
        return fail(status_for_http(r->status), "receiver answered " + std::to_string(r->status));
    auto config = check_enroll_answer(r->body, url, k_hex, pin.value(), cert.value());
    if (!config) return fail(SyncStatus::untrusted, config.error().detail);
    if (auto s = store_config(vault.db(), config.value(), now); !s)
        return fail(SyncStatus::storage_error, s.error().detail);
    EnrollResult ok;
    ok.device_id = config->device_id;
    ok.device_name = config->device_name;
    ok.team = config->team;
    return ok;
}

}  // namespace kt::sync
