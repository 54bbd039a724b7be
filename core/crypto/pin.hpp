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
/// An Argon2id verifier string (libsodium crypto_pwhash_str); empty if hashing failed.
std::string hash_pin(std::string_view pin);
bool verify_pin(const std::string& verifier, std::string_view pin);

}  // namespace kt::crypto
