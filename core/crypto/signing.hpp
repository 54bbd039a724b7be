// Hashing and device signatures: SHA-256 in lower-case hex and Ed25519 (libsodium
// crypto_sign) for the seal of a co-signed assessment. Secret keys live in SecretBytes.
#pragma once

#include <string>
#include <string_view>

#include "crypto/secret.hpp"
#include "util/result.hpp"

namespace kt::crypto {

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

/// Lower-case hex of any bytes; from_hex returns false for odd lengths or non-hex digits.
std::string to_hex(const std::uint8_t* data, std::size_t size);
bool from_hex(std::string_view hex, std::string& out);

/// An Ed25519 key pair: the public key in hex, the 64-byte secret key in secure memory.
struct SigningKey {
    std::string public_hex;
    SecretBytes secret;
};

/// A new random key pair.
SigningKey new_signing_key();

/// The key pair for a stored secret key in hex (the public key is derived from it).
/// Errors: damaged_vault (not 128 hex digits).
Result<SigningKey> signing_key_from_hex(std::string_view secret_hex);

/// The secret key in hex, for storing it in the vault (which is encrypted at rest).
SecretBytes secret_hex(const SigningKey& key);

/// Detached Ed25519 signature of `message` in hex.
std::string sign_hex(const SigningKey& key, std::string_view message);

/// True when `signature_hex` is a valid signature of `message` by `public_hex`.
bool verify_hex(std::string_view public_hex, std::string_view message,
                std::string_view signature_hex);

}  // namespace kt::crypto
