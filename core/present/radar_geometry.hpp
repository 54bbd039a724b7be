// The overview's radar chart as plain numbers: 13 spokes in ZRM order, rings for levels 1..5,
// this and the previous assessment as points and lines with gaps at unscored domains, and the
// domain names placed around it so that none is clipped or covers another.
//
// Mapping: domain i's spoke points at angle -90° + i * 360°/13 (domain 0, Financiën, straight
// up, then clockwise on screen). Level L (1..5) lies at L/5 of the radius, so level 5 is on the
// outer circle and level 1 at a fifth of it (a 1 is a point, not the centre). Unscored is no
// point and breaks the line (a gap).
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "model/zrm.hpp"
#include "present/geometry.hpp"

namespace kt::present {

inline constexpr int kRadarSpokes = zrm::kDomainCount;
/// Level per domain in zrm::kDomains order; nullopt (or anything outside 1..5) is unscored.
using RadarLevels = std::array<std::optional<int>, kRadarSpokes>;

enum class HAlign { left, centre, right };  // where the anchor is on the label's box
enum class VAlign { top, middle, bottom };

struct RadarLabel {
    /// On the spoke's line, label_gap outside the level-5 circle; moved further out (up or
    /// down) when it would cover a neighbouring label.
    Vec2 anchor;
    HAlign h = HAlign::centre;
    VAlign v = VAlign::middle;
    Rect box;  // where the text goes: draw it at box.min
};

struct RadarSeries {
    std::array<std::optional<Vec2>, kRadarSpokes> points;  // none for an unscored domain
    /// Lines through neighbouring scored domains, broken at every gap; a run of one is a lone
    /// point. When all 13 are scored there is one run that ends where it starts (closed).
    std::vector<std::vector<Vec2>> runs;
    /// Triangles (centre, domain i, domain i + 1) for neighbouring scored domains: the filled
    /// area, with a wedge missing at a gap. Fill them one by one (the shape is not convex).
    std::vector<std::array<Vec2, 3>> wedges;
    std::vector<int> unscored;  // domain indices without a score, to be named beside the chart
};

struct RadarSpec {
    Rect bounds;  // the whole chart, labels included, must stay inside
    std::array<Size, kRadarSpokes> label_sizes{};  // each domain name as the screen measured it
    float label_gap = 8;                           // between the level-5 circle and a label
    float max_radius = 0;                          // an upper limit (0: as large as fits)
};

struct RadarGeometry {
    Vec2 centre;
    float radius = 0;  // of the level-5 circle
    /// Labels inside bounds and apart from each other. False when the bounds are too small
    /// for these label sizes: measure again with a smaller font or wrapped names.
    bool fits = false;
    std::array<Vec2, kRadarSpokes> spoke_ends{};
    std::array<std::array<Vec2, kRadarSpokes>, zrm::kMaxLevel> level_rings{};  // [level - 1]
    std::array<RadarLabel, kRadarSpokes> labels{};
    RadarSeries current;
    std::optional<RadarSeries> previous;
};

/// The angle (radians, clockwise on screen from the right) of domain `i`'s spoke.
float radar_angle(int i);

/// The largest chart whose labels all fit inside spec.bounds without covering each other or
/// the chart, the whole drawing centred in the bounds, with both assessments' points.
/// `previous` is absent for a first assessment.
RadarGeometry radar_geometry(const RadarSpec& spec, const RadarLevels& current,
                             const std::optional<RadarLevels>& previous);

}  // namespace kt::present
