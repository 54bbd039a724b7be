#include "present/radar_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace kt::present {

namespace {

constexpr float kPi = 3.14159265f;
// A spoke this close to vertical gets a centred label, this close to horizontal a label
// centred on its height; others are aligned away from the chart.
constexpr float kCentreCos = 0.15f;
constexpr float kMiddleSin = 0.2f;

std::size_t at(int i) {
    return static_cast<std::size_t>(i);
}

bool scored(const std::optional<int>& level) {
    return level && zrm::is_valid_level(*level);
}

RadarLabel align(int i) {
    const Vec2 u = direction(radar_angle(i));
    RadarLabel l;
    l.h = std::abs(u.x) < kCentreCos ? HAlign::centre : (u.x > 0 ? HAlign::left : HAlign::right);
    l.v = std::abs(u.y) < kMiddleSin ? VAlign::middle : (u.y > 0 ? VAlign::top : VAlign::bottom);
    return l;
}

// The label box's top-left corner relative to its anchor.
Vec2 box_offset(const RadarLabel& l, Size s) {
    const float x = l.h == HAlign::left ? 0 : (l.h == HAlign::centre ? -s.w / 2 : -s.w);
    const float y = l.v == VAlign::top ? 0 : (l.v == VAlign::middle ? -s.h / 2 : -s.h);
    return {x, y};
}

// A box moved `dy` down.
void shift(RadarLabel& l, float dy) {
    l.anchor.y += dy;
    l.box.min.y += dy;
    l.box.max.y += dy;
}

// Labels on one side (one alignment) keep clear of each other: from the most horizontal
// spoke outwards, each next label moves up (upper half) or down (lower half) just enough.
// Labels only ever move away from the chart.
void spread_side(std::array<RadarLabel, kRadarSpokes>& labels, HAlign side) {
    std::vector<int> ids;
    for (int i = 0; i < kRadarSpokes; ++i)
        if (labels[at(i)].h == side) ids.push_back(i);
    if (ids.empty()) return;
    std::sort(ids.begin(), ids.end(),
              [&](int a, int b) { return labels[at(a)].anchor.y < labels[at(b)].anchor.y; });
    auto level = [](int i) { return std::abs(direction(radar_angle(i)).y); };
    const auto pivot =
        std::min_element(ids.begin(), ids.end(), [&](int a, int b) { return level(a) < level(b); });
    for (auto it = pivot; it != ids.begin(); --it) {
        auto& above = labels[at(*(it - 1))];
        shift(above, std::min(0.0f, labels[at(*it)].box.min.y - above.box.max.y));
    }
    for (auto it = pivot + 1; it != ids.end(); ++it) {
        auto& below = labels[at(*it)];
        shift(below, std::max(0.0f, labels[at(*(it - 1))].box.max.y - below.box.min.y));
    }
}

// A centred label (straight up or down) moves outwards past every label it covers.
void clear_centred(std::array<RadarLabel, kRadarSpokes>& labels) {
    for (auto& l : labels) {
        if (l.h != HAlign::centre) continue;
        const bool up = l.anchor.y < 0;
        for (const auto& other : labels) {
            if (&other == &l || !l.box.overlaps(other.box)) continue;
            shift(l, up ? other.box.min.y - l.box.max.y : other.box.max.y - l.box.min.y);
        }
    }
}

// The labels of a chart centred at the origin whose level-5 circle has `radius`.
std::array<RadarLabel, kRadarSpokes> labels_at(const RadarSpec& spec, float radius, float gap) {
    std::array<RadarLabel, kRadarSpokes> labels;
    for (int i = 0; i < kRadarSpokes; ++i) {
        RadarLabel l = align(i);
        const Size s = spec.label_sizes[at(i)];
        l.anchor = direction(radar_angle(i)) * (radius + gap);
        l.box.min = l.anchor + box_offset(l, s);
        l.box.max = l.box.min + Vec2{s.w, s.h};
        labels[at(i)] = l;
    }
    spread_side(labels, HAlign::left);
    spread_side(labels, HAlign::right);
    clear_centred(labels);
    return labels;
}

// Everything drawn (circle and labels) around a chart centred at the origin.
Rect extent_of(const std::array<RadarLabel, kRadarSpokes>& labels, float radius) {
    Rect e{{-radius, -radius}, {radius, radius}};
    for (const auto& l : labels) {
        e.min = {std::min(e.min.x, l.box.min.x), std::min(e.min.y, l.box.min.y)};
        e.max = {std::max(e.max.x, l.box.max.x), std::max(e.max.y, l.box.max.y)};
    }
    return e;
}

bool fits_in(const RadarSpec& spec, float radius, float gap) {
    const Rect e = extent_of(labels_at(spec, radius, gap), radius);
    return e.width() <= spec.bounds.width() && e.height() <= spec.bounds.height();
}

// The largest radius whose chart and labels fit the bounds (0 when not even a dot fits).
float largest_radius(const RadarSpec& spec, float gap) {
    float lo = 0;
    float hi = std::min(spec.bounds.width(), spec.bounds.height()) / 2;
    if (spec.max_radius > 0) hi = std::min(hi, spec.max_radius);
    if (hi <= 0 || !fits_in(spec, 0, gap)) return 0;
    if (fits_in(spec, hi, gap)) return hi;
    for (int step = 0; step < 40; ++step) {
        const float mid = (lo + hi) / 2;
        (fits_in(spec, mid, gap) ? lo : hi) = mid;
    }
    return lo;
}

bool labels_apart(const std::array<RadarLabel, kRadarSpokes>& labels) {
    for (int i = 0; i < kRadarSpokes; ++i)
        for (int j = i + 1; j < kRadarSpokes; ++j)
            if (labels[at(i)].box.overlaps(labels[at(j)].box)) return false;
    return true;
}

Vec2 level_point(const RadarGeometry& g, int domain, int level) {
    return g.centre + direction(radar_angle(domain)) * (g.radius * float(level) / zrm::kMaxLevel);
}

}  // namespace

