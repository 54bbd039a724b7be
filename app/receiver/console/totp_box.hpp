// The TOTP secrets at rest: sealed with XChaCha20-Poly1305 (libsodium's IETF AEAD) under the
// console's own 32-byte key, kept outside the database (DIR/keys/totp.key). The account name is
// the associated data: a sealed secret copied into another account's row does not open there.
// Stored form: "x1:" and base64 of the 24-byte nonce followed by the ciphertext.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/secret.hpp"

namespace kt::receiver::console {

class TotpBox {
  public:
    /// A box without a key: seals nothing, opens nothing.
    TotpBox() = default;
    /// `key` must be 32 bytes (crypto::kRawKeySize); it is wiped when the box dies.
    explicit TotpBox(crypto::SecretBytes key);

    /// The stored form of `secret` (base32) for `account`; nullopt without a key.
    std::optional<std::string> seal(std::string_view account, std::string_view secret) const;
    /// The base32 secret, in memory that wipes itself; nullopt when the key is not the one it
    /// was sealed with, the row belongs to another account, or the text is not a sealed secret.
    std::optional<crypto::SecretBytes> open(std::string_view account,
                                            std::string_view sealed) const;

  private:
    crypto::SecretBytes m_key;
};

/// The step (see totp_match) of `code` for the account's sealed secret, else nullopt (also when
/// the secret does not open). The opened secret and its raw bytes are wiped before returning.
std::optional<std::int64_t> match_sealed_totp(const TotpBox& box, std::string_view account,
                                              std::string_view sealed, std::string_view code,
                                              std::int64_t now_step);

}  // namespace kt::receiver::console
