#include "totp_key.hpp"

#include <sodium.h>

#include <cstdio>

#include "crypto/raw_key_file.hpp"

namespace kt::receiver::console {

namespace {

namespace fs = std::filesystem;

constexpr const char* kRestore =
    ": restore the file from the receiver's backup (docs/receiver.md, \"Console TOTP key\")";

Result<crypto::SecretBytes> load_key(const fs::path& key_file, std::size_t sealed) {
    auto key = crypto::read_raw_key_file(key_file);
    if (key || key.error().code != ErrorCode::not_found) return key;
    if (sealed > 0)
        return make_error(ErrorCode::not_found,
                          key_file.string() + " is missing while " + std::to_string(sealed) +
                              " console accounts have a sealed TOTP secret" + kRestore);
    auto made = crypto::create_raw_key_file(key_file);
    if (!made && made.error().code == ErrorCode::already_exists)
        return crypto::read_raw_key_file(key_file);  // another receiver made it just now
    return made;
}

// Every sealed secret must open; none opening means the wrong key file.
Status check_sealed(const TotpBox& box, const std::vector<ConsoleAccount>& accounts,
                    const fs::path& key_file) {
    std::size_t sealed = 0, closed = 0;
    for (const auto& a : accounts) {
        if (a.totp_sealed.empty()) continue;
        ++sealed;
        if (!box.open(a.name, a.totp_sealed)) ++closed;
    }
    if (sealed > 0 && closed == sealed)
        return make_error(ErrorCode::invalid_state,
                          key_file.string() +
                              " opens none of the console's TOTP secrets: it is "
                              "not the key they were sealed with" +
                              kRestore);
    if (closed > 0)
        std::fprintf(stderr,
                     "console: %zu TOTP secrets do not open with %s; those accounts cannot log "
                     "in until `user reset`\n",
                     closed, key_file.c_str());
    return {};
}

Status seal_plaintext(const TotpBox& box, ConsoleStore& store) {
    auto plain = store.plaintext_totp();
    if (!plain) return plain.error();
    Status result;
    for (auto& [account, secret] : plain.value()) {
        const auto sealed = box.seal(account, secret);
        auto done = sealed ? store.seal_plaintext_totp(account, secret, *sealed)
                           : Result<bool>(make_error(ErrorCode::internal, "no TOTP key"));
        sodium_memzero(secret.data(), secret.size());
        if (!done && result) result = done.error();
    }
    return result;
}

}  // namespace

Result<TotpBox> open_totp_box(const fs::path& key_file, ConsoleStore& store) {
    auto accounts = store.accounts();
    if (!accounts) return accounts.error();
    std::size_t sealed = 0;
    for (const auto& a : accounts.value())
        sealed += a.totp_sealed.empty() ? 0 : 1;
    auto key = load_key(key_file, sealed);
    if (!key) return key.error();
    TotpBox box(std::move(key.value()));
    if (auto s = check_sealed(box, accounts.value(), key_file); !s) return s.error();
    if (auto s = seal_plaintext(box, store); !s) return s.error();
    return box;
}

}  // namespace kt::receiver::console
