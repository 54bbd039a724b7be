#include "present/network_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace kt::present {

namespace {

using Counts = std::array<int, model::kRingCount>;
constexpr int kRings = model::kRingCount;
constexpr float kPi = 3.14159265f;
// Marker centres on neighbouring circles, and neighbours on one circle, stay 2.2 r apart:
// 2 r is the no-overlap guarantee, the rest is a visible gap.
constexpr float kSpacing = 1.1f;
// Each circle starts at another angle (the golden angle), so people on neighbouring circles
// do not line up on one ray from the client.
constexpr float kStagger = 2.39996f;
constexpr float kShrink = 0.95f;
constexpr int kMaxTracks = 64;

float step_of(float r) {
    return 2 * r * kSpacing;
}

// The circles ("tracks") people can sit on: one marker step apart, from just outside the
// client's disc to just inside the map's edge.
std::vector<float> track_radii(float outer, float r) {
    std::vector<float> out;
    for (int i = 1; i <= kMaxTracks && step_of(r) * float(i) + r <= outer; ++i)
        out.push_back(step_of(r) * float(i));
    return out;
}

// How many markers fit on a circle with neighbours a step apart (chord 2 rho sin(pi/m)).
int capacity(float rho, float r) {
    const float x = step_of(r) / (2 * rho);
    if (x >= 1) return 1;
    return std::max(1, static_cast<int>(std::floor(kPi / std::asin(x) + 1e-4f)));
}

// The radius of circle `i` (an index into `tracks`, computed in int).
float track(const std::vector<float>& tracks, int i) {
    return tracks[std::size_t(i)];
}

int band_capacity(const std::vector<float>& tracks, int first, int count, float r) {
    int cap = 0;
    for (int t = first; t < first + count; ++t)
        cap += capacity(track(tracks, t), r);
    return cap;
}

// Equal bands (the outer rings take the remainder): they look calm and stay put.
Counts even_split(int tracks) {
    Counts c{};
    for (int k = 0; k < kRings; ++k)
        c[std::size_t(k)] = tracks / kRings + (k >= kRings - tracks % kRings ? 1 : 0);
    return c;
}

bool holds(const std::vector<float>& tracks, const Counts& bands, const Counts& people, float r) {
    int first = 0;
    for (int k = 0; k < kRings; ++k) {
        const int n = bands[std::size_t(k)];
        if (n < 1 || band_capacity(tracks, first, n, r) < people[std::size_t(k)]) return false;
        first += n;
    }
    return true;
}

// Circles per ring: equal bands when they hold everyone; otherwise each ring takes as few
// circles as it needs from the centre out and the rest go to the rings with fewest.
std::optional<Counts> allocate(const std::vector<float>& tracks, const Counts& people, float r) {
    const int total = static_cast<int>(tracks.size());
    if (total < kRings) return std::nullopt;
    if (const Counts even = even_split(total); holds(tracks, even, people, r)) return even;
    Counts need{};
    int next = 0;
    for (int k = 0; k < kRings; ++k) {
        int cap = 0;
        do {
            if (next >= total) return std::nullopt;
            cap += capacity(track(tracks, next++), r);
            ++need[std::size_t(k)];
        } while (cap < people[std::size_t(k)]);
    }
    for (; next < total; ++next)
        ++*std::min_element(need.rbegin(), need.rend());
    return need;
}

// People per circle of one band: all on the band's middle circle when they fit there,
// otherwise spread so every circle is about equally full.
std::vector<int> per_track(const std::vector<float>& tracks, int first, int count, int people,
                           float r) {
    std::vector<int> n(std::size_t(count), 0);
    const int middle = count / 2;
    if (people <= capacity(track(tracks, first + middle), r)) {
        n[std::size_t(middle)] = people;
        return n;
    }
    for (int p = 0; p < people; ++p) {
        int best = 0;
        float best_room = -1e9f;
        for (int t = 0; t < count; ++t) {
            const float cap = float(capacity(track(tracks, first + t), r));
            const float room = (cap - float(n[std::size_t(t)])) / cap;
            if (room >= best_room) best = t, best_room = room;  // ties: the wider circle
        }
        ++n[std::size_t(best)];
    }
    return n;
}

}  // namespace

