// report.html of a console export: the export set's charts (monitoring::build_charts, the same
// tables and suppression as `keukentafel-cli export`'s report) as inline SVG with their tables,
// the caveat and the counts, in one self-contained file (its stylesheet inside, no scripts, no
// URLs) that opens offline in any browser.
#pragma once

#include <string>

#include "export/dataset.hpp"
#include "web.hpp"

namespace kt::receiver::console {

std::string report_html(Site& site, const std::string& lang, const monitoring::Dataset& data,
                        const std::string& purpose, std::int64_t now);

}  // namespace kt::receiver::console
