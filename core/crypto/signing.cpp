#include "crypto/signing.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <cstdlib>

namespace kt::crypto {

std::string to_hex(const std::uint8_t* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

bool from_hex(std::string_view hex, std::string& out) {
    if (hex.size() % 2 != 0) return false;
    for (const char c : hex)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    out.assign(hex.size() / 2, '\0');
    std::size_t len = 0;
    return sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                          hex.size(), nullptr, &len, nullptr) == 0 &&
           len == out.size();
}

// OpenSSL's digest uses the CPU's SHA extensions where present (several times fewer
// instructions per byte than libsodium's portable SHA-256); the digest is the same.
std::string sha256_hex(std::string_view bytes) {
    unsigned char h[SHA256_DIGEST_LENGTH];
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), h, &size, EVP_sha256(), nullptr) != 1 ||
        size != sizeof h)
        std::abort();  // only on allocation failure inside OpenSSL
    return to_hex(h, sizeof h);
}

SigningKey new_signing_key() {
    SigningKey k;
    k.secret = SecretBytes(crypto_sign_SECRETKEYBYTES);
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_keypair(pk, k.secret.data());
    k.public_hex = to_hex(pk, sizeof pk);
    return k;
}

Result<SigningKey> signing_key_from_hex(std::string_view secret_hex) {
    SigningKey k;
    k.secret = SecretBytes(crypto_sign_SECRETKEYBYTES);
    std::size_t len = 0;
    if (secret_hex.size() != 2 * crypto_sign_SECRETKEYBYTES ||
        sodium_hex2bin(k.secret.data(), k.secret.size(), secret_hex.data(), secret_hex.size(),
                       nullptr, &len, nullptr) != 0 ||
        len != crypto_sign_SECRETKEYBYTES)
        return make_error(ErrorCode::damaged_vault, "device signing key is malformed");
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_ed25519_sk_to_pk(pk, k.secret.data());
    k.public_hex = to_hex(pk, sizeof pk);
    return k;
}

SecretBytes secret_hex(const SigningKey& key) {
    SecretBytes out(key.secret.size() * 2 + 1);
    sodium_bin2hex(out.chars(), out.size(), key.secret.data(), key.secret.size());
    return out;  // NUL-terminated: text() is the hex
}

std::string sign_hex(const SigningKey& key, std::string_view message) {
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), key.secret.data());
    return to_hex(sig, sizeof sig);
}

bool verify_hex(std::string_view public_hex, std::string_view message,
                std::string_view signature_hex) {
    std::string pk, sig;
    if (!from_hex(public_hex, pk) || pk.size() != crypto_sign_PUBLICKEYBYTES) return false;
    if (!from_hex(signature_hex, sig) || sig.size() != crypto_sign_BYTES) return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                       reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(),
                                       reinterpret_cast<const unsigned char*>(pk.data())) == 0;
}

}  // namespace kt::crypto
