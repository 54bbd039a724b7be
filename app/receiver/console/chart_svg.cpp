#include "chart_svg.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace kt::receiver::console {

namespace {

constexpr double kLabelWidth = 230, kBarWidth = 420, kRowHeight = 34, kBarHeight = 24;
constexpr double kWidth = kLabelWidth + kBarWidth + 110;

std::string esc(const std::string& s) {
    return kainjow::mustache::html_escape(s);
}

std::string num(double v) {
    std::ostringstream o;
    o.precision(1);
    o << std::fixed << v;
    return o.str();
}

std::string with_n(const std::string& format, std::int64_t n) {
    std::string out = format;
    const auto at = out.find("{n}");
    if (at != std::string::npos) out.replace(at, 3, std::to_string(n));
    return out;
}

void segment(std::ostringstream& o, double x, double y, double w, const std::string& cls,
             const std::string& label) {
    o << "<rect class=\"kt-s-" << cls << "\" x=\"" << num(x) << "\" y=\"" << num(y) << "\" width=\""
      << num(w) << "\" height=\"" << num(kBarHeight) << "\"/>";
    if (!label.empty() && w >= 40)
        o << "<text class=\"kt-t-" << cls << "\" x=\"" << num(x + w / 2) << "\" y=\""
          << num(y + kBarHeight / 2 + 5) << "\" text-anchor=\"middle\">" << label << "</text>";
}

void bar(std::ostringstream& o, const SvgChart& c, const monitoring::ChartRow& row, double y,
         double scale) {
    double x = kLabelWidth;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
        if (!row.cells[i] || *row.cells[i] == 0) continue;
        const double w = double(*row.cells[i]) * scale;
        const std::string share =
            c.shares ? std::to_string(std::lround(100.0 * double(*row.cells[i]) /
                                                  double(std::max<std::int64_t>(row.total, 1)))) +
                           "%"
                     : std::to_string(*row.cells[i]);
        segment(o, x, y, w, i < c.series_classes.size() ? c.series_classes[i] : "ns", share);
        x += w;
    }
    if (row.suppressed > 0)
        o << "<rect fill=\"url(#" << c.id << "-hatch)\" class=\"kt-hidden\" x=\"" << num(x)
          << "\" y=\"" << num(y) << "\" width=\"" << num(double(row.suppressed) * scale)
          << "\" height=\"" << num(kBarHeight) << "\"/>";
}

}  // namespace

std::string chart_svg(const SvgChart& c) {
    const auto& rows = c.table.rows;
    std::int64_t longest = 1;
    for (const auto& r : rows)
        longest = std::max(longest, r.total);
    const double height = double(rows.size()) * kRowHeight + 8;
    std::ostringstream o;
    o << "<svg class=\"console-chart\" role=\"img\" aria-labelledby=\"" << c.id
      << "-title\" viewBox=\"0 0 " << num(kWidth) << " " << num(height)
      << "\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"" << c.id << "-title\">"
      << esc(c.title) << "</title><defs><pattern id=\"" << c.id
      << "-hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
         "patternTransform=\"rotate(45)\"><rect class=\"kt-hidden-bg\" width=\"8\" "
         "height=\"8\"/><line class=\"kt-hatch\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\"/></pattern>"
         "</defs>";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const double y = 4 + double(r) * kRowHeight;
        const std::string label = r < c.row_labels.size() ? c.row_labels[r] : row.label;
        o << "<text class=\"kt-label\" x=\"" << num(kLabelWidth - 10) << "\" y=\""
          << num(y + kBarHeight / 2 + 5) << "\" text-anchor=\"end\">" << esc(label) << "</text>";
        if (row.withheld) {
            o << "<text class=\"kt-label\" x=\"" << num(kLabelWidth) << "\" y=\""
              << num(y + kBarHeight / 2 + 5) << "\">" << esc(c.withheld) << "</text>";
            continue;
        }
        const double scale =
            kBarWidth / double(c.shares ? std::max<std::int64_t>(row.total, 1) : longest);
        bar(o, c, row, y, scale);
        o << "<text class=\"kt-label\" x=\"" << num(kLabelWidth + kBarWidth + 10) << "\" y=\""
          << num(y + kBarHeight / 2 + 5) << "\">" << esc(with_n(c.n_format, row.total))
          << "</text>";
    }
    o << "</svg>";
    return o.str();
}

}  // namespace kt::receiver::console
