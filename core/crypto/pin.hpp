// The worker's 6-digit PIN: it only resumes an idle-locked session (the data key stays in
// secure memory meanwhile); five wrong PINs drop the key and demand the passphrase.
#pragma once

#include <string>
#include <string_view>

namespace kt::crypto {

inline constexpr int kPinLength = 6;
inline constexpr int kMaxPinFailures = 5;

/// Exactly six ASCII digits.
bool valid_pin(std::string_view pin);
/// A PIN anyone would try first: one digit six times (000000), a run up or down (123456,
/// 987654, 901234), or a repeated pair or triple (121212, 123123). Refused when chosen.
bool guessable_pin(std::string_view pin);
/// Why a new PIN and its repetition are refused, as a message key ("pin.invalid",
/// "pin.guessable", "pin.mismatch"); "" when it can be chosen.
std::string pin_error_key(std::string_view pin, std::string_view repeated);
/// An Argon2id verifier string (libsodium crypto_pwhash_str); empty if hashing failed.
std::string hash_pin(std::string_view pin);
bool verify_pin(const std::string& verifier, std::string_view pin);

}  // namespace kt::crypto
