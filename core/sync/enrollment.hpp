// One-time enrollment codes and the proofs of docs/receiver-api.md: the code never crosses
// the wire; each side proves it knows it with an HMAC-SHA-256 over the TLS key it sees.
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace kt::sync {

/// A new code: 16 characters of Crockford base32 (80 random bits) in four groups,
/// "7KQM-2D9X-HT4B-W1ZC".
std::string new_enrollment_code();

/// The code as typed (any case, dashes, spaces; O→0, I/L→1 as Crockford reads them) in its
/// canonical 16-character form. Errors: usage (wrong length or a letter not in the alphabet).
Result<std::string> normalise_code(std::string_view typed);

/// K = SHA-256("kt-enroll-code-v1|" + canonical code), lower-case hex: the HMAC key both
/// sides use (the receiver stores K, never the code).
std::string code_key_hex(std::string_view canonical_code);

/// HMAC-SHA-256(key, message) in lower-case hex; `key_hex` is 64 hex digits.
std::string hmac_hex(std::string_view key_hex, std::string_view message);
/// Constant-time check of an HMAC in hex.
bool hmac_matches(std::string_view key_hex, std::string_view message, std::string_view mac_hex);

/// What the device's proof covers: its signing key and the TLS key it sees.
std::string device_proof_message(std::string_view device_public_key, std::string_view tls_pin);
/// What the receiver's proof covers: the device id it gives and every key the device will
/// trust from now on.
std::string receiver_proof_message(std::string_view device_id, std::string_view box_public_key,
                                   std::string_view receipt_public_key, std::string_view tls_pin);

}  // namespace kt::sync
