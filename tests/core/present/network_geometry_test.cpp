// The network map layout: people never overlap, stay inside the map and on their own ring,
// and a finger finds the ring and the person under it.
#include "present/network_geometry.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace kt::present;

namespace {

// The kiosk's map area at 1280x800: a 12 mm touch target is about 68 px across.
constexpr Vec2 kCentre{420, 400};
constexpr float kOuter = 370;
constexpr float kMarker = 34;
constexpr float kMinMarker = 24;

NetworkLayoutSpec spec(std::vector<int> rings) {
    return {kCentre, kOuter, kMarker, kMinMarker, std::move(rings)};
}

// n people spread over the rings by `pattern`: each entry is the ring of every k-th person.
std::vector<int> distribution(int n, const std::string& pattern) {
    std::vector<int> rings;
    for (int i = 0; i < n; ++i)
        rings.push_back(pattern[std::size_t(i) % pattern.size()] - '0');
    return rings;
}

void check_guarantees(const NetworkLayoutSpec& s, const NetworkLayout& l) {
    REQUIRE(l.fits);
    REQUIRE(l.positions.size() == s.rings.size());
    const float r = l.marker_radius;
    CHECK(r >= kMinMarker);
    CHECK(r <= kMarker);
    for (std::size_t i = 0; i < l.positions.size(); ++i) {
        const float d = distance(l.positions[i], s.centre);
        CAPTURE(i, s.rings[i], d);
        CHECK(d + r <= s.outer_radius + 0.01f);           // inside the map
        CHECK(d - r >= l.client_radius - 0.01f);          // clear of the client in the centre
        CHECK(ring_at(l, l.positions[i]) == s.rings[i]);  // inside its own ring's band
        for (std::size_t j = i + 1; j < l.positions.size(); ++j) {
            CAPTURE(j);
            CHECK(distance(l.positions[i], l.positions[j]) >= 2 * r);
            if (s.rings[i] < s.rings[j])
                CHECK(d < distance(l.positions[j], s.centre));  // closer ring, nearer the client
        }
    }
}

}  // namespace

TEST_CASE("1 to 30 people in any spread over the rings never overlap and stay inside the map") {
    // All on one ring, two rings, all three, lopsided, and alternating.
    for (const std::string pattern :
         {"0", "1", "2", "01", "12", "02", "012", "001", "0001", "0112", "2221", "0122222"}) {
        for (int n = 1; n <= 30; ++n) {
            CAPTURE(pattern, n);
            const auto s = spec(distribution(n, pattern));
            check_guarantees(s, layout_network(s));
        }
    }
}

TEST_CASE("thirty people all in the closest ring shrink the markers but never overlap") {
    const auto s = spec(std::vector<int>(30, 0));
    const auto l = layout_network(s);
    check_guarantees(s, l);
    CHECK(l.shrunk);
    // The other two rings keep a band to drag someone into.
    CHECK(l.rings[1].outer > l.rings[1].inner);
    CHECK(l.rings[2].outer > l.rings[2].inner);
}

TEST_CASE("a few people keep the full marker size and sit on their ring's circle") {
    const auto s = spec({0, 1, 1, 2});
    const auto l = layout_network(s);
    check_guarantees(s, l);
    CHECK_FALSE(l.shrunk);
    CHECK(l.marker_radius == kMarker);
    for (std::size_t i = 0; i < s.rings.size(); ++i)
        CHECK(distance(l.positions[i], kCentre) ==
              Approx(l.rings[std::size_t(s.rings[i])].line).margin(0.01));
}

TEST_CASE("the three ring bands run from the centre to the edge without gaps") {
    for (int n : {0, 5, 30}) {
        CAPTURE(n);
        const auto l = layout_network(spec(distribution(n, "012")));
        CHECK(l.rings[0].inner == 0);
        CHECK(l.rings[0].outer == l.rings[1].inner);
        CHECK(l.rings[1].outer == l.rings[2].inner);
        CHECK(l.rings[2].outer == kOuter);
        for (const auto& band : l.rings) {
            CHECK(band.line > band.inner);
            CHECK(band.line < band.outer);
        }
    }
}

TEST_CASE("a finger on the map finds the ring to drop a person in") {
    const auto l = layout_network(spec({0, 1, 2}));
    CHECK(ring_at(l, kCentre) == 0);  // on the client: closest
    for (int k = 0; k < 3; ++k) {
        CAPTURE(k);
        const float mid = (l.rings[std::size_t(k)].inner + l.rings[std::size_t(k)].outer) / 2;
        CHECK(ring_at(l, kCentre + Vec2{0, mid}) == k);
        CHECK(ring_at(l, kCentre - Vec2{mid, 0}) == k);
    }
    CHECK(ring_at(l, kCentre + Vec2{kOuter + 1, 0}) == -1);
}

TEST_CASE("a finger on a marker finds that person, beside it only within the slop") {
    const auto l = layout_network(spec({0, 0, 1, 2, 2}));
    for (std::size_t i = 0; i < l.positions.size(); ++i)
        CHECK(person_at(l, l.positions[i] + Vec2{3, -2}) == int(i));
    const Vec2 beside = l.positions[3] + Vec2{l.marker_radius + 5, 0};
    CHECK(person_at(l, beside) == -1);
    CHECK(person_at(l, beside, 8) == 3);
    CHECK(person_at(l, kCentre) == -1);
}

TEST_CASE("a map too small for its people says so instead of pretending") {
    NetworkLayoutSpec s{kCentre, 120, kMarker, kMarker, std::vector<int>(30, 0)};
    const auto l = layout_network(s);
    CHECK_FALSE(l.fits);
    CHECK(l.positions.size() == 30);
    const auto empty = layout_network({kCentre, 0, kMarker, 0, {0}});
    CHECK_FALSE(empty.fits);
}

TEST_CASE("the same people give the same layout every frame") {
    const auto s = spec(distribution(17, "0112"));
    CHECK(layout_network(s).positions == layout_network(s).positions);
}
