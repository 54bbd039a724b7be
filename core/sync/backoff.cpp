#include "sync/backoff.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>

namespace kt::sync {

std::int64_t backoff_ceiling(int failures) {
    if (failures <= 1) return kBackoffBaseSeconds;
    if (failures > 20) return kBackoffCapSeconds;  // 2^19 s is far past the cap already
    return std::min(kBackoffCapSeconds, kBackoffBaseSeconds << (failures - 1));
}

std::int64_t backoff_seconds(int failures, double jitter, std::optional<std::int64_t> retry_after) {
    const std::int64_t ceiling = backoff_ceiling(failures);
    const double j = std::isfinite(jitter) ? std::clamp(jitter, 0.0, 1.0) : 1.0;
    const std::int64_t floor =
        ceiling / 2;  // whole seconds: the wait is drawn from [floor, ceiling]
    std::int64_t wait = floor + std::llround(j * double(ceiling - floor));
    if (failures >= kSlowAfterFailures) wait = std::max(wait, kSlowGapSeconds);
    wait = std::clamp<std::int64_t>(wait, 1, kBackoffCapSeconds);
    if (retry_after && *retry_after > 0)
        wait = std::max(wait, std::min(*retry_after, kMaxRetryAfterSeconds));
    return wait;
}

double random_jitter() {
    return double(randombytes_uniform(1000001)) / 1000000.0;
}

}  // namespace kt::sync
