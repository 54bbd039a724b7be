// The overview's charts as inline SVG: one horizontal stacked bar per row of a protected
// monitoring::ChartTable (core/export/aggregates.hpp), the hidden cells of a row as one hatched
// block, as in the monitoring report. Colours are CSS classes (console.css, from theme.css), so
// the page keeps its Content-Security-Policy without inline style. The numbers are in a table
// next to every chart (the template's); the SVG is labelled for screen readers by its title.
#pragma once

#include <string>
#include <vector>

#include "export/aggregates.hpp"

namespace kt::receiver::console {

struct SvgChart {
    std::string id;     // unique on the page: the SVG's title and pattern ids derive from it
    std::string title;  // already localised
    std::vector<std::string> series_classes;  // per category: "l1".."l5", "ns", "up", ...
    std::vector<std::string> row_labels;      // per row of the table, localised
    monitoring::ChartTable table;
    bool shares = true;    // bars as shares of their row; else by count (longest row full)
    std::string n_format;  // "n = {n}" with {n} replaced
    std::string withheld;  // text of a withheld row
};

/// The chart's <svg> element (role img, <title>), its texts escaped.
std::string chart_svg(const SvgChart& chart);

}  // namespace kt::receiver::console
