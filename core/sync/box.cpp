#include "sync/box.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>

#include "crypto/signing.hpp"

namespace kt::sync {

namespace {

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

BoxKey new_box_key() {
    BoxKey key{std::string(), crypto::SecretBytes(crypto_box_SECRETKEYBYTES)};
    unsigned char pub[crypto_box_PUBLICKEYBYTES];
    crypto_box_keypair(pub, key.secret.data());
    key.public_hex = crypto::to_hex(pub, sizeof pub);
    return key;
}

Result<BoxKey> box_key_from_hex(std::string_view secret_hex) {
    BoxKey key{std::string(), crypto::SecretBytes(crypto_box_SECRETKEYBYTES)};
    std::size_t len = 0;
    if (secret_hex.size() != 2 * crypto_box_SECRETKEYBYTES ||
        sodium_hex2bin(key.secret.data(), key.secret.size(), secret_hex.data(), secret_hex.size(),
                       nullptr, &len, nullptr) != 0 ||
        len != crypto_box_SECRETKEYBYTES)
        return make_error(ErrorCode::usage, "box secret key is not 64 hex digits");
    unsigned char pub[crypto_box_PUBLICKEYBYTES];
    crypto_scalarmult_base(pub, key.secret.data());
    key.public_hex = crypto::to_hex(pub, sizeof pub);
    return key;
}

crypto::SecretBytes box_secret_hex(const BoxKey& key) {
    crypto::SecretBytes out(2 * key.secret.size() + 1);
    sodium_bin2hex(reinterpret_cast<char*>(out.data()), out.size(), key.secret.data(),
                   key.secret.size());
    return out;  // NUL-terminated: use text()
}

Result<std::string> seal_box(std::string_view public_hex, std::string_view plaintext) {
    std::string pub;
    if (!crypto::from_hex(public_hex, pub) || pub.size() != crypto_box_PUBLICKEYBYTES)
        return make_error(ErrorCode::usage, "box public key is not 64 hex digits");
    std::string out(plaintext.size() + crypto_box_SEALBYTES, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(out.data()), bytes(plaintext),
                    plaintext.size(), bytes(pub));
    return out;
}

Result<std::string> open_box(const BoxKey& key, std::string_view box) {
    std::string pub;
    if (box.size() < crypto_box_SEALBYTES || !crypto::from_hex(key.public_hex, pub))
        return make_error(ErrorCode::usage, "sealed box too short");
    std::string out(box.size() - crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(out.data()), bytes(box), box.size(),
                             bytes(pub), key.secret.data()) != 0)
        return make_error(ErrorCode::usage, "sealed box does not open with this key");
    return out;
}

std::string base64_encode(std::string_view in) {
    const auto variant = sodium_base64_VARIANT_ORIGINAL;
    std::string out(sodium_base64_encoded_len(in.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes(in), in.size(), variant);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

namespace {

constexpr unsigned char kNotBase64 = 0xff;

// The 6-bit value of each byte of the standard alphabet, kNotBase64 for every other byte
// ('=' and everything from 0x80 up included).
constexpr std::array<unsigned char, 256> base64_values() {
    std::array<unsigned char, 256> t{};
    for (auto& v : t)
        v = kNotBase64;
    constexpr std::string_view letters =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < letters.size(); ++i)
        t[static_cast<unsigned char>(letters[i])] = static_cast<unsigned char>(i);
    return t;
}

constexpr auto kBase64Values = base64_values();

}  // namespace

// Not constant time: the sealed box it carries is public (only the box key opens it). Accepts
// exactly what libsodium's strict decoder (original variant, padding required, nothing
// ignored) accepts for ASCII input, and nothing from 0x80 up, which libsodium 1.0.18 would
// read as letters (its char is signed).
bool base64_decode(std::string_view text, std::string& out) {
    if (text.size() % 4 != 0) return false;
    std::size_t pad = 0;
    while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=')
        ++pad;
    const std::size_t letters = text.size() - pad;
    out.resize(text.size() / 4 * 3 - pad);
    auto* dst = reinterpret_cast<unsigned char*>(out.data());
    const auto* src = reinterpret_cast<const unsigned char*>(text.data());
    std::uint32_t acc = 0;
    unsigned bad = 0;  // any byte outside the alphabet sets kNotBase64's bits here
    std::size_t i = 0;
    for (; i + 4 <= letters; i += 4, dst += 3) {
        const unsigned a = kBase64Values[src[i]], b = kBase64Values[src[i + 1]];
        const unsigned c = kBase64Values[src[i + 2]], d = kBase64Values[src[i + 3]];
        bad |= a | b | c | d;
        acc = (a << 18) | (b << 12) | (c << 6) | d;
        dst[0] = static_cast<unsigned char>(acc >> 16);
        dst[1] = static_cast<unsigned char>(acc >> 8);
        dst[2] = static_cast<unsigned char>(acc);
    }
    if (pad > 0) {  // the last group: 2 letters and "==" (1 byte) or 3 letters and "=" (2 bytes)
        const unsigned a = kBase64Values[src[i]], b = kBase64Values[src[i + 1]];
        const unsigned c = pad == 1 ? kBase64Values[src[i + 2]] : 0;
        bad |= a | b | c;
        acc = (a << 18) | (b << 12) | (c << 6);
        dst[0] = static_cast<unsigned char>(acc >> 16);
        if (pad == 1) dst[1] = static_cast<unsigned char>(acc >> 8);
        // The bits after the last byte must be zero, so every byte string has one encoding.
        if ((pad == 1 ? (acc & 0xff) : (acc & 0xffff)) != 0) bad = kNotBase64;
    }
    if ((bad & 0x80) != 0) {
        out.clear();
        return false;
    }
    return true;
}

}  // namespace kt::sync
