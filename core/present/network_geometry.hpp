// Layout of the network map (ecomap) as plain numbers: the client in the centre, three rings
// of closeness around it, and every person as a round marker on its ring. The screen only
// draws what this computes; the guarantees below are tested without a GL context.
#pragma once

#include <array>
#include <vector>

#include "model/network.hpp"
#include "present/geometry.hpp"

namespace kt::present {

struct NetworkLayoutSpec {
    Vec2 centre;
    float outer_radius = 0;       // the map area: every marker lies inside this circle
    float marker_radius = 0;      // the wanted radius of a person marker (touch target)
    float min_marker_radius = 0;  // the smallest the layout may shrink it to; 0 = no shrinking
    std::vector<int> rings;       // each person's ring in map order (clamped to 0..2)
};

/// A ring's part of the map. A point at a distance in [inner, outer) from the centre is in
/// this ring; `line` is the circle the ring's people sit on while they fit on one circle.
struct RingBand {
    float inner = 0;
    float outer = 0;
    float line = 0;
};

struct NetworkLayout {
    Vec2 centre;
    float outer_radius = 0;
    float client_radius = 0;  // the client's disc in the centre (as large as a marker)
    float marker_radius = 0;  // as asked, or smaller when `shrunk`
    bool shrunk = false;      // the people fit only with smaller markers
    bool fits = true;         // false: not even min_marker_radius fits; markers may overlap
    std::array<RingBand, model::kRingCount> rings{};
    std::vector<Vec2> positions;  // marker centres, in the order of NetworkLayoutSpec::rings
};

/// Places every person on its ring. Guarantees while `fits`: no two markers overlap
/// (centres at least 2 * marker_radius apart), no marker overlaps the client's disc, every
/// marker lies inside outer_radius, and everyone in ring k is nearer the centre than everyone
/// in ring k + 1. Each ring keeps a band even when empty, so a person can be dragged into it.
/// A ring with more people than its circle holds spreads over more circles in its band; when
/// the area is too small for that, the markers shrink, never below min_marker_radius.
NetworkLayout layout_network(const NetworkLayoutSpec& spec);

/// The ring a point falls in (for dropping a dragged person): 0..2, or -1 outside the map.
/// The client's disc counts as ring 0.
int ring_at(const NetworkLayout& layout, Vec2 point);

/// The person whose marker is under a point (index into positions), or -1. The nearest
/// marker wins; `slop` widens every marker for a finger that lands just beside it.
int person_at(const NetworkLayout& layout, Vec2 point, float slop = 0);

}  // namespace kt::present
