#include "util/result.hpp"

#include <cstdio>
#include <cstdlib>

namespace kt {

void detail::misused_result(const char* what) {
    std::fputs("keukentafel: programming error: ", stderr);
    std::fputs(what, stderr);
    std::fputs("\n", stderr);
    std::abort();
}

const char* error_message_key(ErrorCode code) {
    switch (code) {
        case ErrorCode::usage:
            return "error.usage";
        case ErrorCode::wrong_passphrase:
            return "error.vault.wrong_passphrase";
        case ErrorCode::not_a_vault:
            return "error.vault.not_a_vault";
        case ErrorCode::damaged_vault:
            return "error.vault.damaged";
        case ErrorCode::already_exists:
            return "error.vault.already_exists";
        case ErrorCode::not_found:
            return "error.not_found";
        case ErrorCode::io:
            return "error.io";
        case ErrorCode::disk_full:
            return "error.disk_full";
        case ErrorCode::read_only:
            return "error.read_only";
        case ErrorCode::invalid_state:
            return "error.invalid_state";
        case ErrorCode::offline:
            return "error.sync.offline";
        case ErrorCode::timeout:
            return "error.sync.timeout";
        case ErrorCode::tls_pin_mismatch:
            return "error.sync.tls_pin_mismatch";
        case ErrorCode::tls_failed:
            return "error.sync.tls_failed";
        case ErrorCode::bad_response:
            return "error.sync.bad_response";
        case ErrorCode::internal:
            return "error.internal";
    }
    return "error.internal";
}

}  // namespace kt
