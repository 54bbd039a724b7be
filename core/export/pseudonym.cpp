#include "export/pseudonym.hpp"

#include <sodium.h>

#include <cstring>
#include <tuple>

namespace kt::monitoring {

namespace {

// Why a fixed 24: a vault id is a UUID (36 characters with dashes, or 32 hex without), so a
// pseudonym can never be mistaken for or collide with one (T-31 check 6).
static_assert(kPseudonymHexLength != 32 && kPseudonymHexLength != 36);
static_assert(kPseudonymHexLength == 2 * std::tuple_size_v<PseudonymBytes>);

constexpr std::string_view kContext = "keukentafel-pseudonym-v1|";

}  // namespace

Result<Pseudonymiser> Pseudonymiser::create(const crypto::SecretBytes& secret,
                                            std::string_view purpose) {
    if (secret.size() < kMinSecretBytes)
        return make_error(ErrorCode::usage, "the pseudonym secret needs at least 32 bytes");
    if (purpose.empty()) return make_error(ErrorCode::usage, "the export purpose is empty");
    if (sodium_init() < 0) return make_error(ErrorCode::internal, "libsodium failed to start");
    Pseudonymiser p;
    unsigned char key[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, secret.data(), secret.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(kContext.data()),
                                  kContext.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(purpose.data()),
                                  purpose.size());
    crypto_auth_hmacsha256_final(&state, key);
    p.m_state = crypto::SecretBytes(sizeof state);
    crypto_auth_hmacsha256_init(&state, key, sizeof key);
    std::memcpy(p.m_state.data(), &state, sizeof state);
    sodium_memzero(&state, sizeof state);
    sodium_memzero(key, sizeof key);
    return p;
}

PseudonymBytes Pseudonymiser::bytes(std::string_view client_ref) const {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    // The keyed state (inner and outer pad already absorbed) is kept in secure memory and
    // copied per call: half the SHA-256 blocks of a fresh init, for a million rows.
    crypto_auth_hmacsha256_state state;
    std::memcpy(&state, m_state.data(), sizeof state);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(client_ref.data()),
                                  client_ref.size());
    crypto_auth_hmacsha256_final(&state, mac);
    sodium_memzero(&state, sizeof state);
    PseudonymBytes out;
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = mac[i];
    sodium_memzero(mac, sizeof mac);
    return out;
}

std::string Pseudonymiser::hex(std::string_view client_ref) const {
    return pseudonym_hex(bytes(client_ref));
}

std::string pseudonym_hex(const PseudonymBytes& bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(kPseudonymHexLength, '0');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        out[2 * i] = kHex[bytes[i] >> 4];
        out[2 * i + 1] = kHex[bytes[i] & 15];
    }
    return out;
}

}  // namespace kt::monitoring
