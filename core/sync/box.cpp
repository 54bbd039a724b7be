#include "sync/box.hpp"

#include <sodium.h>

#include <algorithm>

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

bool base64_decode(std::string_view text, std::string& out) {
    // libsodium 1.0.18 (Debian 12) reads every byte from 0x80 up as a base64 letter (its char is
    // signed), so "\xff\xff\xff\xff" would decode like "/////": the alphabet is checked here.
    const auto in_alphabet = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '+' || c == '/' || c == '=';
    };
    if (!std::all_of(text.begin(), text.end(), in_alphabet)) return false;
    out.assign(text.size() / 4 * 3 + 3, '\0');
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return false;
    out.resize(len);
    return true;
}

}  // namespace kt::sync
