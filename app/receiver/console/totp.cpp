#include "totp.hpp"
#include "http_util.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cctype>

namespace kt::receiver::console {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

}  // namespace

std::int64_t totp_step(std::int64_t unix_time) {
    return unix_time / kTotpStepSeconds;
}

std::string totp_code(std::string_view key, std::int64_t step, int digits) {
    std::array<unsigned char, 8> counter{};
    auto value = static_cast<std::uint64_t>(step);
    for (int i = 7; i >= 0; --i, value >>= 8)
        counter[std::size_t(i)] = static_cast<unsigned char>(value & 0xff);
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int mac_len = 0;
    HMAC(EVP_sha1(), key.data(), int(key.size()), counter.data(), counter.size(), mac.data(),
         &mac_len);
    const unsigned offset = mac[mac_len - 1] & 0x0f;
    const std::uint32_t binary = (std::uint32_t(mac[offset] & 0x7f) << 24) |
                                 (std::uint32_t(mac[offset + 1]) << 16) |
                                 (std::uint32_t(mac[offset + 2]) << 8) | mac[offset + 3];
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i)
        modulus *= 10;
    std::string code = std::to_string(binary % modulus);
    return std::string(std::size_t(digits) - code.size(), '0') + code;
}

std::optional<std::int64_t> totp_match(std::string_view key, std::string_view code,
                                       std::int64_t now_step) {
    if (code.size() != 6) return std::nullopt;
    std::optional<std::int64_t> found;
    for (std::int64_t step = now_step - 1; step <= now_step + 1; ++step) {
        const auto expected = totp_code(key, step);
        if (sodium_memcmp(expected.data(), code.data(), 6) == 0 && !found) found = step;
    }
    return found;
}

std::string new_totp_secret() {
    std::array<unsigned char, 20> key{};
    randombytes_buf(key.data(), key.size());
    return base32_encode(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

std::string base32_encode(std::string_view bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const auto at = kAlphabet.find(c);
        if (at == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 5) | std::uint32_t(at);
        bits += 5;
        if (bits >= 8) {
            out += char((buffer >> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return out;
}

std::string provisioning_uri(const std::string& issuer, const std::string& account,
                             const std::string& secret_base32) {
    return "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(account) +
           "?secret=" + secret_base32 + "&issuer=" + percent_encode(issuer) +
           "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace kt::receiver::console
