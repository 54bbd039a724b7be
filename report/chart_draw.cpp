#include "report/chart_draw.hpp"

#include "report/pictogram.hpp"

#include <algorithm>
#include <cmath>

namespace kt::report {

namespace {

constexpr double kMargin = 28;
constexpr double kLabelWidth = 270;
constexpr double kBarHeight = 40;
constexpr double kRowHeight = 62;
constexpr Rgb kCaveatFill = rgb(assets::palette::caveat_fill);  // warm, calm
constexpr Rgb kCaveatBar = rgb(assets::palette::caveat_bar);
constexpr Rgb kHiddenFill = rgb(assets::palette::hidden_fill);
constexpr Rgb kHatch = rgb(assets::palette::hatch);
namespace pt = assets::type::chart_pt;
constexpr TextStyle kChartTitle{pt::title, true};
constexpr TextStyle kHint{pt::text, false, kMuted};
constexpr TextStyle kCaveat{pt::emphasis, true};
constexpr TextStyle kLegend{pt::text};
constexpr TextStyle kRowLabel{pt::emphasis, true};
constexpr TextStyle kRowN{pt::count, false, kMuted};
constexpr TextStyle kSegment{pt::text, true};

class Pen {
  public:
    Pen(cairo_t* cr, std::vector<std::string>* drawn) : m_cr(cr), m_drawn(drawn) {}
    cairo_t* cr() const { return m_cr; }

    // A paragraph at (x, y) wrapped at `width` (<= 0: one line); returns its size.
    Extent text(const std::string& s, const TextStyle& style, double x, double y, double width,
                bool draw = true) {
        Layout layout = make_layout(m_cr, s, style, width, false);
        const Extent size = measure(layout.get());
        if (draw) {
            draw_layout(m_cr, layout.get(), x - (width > 0 ? 0 : size.x), y, style.colour);
            if (m_drawn) m_drawn->push_back(s);
        }
        return size;
    }