namespace {

// Runs of neighbouring scored domains, starting just after a gap so none is split in two.
std::vector<std::vector<Vec2>> runs_of(const RadarSeries& s) {
    const auto gap = std::find(s.points.begin(), s.points.end(), std::nullopt);
    if (gap == s.points.end()) {
        std::vector<Vec2> loop;
        for (const auto& p : s.points)
            loop.push_back(*p);
        loop.push_back(*s.points[0]);
        return {loop};
    }
    std::vector<std::vector<Vec2>> runs;
    std::vector<Vec2> run;
    const int start = static_cast<int>(gap - s.points.begin()) + 1;
    for (int k = 0; k < kRadarSpokes; ++k) {
        const auto& p = s.points[at((start + k) % kRadarSpokes)];
        if (p) {
            run.push_back(*p);
        } else if (!run.empty()) {
            runs.push_back(std::move(run));
            run.clear();
        }
    }
    if (!run.empty()) runs.push_back(std::move(run));
    return runs;
}

RadarSeries series_of(const RadarGeometry& g, const RadarLevels& levels) {
    RadarSeries s;
    for (int i = 0; i < kRadarSpokes; ++i) {
        if (scored(levels[at(i)]))
            s.points[at(i)] = level_point(g, i, *levels[at(i)]);
        else
            s.unscored.push_back(i);
    }
    for (int i = 0; i < kRadarSpokes; ++i) {
        const auto& a = s.points[at(i)];
        const auto& b = s.points[at((i + 1) % kRadarSpokes)];
        if (a && b) s.wedges.push_back({g.centre, *a, *b});
    }
    s.runs = runs_of(s);
    return s;
}

}  // namespace

float radar_angle(int i) {
    return -kPi / 2 + 2 * kPi * float(i) / float(kRadarSpokes);
}

RadarGeometry radar_geometry(const RadarSpec& spec, const RadarLevels& current,
                             const std::optional<RadarLevels>& previous) {
    RadarGeometry g;
    const float gap = std::max(0.0f, spec.label_gap);
    g.radius = largest_radius(spec, gap);
    // The drawing (circle and labels together) is centred in the bounds.
    auto labels = labels_at(spec, g.radius, gap);
    const Rect e = extent_of(labels, g.radius);
    g.centre = spec.bounds.centre() - e.centre();
    for (auto& l : labels) {
        l.anchor = l.anchor + g.centre;
        l.box = {l.box.min + g.centre, l.box.max + g.centre};
    }
    g.labels = labels;
    g.fits = g.radius > 0 && labels_apart(labels);
    for (const auto& l : labels)
        g.fits = g.fits && spec.bounds.contains(l.box);
    for (int level = zrm::kMinLevel; level <= zrm::kMaxLevel; ++level)
        for (int i = 0; i < kRadarSpokes; ++i)
            g.level_rings[at(level - 1)][at(i)] = level_point(g, i, level);
    g.spoke_ends = g.level_rings[at(zrm::kMaxLevel - 1)];
    g.current = series_of(g, current);
    if (previous) g.previous = series_of(g, *previous);
    return g;
}

}  // namespace kt::present
