#include "cli_common.hpp"

#include <cstdio>

#include "crypto/passphrase_file.hpp"

namespace kt::cli {

int exit_code_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::usage:
            return 1;
        case ErrorCode::wrong_passphrase:
            return 3;
        case ErrorCode::not_a_vault:
        case ErrorCode::damaged_vault:
            return 4;
        default:
            return 2;
    }
}

int report(const i18n::Catalog& cat, const Error& e) {
    std::fprintf(stderr, "%s\n", cat.tr(error_message_key(e.code)).c_str());
    return exit_code_for(e.code);
}

int fail(const i18n::Catalog& cat, const char* key, int code) {
    std::fprintf(stderr, "%s\n", cat.tr(key).c_str());
    return code;
}

Result<crypto::SecretBytes> read_passphrase(const std::string& path) {
    return crypto::read_passphrase_file(path);
}

bool is_passphrase_file_error(const Error& e) {
    return e.detail.rfind("passphrase_file.", 0) == 0;
}

int fail_passphrase_file(const i18n::Catalog& cat, const Error& e) {
    return fail(cat, crypto::passphrase_file_message_key(e), 1);
}

std::string option(const Options& opts, const std::string& name, const std::string& fallback) {
    const auto it = opts.find(name);
    return it == opts.end() ? fallback : it->second;
}

}  // namespace kt::cli
