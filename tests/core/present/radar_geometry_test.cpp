// The overview's radar chart: levels on the right circles, gaps at unscored domains, and
// domain names that are never clipped and never cover each other.
#include "present/radar_geometry.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

using namespace kt::present;

namespace {

// The Dutch domain names as an 18 px font measures them (about 9 px a character).
RadarSpec dutch_names(Rect bounds) {
    const char* names[] = {"Financiën",
                           "Werk & opleiding",
                           "Tijdsbesteding",
                           "Huisvesting",
                           "Huiselijke relaties",
                           "Geestelijke gezondheid",
                           "Lichamelijke gezondheid",
                           "Middelengebruik",
                           "Basale ADL",
                           "Instrumentele ADL",
                           "Sociaal netwerk",
                           "Maatschappelijke participatie",
                           "Justitie"};
    RadarSpec s;
    s.bounds = bounds;
    for (int i = 0; i < kRadarSpokes; ++i)
        s.label_sizes[std::size_t(i)] = {9.0f * float(std::string(names[i]).size()), 22};
    return s;
}

RadarLevels all(int level) {
    RadarLevels l;
    l.fill(level);
    return l;
}

// The distance from the chart's centre to the nearest point of a box.
float nearest(const Rect& b, Vec2 c) {
    const float x = std::clamp(c.x, b.min.x, b.max.x);
    const float y = std::clamp(c.y, b.min.y, b.max.y);
    return distance({x, y}, c);
}

void check_labels(const RadarSpec& s, const RadarGeometry& g) {
    REQUIRE(g.fits);
    CHECK(g.radius > 0);
    for (int i = 0; i < kRadarSpokes; ++i) {
        const auto& box = g.labels[std::size_t(i)].box;
        CAPTURE(i, box.min.x, box.min.y, box.max.x, box.max.y);
        CHECK(s.bounds.contains(box));
        CHECK(box.width() == Approx(s.label_sizes[std::size_t(i)].w));
        CHECK(nearest(box, g.centre) >= g.radius);  // never on top of the chart
        for (int j = i + 1; j < kRadarSpokes; ++j)
            CHECK_FALSE(box.overlaps(g.labels[std::size_t(j)].box));
    }
}

}  // namespace

TEST_CASE("level 5 lies on the outer circle and level L at L fifths of it, spokes in ZRM order") {
    const auto s = dutch_names({{0, 0}, {760, 640}});
    const auto g = radar_geometry(s, all(5), std::nullopt);
    for (int i = 0; i < kRadarSpokes; ++i) {
        CAPTURE(i);
        const auto p = g.current.points[std::size_t(i)];
        REQUIRE(p.has_value());
        CHECK(distance(*p, g.centre) == Approx(g.radius).margin(0.01));
        CHECK(*p == g.spoke_ends[std::size_t(i)]);
        for (int level = 1; level <= 5; ++level)
            CHECK(distance(g.level_rings[std::size_t(level - 1)][std::size_t(i)], g.centre) ==
                  Approx(g.radius * float(level) / 5).margin(0.01));
    }
    // Financiën points straight up; the next domain follows clockwise (to the right).
    CHECK(g.spoke_ends[0].x == Approx(g.centre.x).margin(0.01));
    CHECK(g.spoke_ends[0].y < g.centre.y);
    CHECK(g.spoke_ends[1].x > g.centre.x);
    const auto ones = radar_geometry(s, all(1), std::nullopt);
    CHECK(distance(*ones.current.points[4], ones.centre) == Approx(ones.radius / 5).margin(0.01));
}

TEST_CASE("a fully scored assessment is one closed line and thirteen filled wedges") {
    const auto g = radar_geometry(dutch_names({{0, 0}, {760, 640}}), all(3), all(2));
    REQUIRE(g.current.runs.size() == 1);
    const auto& loop = g.current.runs[0];
    CHECK(loop.size() == 14);
    CHECK(loop.front() == loop.back());
    CHECK(g.current.wedges.size() == 13);
    CHECK(g.current.unscored.empty());
    REQUIRE(g.previous.has_value());
    CHECK(distance(*g.previous->points[0], g.centre) == Approx(g.radius * 2 / 5).margin(0.01));
}

