// What the monitoring report says, already localised, and how its pages are assembled
// (charts to SVG/PNG bytes, the HTML page). Internal to kt_report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "export/dataset.hpp"
#include "i18n/catalog.hpp"
#include "report/chart_draw.hpp"
#include "util/result.hpp"

namespace kt::report {

/// & < > " as entities: text inside HTML or SVG markup.
std::string markup_escape(const std::string& s);

struct MonitoringContent {
    std::string lang, title;
    std::vector<std::string> lines;  // period, purpose, date
    std::string counts_title, counts, pseudonymised, caveat;
    std::string domains_title, numbers, group;
    std::vector<ChartSpec> overview;  // change, per quarter
    std::vector<ChartSpec> domains;   // per domain: by wijk, by team
};

MonitoringContent monitoring_content(const monitoring::Dataset& data, const i18n::Catalog& c,
                                     const std::string& purpose, std::int64_t now);

struct RenderedChart {
    std::string svg, png;
    std::vector<std::string> drawn;  // every text drawn on it
};

/// The chart as SVG (with <title> and <desc> for screen readers) and PNG bytes.
/// Errors: internal (cairo failed).
Result<RenderedChart> render_chart(const ChartSpec& spec);

/// The self-contained page: every chart as a PNG data: URI with its numbers in a table.
std::string monitoring_html(const MonitoringContent& content,
                            const std::vector<RenderedChart>& overview,
                            const std::vector<RenderedChart>& domains);

}  // namespace kt::report
