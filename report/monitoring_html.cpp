// The monitoring report as one self-contained HTML page: inline CSS, the charts as PNG data:
// URIs, no script, font or URL. Every figure repeats the caveat as text beside the chart.
#include <sstream>

#include "kt_assets/theme.hpp"
#include "report/monitoring_content.hpp"
#include "sync/box.hpp"

namespace kt::report {

namespace {

std::string esc(const std::string& s) {
    return markup_escape(s);
}

// The page's look: assets/theme.json's custom properties, then rules that use only them.
std::string style() {
    return std::string(assets::css_custom_properties) +
           "body{font-family:var(--kt-font-family);background:var(--kt-background);"
           "color:var(--kt-ink);margin:0;padding:32px;font-size:var(--kt-type-web-px-body);"
           "line-height:1.5}"
           "main{max-width:1140px;margin:0 auto}"
           "h1{font-size:var(--kt-type-web-px-h1);margin:0 0 8px}"
           "h2{font-size:var(--kt-type-web-px-h2);margin:40px 0 12px}"
           ".meta{color:var(--kt-muted-print);margin:0}"
           ".caveat{background:var(--kt-caveat-fill);border-left:6px solid var(--kt-caveat-bar);"
           "padding:14px 18px;font-weight:bold;margin:20px 0}"
           "figure{background:var(--kt-surface);border:1px solid var(--kt-rule);"
           "border-radius:12px;margin:0 0 28px;padding:12px}"
           "figure img{width:100%;height:auto;display:block}"
           "figcaption{font-size:var(--kt-type-web-px-small);color:var(--kt-muted-print);"
           "padding:8px 8px 0}"
           "table{border-collapse:collapse;margin:8px 0;font-size:var(--kt-type-web-px-small)}"
           "td,th{border:1px solid var(--kt-rule);padding:4px 10px;text-align:right}"
           "th:first-child,td:first-child{text-align:left}";
}

void table(std::ostream& o, const ChartSpec& spec, const MonitoringContent& c) {
    o << "<details><summary>" << esc(c.numbers) << "</summary><table><tr><th>" << esc(c.group)
      << "</th><th>n</th>";
    for (const auto& s : spec.series)
        o << "<th>" << esc(s.name) << "</th>";
    o << "</tr>";
    for (std::size_t r = 0; r < spec.table.rows.size(); ++r) {
        const auto& row = spec.table.rows[r];
        o << "<tr><td>" << esc(spec.row_labels[r]) << "</td><td>"
          << (row.withheld ? esc(spec.hidden_short) : std::to_string(row.total)) << "</td>";
        for (const auto& cell : row.cells)
            o << "<td>" << (cell ? std::to_string(*cell) : esc(spec.hidden_short)) << "</td>";
        o << "</tr>";
    }
    o << "</table></details>";
}

void figure(std::ostream& o, const ChartSpec& spec, const RenderedChart& chart,
            const MonitoringContent& c) {
    o << "<figure id=\"" << esc(spec.file) << "\"><img alt=\""
      << esc(spec.title + ". " + spec.caveat) << "\" src=\"data:image/png;base64,"
      << sync::base64_encode(chart.png) << "\"><figcaption>" << esc(spec.caveat) << "</figcaption>";
    table(o, spec, c);
    o << "</figure>\n";
}

}  // namespace

std::string monitoring_html(const MonitoringContent& c, const std::vector<RenderedChart>& overview,
                            const std::vector<RenderedChart>& domains) {
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"" << esc(c.lang) << "\">\n<head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>"
      << esc(c.title) << "</title><style>" << style() << "</style></head>\n<body><main>\n<h1>"
      << esc(c.title) << "</h1>\n";
    for (const auto& line : c.lines)
        o << "<p class=\"meta\">" << esc(line) << "</p>\n";
    o << "<p class=\"caveat\">" << esc(c.caveat) << "</p>\n<h2>" << esc(c.counts_title)
      << "</h2>\n<p>" << esc(c.counts) << "</p>\n<p>" << esc(c.pseudonymised) << "</p>\n";
    for (std::size_t i = 0; i < c.overview.size(); ++i)
        figure(o, c.overview[i], overview[i], c);
    o << "<h2>" << esc(c.domains_title) << "</h2>\n";
    for (std::size_t i = 0; i < c.domains.size(); ++i)
        figure(o, c.domains[i], domains[i], c);
    o << "</main></body>\n</html>\n";
    return o.str();
}

}  // namespace kt::report
