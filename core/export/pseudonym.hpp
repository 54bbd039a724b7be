// Per-purpose pseudonyms (security-tests.md finding 10): a keyed HMAC of the client id, so a
// client's measurements link within one export purpose and never across purposes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/secret.hpp"
#include "util/result.hpp"

namespace kt::monitoring {

/// The 12 bytes (96 bits) a pseudonym is made of; written as 24 lower-case hex digits.
using PseudonymBytes = std::array<std::uint8_t, 12>;
inline constexpr std::size_t kPseudonymHexLength = 24;
inline constexpr std::size_t kMinSecretBytes = 32;

/// Derives the purpose key HMAC-SHA-256(secret, "keukentafel-pseudonym-v1|" + purpose), keeps
/// only an HMAC state keyed with it in secure memory (wiped when it dies) and wipes the rest.
/// Move-only.
class Pseudonymiser {
  public:
    /// Errors: usage (secret shorter than 32 bytes, empty purpose), internal (libsodium).
    static Result<Pseudonymiser> create(const crypto::SecretBytes& secret,
                                        std::string_view purpose);

    /// The first 12 bytes of HMAC-SHA-256(purpose_key, client_ref).
    PseudonymBytes bytes(std::string_view client_ref) const;
    /// bytes() as 24 hex digits: never a UUID's form (36 characters with dashes, or 32 hex).
    std::string hex(std::string_view client_ref) const;

  private:
    crypto::SecretBytes m_state;  // crypto_auth_hmacsha256_state keyed with the purpose key
};

/// 24 lower-case hex digits.
std::string pseudonym_hex(const PseudonymBytes& bytes);

}  // namespace kt::monitoring
