#include "report/monitoring_report.hpp"

#include <system_error>

#include "report/monitoring_content.hpp"
#include "report/new_file.hpp"

namespace kt::report {

namespace fs = std::filesystem;

namespace {

Status make_charts_dir(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return make_error(ErrorCode::not_found, "the report's directory does not exist");
    fs::create_directory(dir / "charts", ec);
    if (ec) return make_error(ErrorCode::io, "cannot make charts/: " + ec.message());
    return {};
}

// Renders and writes each chart; `rendered` keeps them for the page.
Status write_charts(const std::vector<ChartSpec>& specs, const fs::path& charts,
                    std::vector<RenderedChart>& rendered, MonitoringReportFiles& files) {
    for (const auto& spec : specs) {
        auto chart = render_chart(spec);
        if (!chart) return chart.error();
        const fs::path svg = charts / (spec.file + ".svg"), png = charts / (spec.file + ".png");
        if (auto st = write_new_file(svg, chart->svg); !st) return st;
        if (auto st = write_new_file(png, chart->png); !st) return st;
        files.svg.push_back(svg);
        files.png.push_back(png);
        rendered.push_back(std::move(chart.value()));
    }
    return {};
}

}  // namespace

Result<MonitoringReportFiles> write_monitoring_report(const monitoring::Dataset& data,
                                                      const fs::path& dir,
                                                      const MonitoringReportOptions& options) {
    const fs::path bundles =
        options.bundle_dir.empty() ? i18n::default_bundle_dir() : options.bundle_dir;
    auto catalog = i18n::Catalog::open_worker(bundles, options.locale);
    if (!catalog) return catalog.error();
    MonitoringReportFiles files;
    files.html = dir / "report.html";
    if (path_taken(files.html))
        return make_error(ErrorCode::already_exists, "report.html is already there");
    if (auto st = make_charts_dir(dir); !st) return st.error();
    const MonitoringContent content =
        monitoring_content(data, *catalog, options.purpose, options.now);
    std::vector<RenderedChart> overview, domains;
    if (auto st = write_charts(content.overview, dir / "charts", overview, files); !st)
        return st.error();
    if (auto st = write_charts(content.domains, dir / "charts", domains, files); !st)
        return st.error();
    if (auto st = write_new_file(files.html, monitoring_html(content, overview, domains)); !st)
        return st.error();
    return files;
}

}  // namespace kt::report
