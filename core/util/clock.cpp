#include "util/clock.hpp"

#include <ctime>

namespace kt {

std::int64_t SystemClock::now_utc() const {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec;
}

double SystemClock::monotonic() const {
    timespec ts{};
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

CivilDate local_date(std::int64_t epoch_seconds) {
    const time_t t = static_cast<time_t>(epoch_seconds);
    tm parts{};
    localtime_r(&t, &parts);
    return {parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
}

}  // namespace kt
