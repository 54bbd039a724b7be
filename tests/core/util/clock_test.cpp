#include <catch2/catch.hpp>

#include "util/clock.hpp"

TEST_CASE("a birth date is read only when it is a real day written as YYYY-MM-DD") {
    const auto d = kt::parse_iso_date("1958-03-14");
    REQUIRE(d.has_value());
    CHECK(d->year == 1958);
    CHECK(d->month == 3);
    CHECK(d->day == 14);
    CHECK(kt::parse_iso_date("2024-02-29").has_value());  // a leap day
    for (const char* odd : {"2023-02-29", "1900-02-29", "1958-04-31", "1958-00-10", "-958-03-14",
                            "1958-+3-14", "1958/03/14", "19580314  ", ""}) {
        CAPTURE(odd);
        CHECK_FALSE(kt::parse_iso_date(odd).has_value());
    }
}
