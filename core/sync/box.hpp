// The municipality's sealed boxes (libsodium crypto_box_seal, X25519 + XSalsa20-Poly1305):
// only the holder of the box secret key can open a submission; the device, a reverse proxy
// and the TLS terminator cannot. Plus standard base64 for carrying bytes in JSON.
#pragma once

#include <string>
#include <string_view>

#include "crypto/secret.hpp"
#include "util/result.hpp"

namespace kt::sync {

/// An X25519 key pair: the public key in hex, the 32-byte secret in secure memory.
struct BoxKey {
    std::string public_hex;
    crypto::SecretBytes secret;
};

BoxKey new_box_key();

/// The key pair for a stored secret (64 hex digits); the public key is derived.
/// Errors: usage (not 64 hex digits).
Result<BoxKey> box_key_from_hex(std::string_view secret_hex);

/// The secret in hex (read it with text()), for a 0600 key file.
crypto::SecretBytes box_secret_hex(const BoxKey& key);

/// `plaintext` sealed to `public_hex` (raw bytes, 48 bytes longer).
/// Errors: usage (the key is not 64 hex digits).
Result<std::string> seal_box(std::string_view public_hex, std::string_view plaintext);

/// Opens a sealed box. Errors: usage (too short, not for this key, or altered).
Result<std::string> open_box(const BoxKey& key, std::string_view box);

/// Standard base64 with padding (RFC 4648 §4).
std::string base64_encode(std::string_view bytes);
/// Strict: no whitespace, padding required. False for anything else.
bool base64_decode(std::string_view text, std::string& out);

}  // namespace kt::sync
