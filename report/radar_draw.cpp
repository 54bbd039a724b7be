#include "report/radar_draw.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "report/pdf_text.hpp"
#include "report/pictogram.hpp"

namespace kt::report {

namespace {

using present::Vec2;

constexpr TextStyle kLabel{12, false, kInk, true};
constexpr TextStyle kTick{12, false, kMuted};
constexpr double kIcon = 18;  // each domain's pictogram, centred above its name

using Labels = std::array<Layout, zrm::kDomainCount>;

// Each name wrapped at `wrap` points and centred; the geometry gets the measured sizes, with
// room for the pictogram above the name.
Labels label_layouts(cairo_t* cr, const ClientCopy& copy, double wrap, present::RadarSpec& spec) {
    Labels labels;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        labels[i] = make_layout(cr, copy.chart_labels[i], kLabel, wrap, copy.rtl);
        const Extent e = measure(labels[i].get());
        spec.label_sizes[i] = {float(std::max(e.w, kIcon)), float(e.h + kIcon + 2)};
    }
    return labels;
}

void path(cairo_t* cr, const std::vector<Vec2>& points, bool close) {
    cairo_new_path(cr);
    for (const Vec2& p : points)
        cairo_line_to(cr, p.x, p.y);
    if (close) cairo_close_path(cr);
}

void draw_grid(cairo_t* cr, const present::RadarGeometry& g) {
    set_colour(cr, kRule);
    cairo_set_line_width(cr, 0.8);
    for (const auto& ring : g.level_rings) {
        path(cr, std::vector<Vec2>(ring.begin(), ring.end()), true);
        cairo_stroke(cr);
    }
    for (const Vec2& end : g.spoke_ends) {
        cairo_move_to(cr, g.centre.x, g.centre.y);
        cairo_line_to(cr, end.x, end.y);
        cairo_stroke(cr);
    }
}

// The level digits 1..5 beside the first spoke (straight up), so the rings read as a scale.
void draw_ticks(cairo_t* cr, const present::RadarGeometry& g, const ClientCopy& copy) {
    // Beside the spoke on the side the text starts from.
    for (int level = 1; level <= zrm::kMaxLevel; ++level) {
        const Vec2 p = g.level_rings[std::size_t(level - 1)][0];
        Layout digit = make_layout(cr, std::to_string(level), kTick, 0, copy.rtl);
        const Extent e = measure(digit.get());
        const double x = copy.rtl ? p.x - 4 - e.w : p.x + 4;
        draw_layout(cr, digit.get(), x - e.x, p.y + 1, kTick.colour);
    }
}

float flip(float x, float axis) {
    return 2 * axis - x;
}
void flip(Vec2& p, float axis) {
    p.x = flip(p.x, axis);
}

// Mirrored about the vertical line x = axis: in a right-to-left copy the domains follow each
// other counter-clockwise, as the eye reads. Label boxes keep their size and stay inside.
void mirror(present::RadarGeometry& g, float axis) {
    flip(g.centre, axis);
    for (auto& p : g.spoke_ends)
        flip(p, axis);
    for (auto& ring : g.level_rings)
        for (auto& p : ring)
            flip(p, axis);
    for (auto& l : g.labels) {
        const float min = flip(l.box.max.x, axis), max = flip(l.box.min.x, axis);
        l.box.min.x = min, l.box.max.x = max;
        flip(l.anchor, axis);
    }
    for (present::RadarSeries* s : {&g.current, g.previous ? &*g.previous : nullptr}) {
        if (s == nullptr) continue;
        for (auto& p : s->points)
            if (p) flip(*p, axis);
        for (auto& run : s->runs)
            for (auto& p : run)
                flip(p, axis);
        for (auto& w : s->wedges)
            for (auto& p : w)
                flip(p, axis);
    }
}

void draw_series(cairo_t* cr, const present::RadarSeries& s, bool current) {
    cairo_save(cr);
    if (current) {
        set_colour(cr, kAccent, 0.18);
        for (const auto& w : s.wedges) {
            path(cr, std::vector<Vec2>(w.begin(), w.end()), true);
            cairo_fill(cr);
        }
    }
    set_colour(cr, current ? kAccent : kMuted);
    cairo_set_line_width(cr, current ? 2.2 : 1.6);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    if (!current) set_previous_dash(cr);
    for (const auto& run : s.runs) {
        path(cr, run, false);
        cairo_stroke(cr);
    }
    for (const auto& p : s.points) {
        if (!p) continue;
        cairo_new_path(cr);
        cairo_arc(cr, p->x, p->y, current ? 3.5 : 2.5, 0, 2 * 3.14159265358979);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

}  // namespace

void set_previous_dash(cairo_t* cr) {
    const double dashes[] = {5, 3.5};
    cairo_set_dash(cr, dashes, 2, 0);
}

bool draw_radar(cairo_t* cr, const ClientCopy& copy, double x, double y, double w, double h) {
    present::RadarSpec spec;
    spec.bounds = {{float(x), float(y)}, {float(x + w), float(y + h)}};
    spec.label_gap = 8;
    Labels labels;
    present::RadarGeometry g;
    // Wrap the names narrower until they fit around a chart of a useful size.
    for (const double wrap : {140.0, 110.0, 85.0}) {
        labels = label_layouts(cr, copy, wrap, spec);
        g = present::radar_geometry(spec, copy.levels, copy.previous);
        if (g.fits) break;
    }
    if (copy.rtl) mirror(g, spec.bounds.centre().x);
    draw_grid(cr, g);
    draw_ticks(cr, g, copy);
    if (g.previous) draw_series(cr, *g.previous, false);
    draw_series(cr, g.current, true);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const Extent e = measure(labels[i].get());
        const auto& box = g.labels[i].box;
        const double mid = (box.min.x + box.max.x) / 2;
        draw_pictogram(cr, i, mid - kIcon / 2, box.min.y, kIcon, Ink{kInk.r, kInk.g, kInk.b});
        draw_layout(cr, labels[i].get(), mid - e.w / 2 - e.x, box.min.y + kIcon + 2, kLabel.colour);
    }
    return g.fits;
}

}  // namespace kt::report