namespace {

// Positions of one ring's people (`who`, indices in map order) on its circles.
void place_ring(NetworkLayout& out, const std::vector<float>& tracks, int first, int count,
                const std::vector<int>& who) {
    const auto n = per_track(tracks, first, count, int(who.size()), out.marker_radius);
    std::size_t next = 0;
    for (int t = 0; t < count; ++t) {
        const int m = n[std::size_t(t)];
        const float rho = track(tracks, first + t);
        const float start = -kPi / 2 + kStagger * float(first + t);
        for (int i = 0; i < m; ++i, ++next) {
            const float angle = start + 2 * kPi * float(i) / float(m);
            out.positions[std::size_t(who[next])] = out.centre + direction(angle) * rho;
        }
    }
}

NetworkLayout build(const NetworkLayoutSpec& spec, const std::vector<int>& rings, float r,
                    const std::vector<float>& tracks, const Counts& bands, bool fits) {
    NetworkLayout out;
    out.centre = spec.centre;
    out.outer_radius = spec.outer_radius;
    out.client_radius = r;
    out.marker_radius = r;
    out.shrunk = r < spec.marker_radius;
    out.fits = fits;
    out.positions.assign(rings.size(), spec.centre);
    int first = 0;
    for (int k = 0; k < kRings; ++k) {
        const int count = bands[std::size_t(k)];
        const int last = first + count - 1;
        auto& band = out.rings[std::size_t(k)];
        band.inner = k == 0 ? 0 : (track(tracks, first - 1) + track(tracks, first)) / 2;
        band.outer = k == kRings - 1 ? spec.outer_radius
                                     : (track(tracks, last) + track(tracks, last + 1)) / 2;
        band.line = track(tracks, first + count / 2);
        std::vector<int> who;
        for (std::size_t i = 0; i < rings.size(); ++i)
            if (rings[i] == k) who.push_back(int(i));
        place_ring(out, tracks, first, count, who);
        first += count;
    }
    return out;
}

}  // namespace

NetworkLayout layout_network(const NetworkLayoutSpec& spec) {
    std::vector<int> rings;
    Counts people{};
    for (int ring : spec.rings) {
        rings.push_back(std::clamp(ring, 0, kRings - 1));
        ++people[std::size_t(rings.back())];
    }
    float r = spec.marker_radius;
    if (!(r > 0) || !(spec.outer_radius > 0)) {
        NetworkLayout out;
        out.centre = spec.centre;
        out.fits = false;
        out.positions.assign(rings.size(), spec.centre);
        return out;
    }
    const float smallest = spec.min_marker_radius > 0 ? std::min(spec.min_marker_radius, r) : r;
    for (;;) {
        const auto tracks = track_radii(spec.outer_radius, r);
        if (const auto bands = allocate(tracks, people, r))
            return build(spec, rings, r, tracks, *bands, true);
        if (r <= smallest) break;
        r = std::max(smallest, r * kShrink);
    }
    // Not even the smallest markers fit: place everyone anyway (overlapping) and say so.
    auto tracks = track_radii(spec.outer_radius, r);
    if (tracks.size() < std::size_t(kRings))
        tracks = {spec.outer_radius / 4, spec.outer_radius / 2, spec.outer_radius * 3 / 4};
    return build(spec, rings, r, tracks, even_split(int(tracks.size())), false);
}

int ring_at(const NetworkLayout& layout, Vec2 point) {
    const float d = distance(point, layout.centre);
    if (d > layout.outer_radius) return -1;
    for (int k = 0; k < kRings; ++k)
        if (d < layout.rings[std::size_t(k)].outer) return k;
    return kRings - 1;
}

int person_at(const NetworkLayout& layout, Vec2 point, float slop) {
    int best = -1;
    float best_d = layout.marker_radius + slop;
    for (std::size_t i = 0; i < layout.positions.size(); ++i) {
        const float d = distance(point, layout.positions[i]);
        if (d <= best_d) best = int(i), best_d = d;
    }
    return best;
}

}  // namespace kt::present
