// Plain-number 2D types for the geometry the screens draw (pixels, y grows downwards).
// No ImGui types here: the screens convert with ImVec2(p.x, p.y).
#pragma once

#include <cmath>

namespace kt::present {

struct Vec2 {
    float x = 0;
    float y = 0;
    bool operator==(const Vec2&) const = default;
};

inline Vec2 operator+(Vec2 a, Vec2 b) {
    return {a.x + b.x, a.y + b.y};
}
inline Vec2 operator-(Vec2 a, Vec2 b) {
    return {a.x - b.x, a.y - b.y};
}
inline Vec2 operator*(Vec2 a, float k) {
    return {a.x * k, a.y * k};
}
inline float length(Vec2 v) {
    return std::hypot(v.x, v.y);
}
inline float distance(Vec2 a, Vec2 b) {
    return length(a - b);
}

/// A unit vector at `angle` radians; 0 points right and angles turn clockwise on screen.
inline Vec2 direction(float angle) {
    return {std::cos(angle), std::sin(angle)};
}

struct Size {
    float w = 0;
    float h = 0;
};

/// An axis-aligned rectangle: min is the top-left corner, max the bottom-right.
struct Rect {
    Vec2 min;
    Vec2 max;
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
    Vec2 centre() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
    /// `r` lies inside this rectangle, allowing `slack` pixels of rounding.
    bool contains(const Rect& r, float slack = 0.01f) const {
        return r.min.x >= min.x - slack && r.min.y >= min.y - slack && r.max.x <= max.x + slack &&
               r.max.y <= max.y + slack;
    }
    /// The interiors meet (touching edges do not count).
    bool overlaps(const Rect& r) const {
        return r.min.x < max.x && min.x < r.max.x && r.min.y < max.y && min.y < r.max.y;
    }
};

}  // namespace kt::present
