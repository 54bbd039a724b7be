#include "util/clock.hpp"

#include <charconv>
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

namespace {

std::optional<int> digits(std::string_view text) {
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;  // from_chars would take a leading '-'
    return value;
}

bool day_exists(const CivilDate& d) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > kDays[d.month - 1]) return false;
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    return d.month != 2 || d.day <= 28 || leap;
}

}  // namespace

std::optional<CivilDate> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = digits(text.substr(0, 4)), m = digits(text.substr(5, 2)),
               d = digits(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    const CivilDate date{*y, *m, *d};
    if (!day_exists(date)) return std::nullopt;
    return date;
}

}  // namespace kt
