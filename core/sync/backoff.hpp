// When to try again after a failure (T-26): exponential backoff with jitter, 1 s doubling to a
// 15 minute cap, never more than 6 requests a minute once 5 attempts in a row have failed,
// and never sooner than the server's Retry-After. A pure function, so tests check the
// schedule without waiting.
#pragma once

#include <cstdint>
#include <optional>

namespace kt::sync {

inline constexpr std::int64_t kBackoffBaseSeconds = 1;
inline constexpr std::int64_t kBackoffCapSeconds = 15 * 60;
/// After this many failures in a row the gap between passes is at least kSlowGapSeconds (≤ 6
/// requests a minute).
inline constexpr int kSlowAfterFailures = 5;
// 20 s, not 10: a failing pass can make two requests (the checkin and the failing item).
inline constexpr std::int64_t kSlowGapSeconds = 20;
/// A Retry-After beyond this is read as this (a broken or hostile header cannot park the
/// device for a year).
inline constexpr std::int64_t kMaxRetryAfterSeconds = 24 * 60 * 60;

/// True when a wait that was to end at `until` is over at `now`. A wait that ends further
/// ahead than any this device sets (kMaxRetryAfterSeconds) was set before the device's clock
/// was put back (T-42): it is over too, or the device would stay silent for years.
inline bool wait_is_over(std::int64_t until, std::int64_t now) {
    return now >= until || until - now > kMaxRetryAfterSeconds;
}

/// The seconds to wait after the `failures`-th failure in a row (1 for the first).
/// The ceiling doubles from 1 s to the 15 min cap; the wait is drawn from [ceiling / 2,
/// ceiling] by `jitter` in [0, 1] (equal jitter, so retries of many devices spread out but
/// never collapse to zero); from the 5th failure it is at least 20 s; a Retry-After is a
/// floor (up to kMaxRetryAfterSeconds) even above the cap. Always ≥ 1.
std::int64_t backoff_seconds(int failures, double jitter,
                             std::optional<std::int64_t> retry_after = std::nullopt);

/// The ceiling without jitter: min(cap, base · 2^(failures − 1)).
std::int64_t backoff_ceiling(int failures);

/// A uniform random number in [0, 1] from libsodium's generator (the default jitter).
double random_jitter();

}  // namespace kt::sync
