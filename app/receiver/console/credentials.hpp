// The console's secrets: passwords (Argon2id through libsodium's crypto_pwhash_str, strength by
// zxcvbn), one-time recovery codes, and the random tokens (activation links, session ids) of
// which the store keeps only a SHA-256.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kt::receiver::console {

/// crypto_pwhash_str at the interactive limits; nullopt when out of memory.
std::optional<std::string> hash_password(std::string_view password);
/// True when `password` matches `hash`. An empty hash runs a verification against a fixed
/// dummy hash (the same cost) and answers false, so an unknown account takes as long.
bool verify_password(const std::string& hash, std::string_view password);

/// zxcvbn's score 0..4 (guesses below 1e3, 1e6, 1e8, 1e10, above); `user_words` (the account
/// name) count as known words.
int password_score(std::string_view password, const std::vector<std::string>& user_words);
inline constexpr int kMinPasswordScore = 3;
inline constexpr std::size_t kMaxPasswordBytes = 256;

/// `count` recovery codes of 12 base32 characters as xxxx-xxxx-xxxx (60 bits each).
std::vector<std::string> new_recovery_codes(int count = 10);
/// The stored form of a recovery code: SHA-256 hex of its canonical form (upper case, no
/// dashes or spaces).
std::string recovery_hash(std::string_view code);

/// 32 random bytes as 64 lower-case hex characters.
std::string new_token();
/// SHA-256 hex of `purpose` + "|" + `token`.
std::string token_hash(std::string_view purpose, std::string_view token);
/// True for 64 lower-case hex characters.
bool well_formed_token(std::string_view token);

}  // namespace kt::receiver::console
