// Generalised quasi-identifiers: age bands, quarters (Europe/Amsterdam), household types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace kt::monitoring {

/// Age bands 0-17, 18-26, 27-44, 45-64, 65-79, 80+ and onbekend (index 6).
inline constexpr int kAgeBandCount = 7;
int age_band(std::optional<int> age_years);
std::string_view age_band_name(int band);

/// Household types alone, partner, children, other and onbekend (index 4, an empty value).
/// Any other value the source holds becomes "other".
inline constexpr int kHouseholdCount = 5;
int household_code(std::string_view household);
std::string_view household_name(int code);

/// A quarter as year * 4 + (quarter - 1).
using QuarterIndex = int;
/// The quarter of an instant in Europe/Amsterdam local time (CET/CEST, the EU summer-time
/// rule): an assessment sealed at 00:30 on 1 April counts in Q2, as the team lead sees it.
QuarterIndex quarter_of(std::int64_t unix_seconds);
/// The first second of a quarter: local midnight on its first day in Europe/Amsterdam, as Unix
/// time (quarter_of(quarter_start(q)) == q, quarter_of(quarter_start(q) - 1) == q - 1).
std::int64_t quarter_start(QuarterIndex q);
/// "2026Q1". Errors: usage for anything else (years 1970-9999).
Result<QuarterIndex> parse_quarter(std::string_view text);
/// "2026Q1".
std::string quarter_name(QuarterIndex q);
/// "2026".
std::string year_name(QuarterIndex q);

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), and back.
std::int64_t days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(std::int64_t days, int& y, unsigned& m, unsigned& d);

}  // namespace kt::monitoring
