// The team lead's monitoring report: the export set's charts as SVG and PNG
// in DIR/charts/ and a self-contained DIR/report.html (no scripts, fonts or URLs: the charts
// are PNG data: URIs) that opens offline in any browser. Every chart carries the caveat that
// ZRM scores are no report card; cells below k are hidden as core/export/aggregates rules.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "export/aggregates.hpp"
#include "export/dataset.hpp"
#include "util/result.hpp"

namespace kt::report {

struct MonitoringReportOptions {
    std::filesystem::path bundle_dir;  // compiled locales; empty: i18n::default_bundle_dir()
    std::string locale = "nl";         // a worker locale (nl, en)
    std::string purpose;               // shown in the header ("" = not shown)
    std::int64_t now = 0;              // "Gemaakt op ..." (0 = not shown)
};

struct MonitoringReportFiles {
    std::filesystem::path html;
    std::vector<std::filesystem::path> svg, png;  // one of each per chart, same order
};

/// Writes DIR/report.html and DIR/charts/<chart>.svg|png (DIR must exist; charts/ is made).
/// Never replaces a file. Errors: already_exists (report.html or a chart is there), not_found
/// (DIR or the bundles), usage (unknown locale), io, disk_full, read_only, internal (cairo).
Result<MonitoringReportFiles> write_monitoring_report(const monitoring::Dataset& data,
                                                      const std::filesystem::path& dir,
                                                      const MonitoringReportOptions& options);

}  // namespace kt::report
