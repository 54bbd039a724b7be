// The export's progress on a terminal: one line on stderr, redrawn in place (rows read of the
// total, rows per second, time left; then the stage), at most ten times a second. Nothing at
// all when stderr is not a terminal (CI, cron, a pipe): the final counts on stdout stay the
// only output there.
#pragma once

#include <chrono>
#include <string>

#include "export/dataset.hpp"
#include "i18n/catalog.hpp"

namespace kt::cli {

class ProgressLine {
  public:
    /// Draws the first line at once (when stderr is a terminal).
    explicit ProgressLine(const i18n::Catalog& cat);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    /// Redraws the line for `p` (a new stage at once, the same stage at most every 0.1 s).
    void update(const monitoring::ExportProgress& p);
    /// Clears the line (before the summary or an error message).
    void finish();

  private:
    void draw(const std::string& text);

    const i18n::Catalog& m_cat;
    bool m_active = false;
    monitoring::ExportProgress::Stage m_stage = monitoring::ExportProgress::Stage::reading;
    std::chrono::steady_clock::time_point m_last{};
};

}  // namespace kt::cli
