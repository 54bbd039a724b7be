#include "totp_box.hpp"

#include <sodium.h>

#include <string>
#include <vector>

#include "totp.hpp"

namespace kt::receiver::console {

namespace {

constexpr std::string_view kPrefix = "x1:";
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;

// What the ciphertext is bound to besides the key: its purpose and the account's name.
std::string associated_data(std::string_view account) {
    return "keukentafel-console-totp-v1|" + std::string(account);
}

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

std::optional<std::vector<unsigned char>> from_base64(std::string_view text) {
    std::vector<unsigned char> out(text.size());
    std::size_t size = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &size, nullptr,
                          kBase64) != 0)
        return std::nullopt;
    out.resize(size);
    return out;
}

}  // namespace

TotpBox::TotpBox(crypto::SecretBytes key) : m_key(std::move(key)) {}

std::optional<std::string> TotpBox::seal(std::string_view account, std::string_view secret) const {
    if (m_key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) return std::nullopt;
    std::vector<unsigned char> out(kNonce + secret.size() + kTag);
    randombytes_buf(out.data(), kNonce);
    const std::string ad = associated_data(account);
    unsigned long long size = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &size, bytes(secret),
                                               secret.size(), bytes(ad), ad.size(), nullptr,
                                               out.data(), m_key.data());
    std::string text(sodium_base64_ENCODED_LEN(out.size(), kBase64), '\0');
    sodium_bin2base64(text.data(), text.size(), out.data(), out.size(), kBase64);
    text.resize(text.size() - 1);  // the terminating NUL
    return std::string(kPrefix) + text;
}

std::optional<crypto::SecretBytes> TotpBox::open(std::string_view account,
                                                 std::string_view sealed) const {
    if (m_key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES ||
        sealed.substr(0, kPrefix.size()) != kPrefix)
        return std::nullopt;
    auto raw = from_base64(sealed.substr(kPrefix.size()));
    if (!raw || raw->size() <= kNonce + kTag) return std::nullopt;
    crypto::SecretBytes secret(raw->size() - kNonce - kTag);
    const std::string ad = associated_data(account);
    unsigned long long size = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            secret.data(), &size, nullptr, raw->data() + kNonce, raw->size() - kNonce, bytes(ad),
            ad.size(), raw->data(), m_key.data()) != 0)
        return std::nullopt;
    return secret;
}

std::optional<std::int64_t> match_sealed_totp(const TotpBox& box, std::string_view account,
                                              std::string_view sealed, std::string_view code,
                                              std::int64_t now_step) {
    const auto secret = box.open(account, sealed);
    if (!secret) return std::nullopt;
    auto key = base32_decode(secret->text());
    if (!key) return std::nullopt;
    const auto step = totp_match(*key, code, now_step);
    sodium_memzero(key->data(), key->size());
    return step;
}

}  // namespace kt::receiver::console
