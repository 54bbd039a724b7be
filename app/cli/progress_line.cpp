#include "progress_line.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kt::cli {

namespace {

using Stage = monitoring::ExportProgress::Stage;

std::string text_for(const i18n::Catalog& cat, const monitoring::ExportProgress& p) {
    const auto seconds = std::int64_t(std::llround(p.seconds));
    if (p.stage == Stage::building)
        return cat.format("cli.export_progress_build", {{"seconds", seconds}});
    if (p.stage == Stage::writing || p.stage == Stage::done)
        return cat.format("cli.export_progress_write", {{"seconds", seconds}});
    const double rate = p.seconds > 0.05 ? double(p.done) / p.seconds : 0;
    if (p.total <= 0 || rate <= 0)
        return cat.format("cli.export_progress_start", {{"done", p.done}, {"total", p.total}});
    const double left = double(std::max<std::int64_t>(p.total - p.done, 0)) / rate;
    return cat.format("cli.export_progress_read", {{"done", p.done},
                                                   {"total", p.total},
                                                   {"rate", std::int64_t(rate)},
                                                   {"left", std::int64_t(std::llround(left))}});
}

}  // namespace

ProgressLine::ProgressLine(const i18n::Catalog& cat)
    : m_cat(cat), m_active(::isatty(STDERR_FILENO) == 1) {
    draw(m_cat.format("cli.export_progress_start",
                      {{"done", std::int64_t{0}}, {"total", std::int64_t{0}}}));
}

ProgressLine::~ProgressLine() {
    finish();
}

void ProgressLine::update(const monitoring::ExportProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (p.stage == m_stage && now - m_last < std::chrono::milliseconds(100)) return;
    m_stage = p.stage;
    m_last = now;
    draw(text_for(m_cat, p));
}

void ProgressLine::finish() {
    if (!m_active) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    m_active = false;
}

void ProgressLine::draw(const std::string& text) {
    if (!m_active) return;
    // Back to the line's start, the text, then clear what a longer line left behind.
    std::fprintf(stderr, "\r%s\033[K", text.c_str());
    std::fflush(stderr);
}

}  // namespace kt::cli
