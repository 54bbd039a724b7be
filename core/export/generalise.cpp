#include "export/generalise.hpp"

#include <array>
#include <string>

namespace kt::monitoring {

namespace {

constexpr std::array<std::string_view, kAgeBandCount> kAgeBands = {
    "0-17", "18-26", "27-44", "45-64", "65-79", "80+", "onbekend"};
constexpr std::array<std::string_view, kHouseholdCount> kHouseholds = {
    "alone", "partner", "children", "other", "onbekend"};

constexpr std::int64_t kDay = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// 01:00 UTC on the last Sunday of `month` (the EU summer-time switch, since 1996).
std::int64_t last_sunday_switch(int year, unsigned month) {
    std::int64_t last = days_from_civil(year, month, 31);
    std::int64_t weekday = (last + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday < 0) weekday += 7;
    return (last - weekday) * kDay + 3600;
}

bool amsterdam_summer_time(std::int64_t t) {
    int y;
    unsigned m, d;
    civil_from_days(floor_div(t, kDay), y, m, d);
    return t >= last_sunday_switch(y, 3) && t < last_sunday_switch(y, 10);
}

}  // namespace

std::int64_t quarter_start(QuarterIndex q) {
    const std::int64_t days = days_from_civil(q / 4, unsigned(q % 4) * 3 + 1, 1);
    std::int64_t t = days * kDay - 3600;             // midnight CET
    if (amsterdam_summer_time(t - 3600)) t -= 3600;  // midnight CEST
    return t;
}

int age_band(std::optional<int> age) {
    if (!age || *age < 0 || *age > 130) return 6;
    if (*age <= 17) return 0;
    if (*age <= 26) return 1;
    if (*age <= 44) return 2;
    if (*age <= 64) return 3;
    if (*age <= 79) return 4;
    return 5;
}

std::string_view age_band_name(int band) {
    return band >= 0 && band < kAgeBandCount ? kAgeBands[band] : kAgeBands[6];
}

int household_code(std::string_view household) {
    if (household.empty()) return 4;
    for (int i = 0; i < 4; ++i)
        if (kHouseholds[i] == household) return i;
    return 3;
}

std::string_view household_name(int code) {
    return code >= 0 && code < kHouseholdCount ? kHouseholds[code] : kHouseholds[4];
}

QuarterIndex quarter_of(std::int64_t t) {
    std::int64_t local = t + (amsterdam_summer_time(t) ? 7200 : 3600);
    int y;
    unsigned m, d;
    civil_from_days(floor_div(local, kDay), y, m, d);
    return y * 4 + int(m - 1) / 3;
}

Result<QuarterIndex> parse_quarter(std::string_view s) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (s.size() != 6 || !digit(s[0]) || !digit(s[1]) || !digit(s[2]) || !digit(s[3]) ||
        (s[4] != 'Q' && s[4] != 'q') || s[5] < '1' || s[5] > '4')
        return make_error(ErrorCode::usage, "a quarter is written like 2026Q1");
    int year = std::stoi(std::string(s.substr(0, 4)));
    if (year < 1970) return make_error(ErrorCode::usage, "a quarter's year is 1970 or later");
    return year * 4 + (s[5] - '1');
}

std::string quarter_name(QuarterIndex q) {
    return std::to_string(q / 4) + "Q" + char('1' + q % 4);
}

std::string year_name(QuarterIndex q) {
    return std::to_string(q / 4);
}

// Howard Hinnant's civil-date algorithms (public domain).
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = int(std::int64_t(yoe) + era * 400 + (m <= 2));
}

}  // namespace kt::monitoring
