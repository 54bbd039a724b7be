// One monitoring chart, drawn with cairo and pango: horizontal stacked bars (one per row of a
// protected ChartTable), the caveat in a box under the title, a legend, hidden cells as one
// hatched block. Internal to kt_report.
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "export/aggregates.hpp"
#include "report/pdf_text.hpp"

namespace kt::report {

struct Series {
    std::string name;  // legend text ("1 Acute problematiek")
    Rgb colour;
    bool dark_text = false;  // on light colours
};

/// Everything a chart says, already localised.
struct ChartSpec {
    std::string file;  // "levels_wijk_financien": the name of its files
    std::string title, hint, caveat;
    std::vector<Series> series;  // one per category of the table
    monitoring::ChartTable table;
    std::vector<std::string> row_labels;  // display names, one per table row
    bool shares = true;                   // bars as shares (100 %); else by count
    std::string n_format;                 // "n = {n}" with {n} replaced
    std::string hidden_legend;            // "Verborgen: minder dan 5 per vak"
    std::string hidden_short;             // "<5": a hidden cell in the table under the chart
    std::string hidden_block;  // "verborgen": on the hatched block (it may hold more than 5)
    std::string withheld, too_small;
    int domain = -1;               // a level chart's domain: its pictogram before the title
    std::vector<int> row_domains;  // per row: the domain of a row about one (else -1)
};

inline constexpr double kChartWidth = 1100;  // pixels

/// Draws the chart at the top of the surface, kChartWidth wide; returns the height used.
/// `drawn` receives every text drawn (for the tests: the caveat is on every chart).
double draw_chart(cairo_t* cr, const ChartSpec& spec, std::vector<std::string>* drawn);

/// "n = {n}" with the number put in.
std::string with_n(const std::string& format, std::int64_t n);

}  // namespace kt::report
