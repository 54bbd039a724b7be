// A protected monitoring table as the console shows it: the inline SVG chart, its legend and
// the same numbers as a table (for people who cannot see the chart and for screen readers),
// labels localised (domains by their ZRM name, merged groups as "overig").
#pragma once

#include <string>

#include "export/aggregates.hpp"
#include "pages.hpp"

namespace kt::receiver::console {

struct ChartText {
    const char* id;         // unique on the page
    const char* title_key;  // unused when a title is given
    const char* hint_key;   // the sentence under the heading
    const char* group_key;  // the table's first column
};

/// The template data of one chart: id, title, hint, group, too_small, svg, legend, table.
Data chart(const Visit& v, const ChartText& text, const std::string& title,
           const monitoring::ChartTable& t, bool shares);

}  // namespace kt::receiver::console
