#include "sync/status.hpp"

#include "sync/wire.hpp"

namespace kt::sync {

const char* to_string(SyncStatus s) {
    switch (s) {
        case SyncStatus::ok:
            return "ok";
        case SyncStatus::deferred:
            return "deferred";
        case SyncStatus::not_enrolled:
            return "not_enrolled";
        case SyncStatus::offline:
            return "offline";
        case SyncStatus::timeout:
            return "timeout";
        case SyncStatus::tls_pin_mismatch:
            return "tls_pin_mismatch";
        case SyncStatus::tls_failed:
            return "tls_failed";
        case SyncStatus::bad_response:
            return "bad_response";
        case SyncStatus::refused:
            return "refused";
        case SyncStatus::rate_limited:
            return "rate_limited";
        case SyncStatus::server_error:
            return "server_error";
        case SyncStatus::update_needed:
            return "update_needed";
        case SyncStatus::rolled_back:
            return "rolled_back";
        case SyncStatus::revoked:
            return "revoked";
        case SyncStatus::enroll_refused:
            return "enroll_refused";
        case SyncStatus::untrusted:
            return "untrusted";
        case SyncStatus::invalid_input:
            return "invalid_input";
        case SyncStatus::storage_error:
            return "storage_error";
    }
    return "storage_error";
}

const char* message_key(SyncStatus s) {
    switch (s) {
        case SyncStatus::ok:
            return "sync.ok";
        case SyncStatus::deferred:
            return "sync.deferred";
        case SyncStatus::not_enrolled:
            return "error.sync.not_enrolled";
        case SyncStatus::offline:
            return "error.sync.offline";
        case SyncStatus::timeout:
            return "error.sync.timeout";
        case SyncStatus::tls_pin_mismatch:
            return "error.sync.tls_pin_mismatch";
        case SyncStatus::tls_failed:
            return "error.sync.tls_failed";
        case SyncStatus::bad_response:
            return "error.sync.bad_response";
        case SyncStatus::refused:
            return "error.sync.refused";
        case SyncStatus::rate_limited:
            return "error.sync.rate_limited";
        case SyncStatus::server_error:
            return "error.sync.server_error";
        case SyncStatus::update_needed:
            return "error.sync.update_needed";
        case SyncStatus::rolled_back:
            return "error.sync.rolled_back";
        case SyncStatus::revoked:
            return "error.sync.revoked";
        case SyncStatus::enroll_refused:
            return "error.sync.enroll_refused";
        case SyncStatus::untrusted:
            return "error.sync.untrusted";
        case SyncStatus::invalid_input:
            return "error.sync.invalid_input";
        case SyncStatus::storage_error:
            return "error.io";
    }
    return "error.io";
}

SyncStatus status_for(const Error& e) {
    switch (e.code) {
        case ErrorCode::timeout:
            return SyncStatus::timeout;
        case ErrorCode::tls_pin_mismatch:
            return SyncStatus::tls_pin_mismatch;
        case ErrorCode::tls_failed:
            return SyncStatus::tls_failed;
        case ErrorCode::bad_response:
            return SyncStatus::bad_response;
        default:
            return SyncStatus::offline;
    }
}

bool stops_pass(SyncStatus s) {
    return s != SyncStatus::ok && s != SyncStatus::refused;
}

std::vector<std::string> signed_headers(const crypto::SigningKey& key, std::string_view device_id,
                                        std::string_view method, std::string_view path,
                                        std::string_view idempotency_key, std::string_view body,
                                        std::string_view app_version) {
    const std::string signing = request_signing_string(method, path, idempotency_key, body);
    std::vector<std::string> h{"KT-Device: " + std::string(device_id),
                               "KT-Signature: " + crypto::sign_hex(key, signing),
                               "KT-App-Version: " + std::string(app_version)};
    if (!idempotency_key.empty()) h.push_back("Idempotency-Key: " + std::string(idempotency_key));
    return h;
}

}  // namespace kt::sync
