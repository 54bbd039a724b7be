// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA-1, 30 s steps, 6 digits,
// the secret shown to authenticator apps in base32 (RFC 4648, no padding).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kt::receiver::console {

inline constexpr std::int64_t kTotpStepSeconds = 30;

/// The step a Unix time falls in.
std::int64_t totp_step(std::int64_t unix_time);
/// The code of `key` (raw bytes) at `step`, `digits` long with leading zeros.
std::string totp_code(std::string_view key, std::int64_t step, int digits = 6);
/// The step (now - 1, now or now + 1) whose code is `code`, else nullopt. Comparison in
/// constant time; a code that is not 6 digits never matches.
std::optional<std::int64_t> totp_match(std::string_view key, std::string_view code,
                                       std::int64_t now_step);

/// 20 random bytes as base32 (32 characters).
std::string new_totp_secret();
std::string base32_encode(std::string_view bytes);
/// Upper-case base32 without padding; nullopt for other characters.
std::optional<std::string> base32_decode(std::string_view text);

/// The otpauth:// URI authenticator apps read from the QR code.
std::string provisioning_uri(const std::string& issuer, const std::string& account,
                             const std::string& secret_base32);

}  // namespace kt::receiver::console
