#include "credentials.hpp"

#include <sodium.h>
#include <zxcvbn.h>

#include <array>
#include <cctype>
#include <cmath>

#include "totp.hpp"

namespace kt::receiver::console {

namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

std::string sha256_hex(std::string_view text) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                       text.size());
    return to_hex(digest.data(), digest.size());
}

const std::string& dummy_hash() {
    static const std::string hash = hash_password("keukentafel-dummy-password").value_or("");
    return hash;
}

}  // namespace

std::optional<std::string> hash_password(std::string_view password) {
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return std::nullopt;
    return std::string(out.data());
}

bool verify_password(const std::string& hash, std::string_view password) {
    const std::string& used = hash.empty() ? dummy_hash() : hash;
    const bool ok = crypto_pwhash_str_verify(used.c_str(), password.data(), password.size()) == 0;
    return ok && !hash.empty();
}

int password_score(std::string_view password, const std::vector<std::string>& user_words) {
    const std::string text(password);
    std::vector<const char*> dict;
    dict.reserve(user_words.size() + 1);
    for (const auto& w : user_words)
        dict.push_back(w.c_str());
    dict.push_back(nullptr);
    const double bits = ZxcvbnMatch(text.c_str(), dict.data(), nullptr);
    const double log10_guesses = bits * std::log10(2.0);
    if (log10_guesses < 3) return 0;
    if (log10_guesses < 6) return 1;
    if (log10_guesses < 8) return 2;
    if (log10_guesses < 10) return 3;
    return 4;
}

std::vector<std::string> new_recovery_codes(int count) {
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i) {
        std::array<unsigned char, 8> raw{};
        randombytes_buf(raw.data(), raw.size());
        const auto text =
            base32_encode(std::string_view(reinterpret_cast<const char*>(raw.data()), 8))
                .substr(0, 12);
        out.push_back(text.substr(0, 4) + "-" + text.substr(4, 4) + "-" + text.substr(8, 4));
    }
    return out;
}

std::string recovery_hash(std::string_view code) {
    std::string canonical;
    for (unsigned char c : code)
        if (c != '-' && c != ' ') canonical += char(std::toupper(c));
    return sha256_hex("kt-console-recovery|" + canonical);
}

std::string new_token() {
    std::array<unsigned char, 32> raw{};
    randombytes_buf(raw.data(), raw.size());
    return to_hex(raw.data(), raw.size());
}

std::string token_hash(std::string_view purpose, std::string_view token) {
    return sha256_hex(std::string(purpose) + "|" + std::string(token));
}

bool well_formed_token(std::string_view token) {
    if (token.size() != 64) return false;
    for (char c : token)
        if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
    return true;
}

}  // namespace kt::receiver::console
