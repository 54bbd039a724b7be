// The retry schedule (T-26) as a pure function: bounds, cap, the slow rate after 5 failures,
// Retry-After.
#include "sync/backoff.hpp"

#include <catch2/catch.hpp>

namespace ks = kt::sync;

TEST_CASE("backoff doubles from 1 s to the 15 minute cap with jitter in the upper half") {
    for (int n = 1; n <= 20; ++n) {
        CAPTURE(n);
        const std::int64_t ceiling = std::min<std::int64_t>(900, std::int64_t(1) << (n - 1));
        CHECK(ks::backoff_ceiling(n) == ceiling);
        const auto low = ks::backoff_seconds(n, 0.0);
        const auto high = ks::backoff_seconds(n, 1.0);
        CHECK(high == std::max<std::int64_t>(ceiling, n >= 5 ? 20 : 1));
        CHECK(low >= 1);
        CHECK(low >= ceiling / 2);
        CHECK(low <= high);
        CHECK(high <= 900);
        for (double j : {0.1, 0.37, 0.5, 0.93}) {
            CHECK(ks::backoff_seconds(n, j) >= low);
            CHECK(ks::backoff_seconds(n, j) <= high);
        }
    }
    CHECK(ks::backoff_seconds(1, 1.0) == 1);
    CHECK(ks::backoff_seconds(10, 0.0) == 256);
    CHECK(ks::backoff_seconds(11, 0.0) == 450);
    CHECK(ks::backoff_seconds(200, 1.0) == 900);
}

TEST_CASE("after 5 failures in a row there are at most 6 requests a minute") {
    for (int n = 5; n <= 40; ++n)
        for (double j : {0.0, 0.01, 0.5, 1.0})
            CHECK(ks::backoff_seconds(n, j) >= 10);
    // Before that the first retries come fast.
    CHECK(ks::backoff_seconds(1, 0.0) == 1);
    CHECK(ks::backoff_seconds(2, 0.0) == 1);
}

TEST_CASE("Retry-After is a floor even above the cap but not beyond a day") {
    CHECK(ks::backoff_seconds(1, 0.0, 30) == 30);
    CHECK(ks::backoff_seconds(12, 1.0, 3) == 900);
    CHECK(ks::backoff_seconds(3, 0.0, 3600) == 3600);
    CHECK(ks::backoff_seconds(3, 0.0, 10'000'000) == ks::kMaxRetryAfterSeconds);
    CHECK(ks::backoff_seconds(3, 0.0, 0) == ks::backoff_seconds(3, 0.0));
    CHECK(ks::backoff_seconds(3, 0.0, -5) == ks::backoff_seconds(3, 0.0));
}

TEST_CASE("a jitter out of range is clamped") {
    CHECK(ks::backoff_seconds(6, -3.0) == ks::backoff_seconds(6, 0.0));
    CHECK(ks::backoff_seconds(6, 7.0) == ks::backoff_seconds(6, 1.0));
    const double r = ks::random_jitter();
    CHECK(r >= 0.0);
    CHECK(r <= 1.0);
}
