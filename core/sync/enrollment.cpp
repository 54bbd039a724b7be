#include "sync/enrollment.hpp"

#include <sodium.h>

#include "crypto/signing.hpp"

namespace kt::sync {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kCodeLength = 16;

char canonical_char(char c) {
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    if (c == 'O') return '0';
    if (c == 'I' || c == 'L') return '1';
    return c;
}

}  // namespace

std::string new_enrollment_code() {
    std::string out;
    for (std::size_t i = 0; i < kCodeLength; ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += kAlphabet[randombytes_uniform(std::uint32_t(kAlphabet.size()))];
    }
    return out;
}

Result<std::string> normalise_code(std::string_view typed) {
    std::string out;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        c = canonical_char(c);
        if (kAlphabet.find(c) == std::string_view::npos || out.size() == kCodeLength)
            return make_error(ErrorCode::usage, "not an enrollment code");
        out += c;
    }
    if (out.size() != kCodeLength) return make_error(ErrorCode::usage, "not an enrollment code");
    return out;
}

std::string code_key_hex(std::string_view canonical_code) {
    return crypto::sha256_hex("kt-enroll-code-v1|" + std::string(canonical_code));
}

std::string hmac_hex(std::string_view key_hex, std::string_view message) {
    std::string key;
    if (!crypto::from_hex(key_hex, key)) key.clear();
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size());
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_memzero(key.data(), key.size());
    return crypto::to_hex(mac, sizeof mac);
}

bool hmac_matches(std::string_view key_hex, std::string_view message, std::string_view mac_hex) {
    const std::string expected = hmac_hex(key_hex, message);
    return mac_hex.size() == expected.size() &&
           sodium_memcmp(expected.data(), mac_hex.data(), expected.size()) == 0;
}

std::string device_proof_message(std::string_view device_public_key, std::string_view tls_pin) {
    return "kt-enroll-device-v1|" + std::string(device_public_key) + "|" + std::string(tls_pin);
}

std::string receiver_proof_message(std::string_view device_id, std::string_view box_public_key,
                                   std::string_view receipt_public_key, std::string_view tls_pin) {
    return "kt-enroll-receiver-v1|" + std::string(device_id) + "|" + std::string(box_public_key) +
           "|" + std::string(receipt_public_key) + "|" + std::string(tls_pin);
}

}  // namespace kt::sync