TEST_CASE("an unscored domain is a gap in the line and is listed to be named") {
    auto levels = all(4);
    levels[3] = std::nullopt;
    levels[4] = 0;  // anything outside 1..5 is unscored too
    levels[9] = std::nullopt;
    const auto g = radar_geometry(dutch_names({{0, 0}, {760, 640}}), levels, std::nullopt);
    CHECK(g.current.unscored == std::vector<int>{3, 4, 9});
    CHECK_FALSE(g.current.points[3].has_value());
    // Runs: 5..8 and 10..12 + 0..2 (wrapping past Justitie to Financiën), never across a gap.
    REQUIRE(g.current.runs.size() == 2);
    CHECK(g.current.runs[0].size() == 4);
    CHECK(g.current.runs[0].front() == *g.current.points[5]);
    CHECK(g.current.runs[1].size() == 6);
    CHECK(g.current.runs[1].front() == *g.current.points[10]);
    CHECK(g.current.runs[1].back() == *g.current.points[2]);
    CHECK(g.current.wedges.size() == 3 + 5);
    CHECK_FALSE(g.previous.has_value());
}

TEST_CASE("a lone scored domain is a run of one point and no wedge") {
    RadarLevels levels;
    levels[6] = 2;
    const auto g = radar_geometry(dutch_names({{0, 0}, {760, 640}}), levels, std::nullopt);
    REQUIRE(g.current.runs.size() == 1);
    CHECK(g.current.runs[0].size() == 1);
    CHECK(g.current.wedges.empty());
    CHECK(g.current.unscored.size() == 12);
}

TEST_CASE("the Dutch domain names fit around the chart on the overview and in a small box") {
    for (const Rect bounds : {Rect{{40, 90}, {800, 730}}, Rect{{0, 0}, {600, 420}}}) {
        const auto s = dutch_names(bounds);
        check_labels(s, radar_geometry(s, all(3), std::nullopt));
    }
}

TEST_CASE("wide labels make the chart smaller, never clipped") {
    auto s = dutch_names({{0, 0}, {760, 640}});
    const float normal = radar_geometry(s, all(3), std::nullopt).radius;
    for (auto& size : s.label_sizes)
        size = {200, 44};  // two lines of a long name
    const auto g = radar_geometry(s, all(3), std::nullopt);
    check_labels(s, g);
    CHECK(g.radius < normal);
}

TEST_CASE("labels that cannot fit are reported, not drawn outside silently") {
    auto s = dutch_names({{0, 0}, {300, 200}});
    for (auto& size : s.label_sizes)
        size = {180, 30};
    CHECK_FALSE(radar_geometry(s, all(3), std::nullopt).fits);
}

TEST_CASE("a maximum radius caps the chart and keeps the drawing centred") {
    auto s = dutch_names({{0, 0}, {760, 640}});
    s.max_radius = 100;
    const auto g = radar_geometry(s, all(3), std::nullopt);
    CHECK(g.radius == 100);
    check_labels(s, g);
    float left = g.centre.x - g.radius, right = g.centre.x + g.radius;
    for (const auto& l : g.labels) {
        left = std::min(left, l.box.min.x);
        right = std::max(right, l.box.max.x);
    }
    CHECK(left - s.bounds.min.x == Approx(s.bounds.max.x - right).margin(0.5));
}

TEST_CASE("the chart grows to use the space its labels leave") {
    const auto s = dutch_names({{0, 0}, {760, 640}});
    const auto g = radar_geometry(s, all(3), std::nullopt);
    // The longest name (Maatschappelijke participatie) is on the left; the chart is still
    // more than half as tall as the box.
    CHECK(g.radius * 2 > 0.5f * 640);
}