  private:
    cairo_t* m_cr;
    std::vector<std::string>* m_drawn;
};

void fill_rect(cairo_t* cr, double x, double y, double w, double h, Rgb colour) {
    set_colour(cr, colour);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
}

void hatch(cairo_t* cr, double x, double y, double w, double h) {
    fill_rect(cr, x, y, w, h, kHiddenFill);
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    set_colour(cr, kHatch);
    cairo_set_line_width(cr, 1.5);
    // Lines 9 apart from -h to w, counted first (no floating-point loop counter).
    const int lines = int(std::ceil((w + h) / 9));
    double d = -h;
    for (int i = 0; i < lines; ++i) {
        cairo_move_to(cr, x + d, y + h);
        cairo_line_to(cr, x + d + h, y);
        d += 9;
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

double draw_header(Pen& pen, const ChartSpec& spec) {
    const double width = kChartWidth - 2 * kMargin;
    double y = kMargin;
    if (spec.domain >= 0) {  // the domain's pictogram, the title beside it
        constexpr double kIcon = 44;
        draw_pictogram(pen.cr(), std::size_t(spec.domain), kMargin, y, kIcon,
                       Ink{kInk.r, kInk.g, kInk.b});
        y += pen.text(spec.title, kChartTitle, kMargin + kIcon + 12, y + 6, width - kIcon - 12).h +
             14;
    } else {
        y += pen.text(spec.title, kChartTitle, kMargin, y, width).h + 4;
    }
    y += pen.text(spec.hint, kHint, kMargin, y, width).h + 14;
    const double pad = 14;
    const Extent caveat = pen.text(spec.caveat, kCaveat, 0, 0, width - 2 * pad - 6, false);
    fill_rect(pen.cr(), kMargin, y, width, caveat.h + 2 * pad, kCaveatFill);
    fill_rect(pen.cr(), kMargin, y, 6, caveat.h + 2 * pad, kCaveatBar);
    pen.text(spec.caveat, kCaveat, kMargin + 6 + pad, y + pad, width - 2 * pad - 6);
    return y + caveat.h + 2 * pad + 18;
}

// Swatches with their names in lines that wrap; the hidden block last.
double draw_legend(Pen& pen, const ChartSpec& spec, double y) {
    double x = kMargin;
    const double sw = 22, gap = 26;
    auto item = [&](const std::string& name, const Rgb* colour) {
        const Extent e = pen.text(name, kLegend, 0, 0, 0, false);
        if (x + sw + 8 + e.w > kChartWidth - kMargin) {
            x = kMargin;
            y += 32;
        }
        if (colour)
            fill_rect(pen.cr(), x, y + 2, sw, sw, *colour);
        else
            hatch(pen.cr(), x, y + 2, sw, sw);
        pen.text(name, kLegend, x + sw + 8, y, 0);
        x += sw + 8 + e.w + gap;
    };
    for (const auto& s : spec.series)
        item(s.name, &s.colour);
    item(spec.hidden_legend, nullptr);
    return y + 32 + 14;
}

void segment_label(Pen& pen, const std::string& s, double x, double w, double y, Rgb colour,
                   bool backed = false) {
    TextStyle style = kSegment;
    style.colour = colour;
    const Extent e = pen.text(s, style, 0, 0, 0, false);
    if (e.w + 12 > w) return;  // too narrow: the table under the chart has the number
    if (backed)                // readable over the hatching
        fill_rect(pen.cr(), x + (w - e.w) / 2 - 4, y + (kBarHeight - e.h) / 2, e.w + 8, e.h,
                  kWhite);
    pen.text(s, style, x + (w - e.w) / 2, y + (kBarHeight - e.h) / 2, 0);
}

void draw_bar(Pen& pen, const ChartSpec& spec, const monitoring::ChartRow& row, double x, double y,
              double full) {
    const double scale = row.total > 0 ? full / double(row.total) : 0;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
        if (!row.cells[c] || *row.cells[c] == 0) continue;
        const double w = double(*row.cells[c]) * scale;
        const Series& s = spec.series[c];
        fill_rect(pen.cr(), x, y, w, kBarHeight, s.colour);
        segment_label(pen, std::to_string(*row.cells[c]), x, w, y, s.dark_text ? kInk : kWhite);
        x += w;
    }
    if (row.suppressed > 0) {
        const double w = double(row.suppressed) * scale;
        hatch(pen.cr(), x, y, w, kBarHeight);
        segment_label(pen, spec.hidden_block, x, w, y, kInk, true);
    }
}

double draw_rows(Pen& pen, const ChartSpec& spec, double y) {
    const double bar_x = kMargin + kLabelWidth, bar_w = kChartWidth - kMargin - bar_x;
    if (spec.table.too_small) return y + pen.text(spec.too_small, kHint, kMargin, y, 0).h + 20;
    std::int64_t largest = 1;
    for (const auto& row : spec.table.rows)
        largest = std::max(largest, row.total);
    for (std::size_t r = 0; r < spec.table.rows.size(); ++r) {
        const auto& row = spec.table.rows[r];
        const int d = r < spec.row_domains.size() ? spec.row_domains[r] : -1;
        const double icon = d >= 0 ? 28 : 0, shift = d >= 0 ? icon + 8 : 0;
        if (d >= 0)
            draw_pictogram(pen.cr(), std::size_t(d), kMargin, y - 2, icon,
                           Ink{kInk.r, kInk.g, kInk.b});
        const double label_h = pen.text(spec.row_labels[r], kRowLabel, kMargin + shift, y - 2,
                                        kLabelWidth - 16 - shift)
                                   .h;
        if (row.withheld) {
            pen.text(spec.withheld, kHint, bar_x, y + 8, 0);
        } else {
            pen.text(with_n(spec.n_format, row.total), kRowN, kMargin, y - 2 + label_h, 0);
            const double full = spec.shares ? bar_w : bar_w * double(row.total) / double(largest);
            draw_bar(pen, spec, row, bar_x, y, full);
        }
        y += std::max(kRowHeight, label_h + 22 + 16);
    }
    return y + 6;
}

}  // namespace

std::string with_n(const std::string& format, std::int64_t n) {
    std::string out = format;
    const auto at = out.find("{n}");
    if (at != std::string::npos) out.replace(at, 3, std::to_string(n));
    return out;
}

double draw_chart(cairo_t* cr, const ChartSpec& spec, std::vector<std::string>* drawn) {
    Pen pen(cr, drawn);
    double y = draw_header(pen, spec);
    y = draw_legend(pen, spec, y);
    y = draw_rows(pen, spec, y);
    return y + kMargin - 6;
}

}  // namespace kt::report
