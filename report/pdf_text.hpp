// Text on a cairo PDF page through pango: measured, wrapped paragraphs in points, shaped and
// laid out right to left for Arabic. Internal to kt_report.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string_view>

#include "kt_assets/theme.hpp"

namespace kt::report {

/// A4 in PDF points, with the margins and the type sizes of the copy (a client of 80 reads
/// it: body text 13 pt, never below 12 pt).
struct Page {
    static constexpr double kWidth = 595.28;
    static constexpr double kHeight = 841.89;
    static constexpr double kMargin = 56;  // 2 cm
    static constexpr double kFooter = 36;  // space kept for the footer line
    static constexpr double content_width() { return kWidth - 2 * kMargin; }
    static constexpr double bottom() { return kHeight - kMargin - kFooter; }
};

struct Rgb {
    double r, g, b;
};
/// An assets/theme.json colour as cairo takes it (alpha is given where it is drawn).
constexpr Rgb rgb(assets::Colour c) {
    return {c.red(), c.green(), c.blue()};
}
inline constexpr Rgb kInk = rgb(assets::palette::ink);
inline constexpr Rgb kMuted = rgb(assets::palette::muted_print);  // 7.5:1 on white
inline constexpr Rgb kAccent = rgb(assets::palette::accent);
inline constexpr Rgb kRule = rgb(assets::palette::rule);
inline constexpr Rgb kWhite = rgb(assets::palette::white);
void set_colour(cairo_t* cr, Rgb c, double alpha = 1);

struct TextStyle {
    double size = assets::type::print_pt::body;  // points
    bool bold = false;
    Rgb colour = kInk;
    bool centred = false;  // else aligned to the start of the line (right in Arabic)
};
inline constexpr TextStyle kBody{};
inline constexpr TextStyle kSmall{assets::type::print_pt::small, false, kMuted};
inline constexpr TextStyle kHeading{assets::type::print_pt::heading, true};
inline constexpr TextStyle kTitle{assets::type::print_pt::title, true};

struct LayoutDeleter {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

/// A paragraph in the copy's fonts (assets' print family list, Noto Sans and Noto Sans Arabic:
/// Latin, Turkish, Polish and Arabic), wrapped at `width` points (<= 0: one line, no wrap), in the
/// document's direction: every paragraph of an Arabic copy runs right to left, also a line
/// that starts with a Latin name.
Layout make_layout(cairo_t* cr, std::string_view text, const TextStyle& style, double width,
                   bool rtl);

struct Extent {
    double x = 0;  // offset of the ink-free logical box inside the layout
    double w = 0;
    double h = 0;
};
/// The logical size of a layout in points.
Extent measure(PangoLayout* layout);

/// Draws the layout with its origin at (x, y): a wrapped layout fills [x, x + width] with its
/// lines aligned to the start; for a one-line layout subtract Extent::x to put its box at x.
void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y, Rgb colour);

}  // namespace kt::report
