#include "cli_common.hpp"

#include <algorithm>
#include <cstdio>

#include "util/files.hpp"

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
    auto text = read_file(path);
    if (!text) return text.error();
    std::string& t = text.value();
    const auto end = t.find_first_of("\r\n");
    auto secret = crypto::SecretBytes::from(std::string_view(t).substr(0, end));
    std::fill(t.begin(), t.end(), '\0');
    if (secret.empty()) return make_error(ErrorCode::usage, "empty passphrase file");
    return secret;
}

std::string option(const Options& opts, const std::string& name, const std::string& fallback) {
    const auto it = opts.find(name);
    return it == opts.end() ? fallback : it->second;
}

}  // namespace kt::cli
