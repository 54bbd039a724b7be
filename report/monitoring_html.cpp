// The monitoring report as one self-contained HTML page: inline CSS, the charts as PNG data:
// URIs, no script, font or URL. Every figure repeats the caveat as text beside the chart.
#include <sstream>

#include "report/monitoring_content.hpp"

namespace kt::report {

namespace {

std::string esc(const std::string& s) {
    std::string out;
    for (char ch : s) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += ch;
        }
    }
    return out;
}

std::string base64(const std::string& bytes) {
    static const char* kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8 |
                           (unsigned char)bytes[i + 2];
        for (int s = 18; s >= 0; s -= 6)
            out += kAlphabet[(v >> s) & 63];
    }
    if (i < bytes.size()) {
        unsigned v = (unsigned char)bytes[i] << 16;
        if (i + 1 < bytes.size()) v |= (unsigned char)bytes[i + 1] << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

constexpr const char* kStyle =
    "body{font-family:'Noto Sans',Arial,sans-serif;background:#F7F5F2;color:#1F2328;"
    "margin:0;padding:32px;font-size:19px;line-height:1.5}"
    "main{max-width:1140px;margin:0 auto}h1{font-size:34px;margin:0 0 8px}"
    "h2{font-size:27px;margin:40px 0 12px}.meta{color:#4B525A;margin:0}"
    ".caveat{background:#FDF3D8;border-left:6px solid #9A6700;padding:14px 18px;"
    "font-weight:bold;margin:20px 0}"
    "figure{background:#fff;border:1px solid #D0D7DE;border-radius:12px;margin:0 0 28px;"
    "padding:12px}figure img{width:100%;height:auto;display:block}"
    "figcaption{font-size:17px;color:#4B525A;padding:8px 8px 0}"
    "table{border-collapse:collapse;margin:8px 0;font-size:17px}"
    "td,th{border:1px solid #D0D7DE;padding:4px 10px;text-align:right}"
    "th:first-child,td:first-child{text-align:left}";

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
      << base64(chart.png) << "\"><figcaption>" << esc(spec.caveat) << "</figcaption>";
    table(o, spec, c);
    o << "</figure>\n";
}

}  // namespace

std::string monitoring_html(const MonitoringContent& c, const std::vector<RenderedChart>& overview,
                            const std::vector<RenderedChart>& domains) {
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"" << esc(c.lang) << "\">\n<head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>"
      << esc(c.title) << "</title><style>" << kStyle << "</style></head>\n<body><main>\n<h1>"
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
