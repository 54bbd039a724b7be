// The monitoring report (T-32): every chart as SVG and PNG, a self-contained
// report.html with the caveat on every chart, hidden small cells and no identifier.
// KT_MONITORING_REPORT_DIR=/some/dir keeps a copy of the report there to look at.
#include "report/monitoring_report.hpp"

#include <cairo.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include "kt_assets/theme.hpp"
#include "report/monitoring_content.hpp"
#include "support/test_support.hpp"

namespace kt::report {
namespace {

namespace fs = std::filesystem;
using monitoring::ExportRow;

const std::string kCaveat = "Ze zijn geen rapportcijfer en zeggen niets over de kwaliteit";

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A realistic export set: 400 people in 5 wijken (one of only 3 people), 3 teams, an intake
// and mostly a voortgang, levels that drift up a little.
monitoring::Dataset population() {
    std::mt19937 rng(9);
    std::uniform_int_distribution<int> pick(0, 99);
    const char* wijken[] = {"Centrum", "Noord", "Oost", "West", "Zuid"};
    const char* teams[] = {"Team 1", "Team 2", "Team 3"};
    monitoring::Dataset data;
    for (int p = 0; p < 400; ++p) {
        ExportRow intake;
        char name[32];
        std::snprintf(name, sizeof name, "%024x", 0xabc000 + p);
        intake.pseudonym = name;
        intake.kind = "intake";
        intake.quarter = "2026Q" + std::to_string(1 + p % 3);
        intake.age_band = "45-64";
        intake.wijk = p < 3 ? "Buitengebied" : wijken[pick(rng) % 5];
        intake.team = teams[pick(rng) % 3];
        intake.household = "alone";
        for (auto& level : intake.levels) {
            const int roll = pick(rng);
            if (roll >= 4) level = 1 + roll % 4 + (roll > 85);
        }
        intake.order = p * 10;
        data.rows.push_back(intake);
        if (pick(rng) < 20) continue;
        ExportRow progress = intake;
        progress.kind = "voortgang";
        progress.quarter = "2026Q" + std::to_string(2 + p % 3);
        for (auto& level : progress.levels)
            if (level) {
                const int roll = pick(rng);
                level = std::clamp(*level + (roll < 12 ? -1 : roll < 62 ? 0 : 1), 1, 5);
            }
        progress.order = p * 10 + 1;
        data.rows.push_back(progress);
    }
    data.report.written = std::int64_t(data.rows.size());
    data.report.generalised_wijk = 12;
    data.report.suppressed = 7;
    return data;
}

// Well-formed enough: every non-void element closed in order, nothing left open.
bool balanced(const std::string& doc, const std::set<std::string>& void_tags) {
    static const std::regex tag(R"(<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>)");
    std::vector<std::string> open;
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), tag); it != std::sregex_iterator();
         ++it) {
        const std::string name = (*it)[2];
        if (void_tags.count(name) || (*it)[3] == "/") continue;
        if ((*it)[1] == "/") {
            if (open.empty() || open.back() != name) return false;
            open.pop_back();
        } else {
            open.push_back(name);
        }
    }
    return open.empty();
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1))
        ++n;
    return n;
}

// The page without the base64 of its images.
std::string without_images(const std::string& html) {
    std::string out;
    std::size_t from = 0;
    for (auto at = html.find("base64,"); at != std::string::npos; at = html.find("base64,", from)) {
        out.append(html, from, at - from);
        from = html.find('"', at);
    }
    out.append(html, from, std::string::npos);
    return out;
}

struct Written {
    test::TempDir dir;
    monitoring::Dataset data = population();
    Result<MonitoringReportFiles> files = write();

    Result<MonitoringReportFiles> write() {
        MonitoringReportOptions options;
        options.bundle_dir = test::i18n_dir();
        options.purpose = "monitoring-2026";
        options.now = 1790000000;
        if (const char* keep = std::getenv("KT_MONITORING_REPORT_DIR"))
            (void)write_monitoring_report(data, keep, options);
        return write_monitoring_report(data, dir.path(), options);
    }
};

// One report for the tests that only read it (rendering 28 charts takes a second).
Written& shared() {
    static Written w;
    return w;
}

TEST_CASE("the monitoring report writes every chart as SVG and PNG and one report.html") {
    Written& w = shared();
    REQUIRE(w.files.ok());
    CHECK(w.files->svg.size() == 2 + 2 * monitoring::kDomainCount);
    CHECK(w.files->png.size() == w.files->svg.size());
    CHECK(fs::exists(w.dir / "report.html"));
    CHECK(fs::exists(w.dir / "charts" / "niveaus_wijk_financien.png"));
    CHECK(fs::exists(w.dir / "charts" / "verandering.svg"));
}

TEST_CASE("report.html is self-contained with the caveat on every chart and no identifier",
          "[security]") {
    Written& w = shared();
    REQUIRE(w.files.ok());
    const std::string html = read(w.files->html);
    const std::string text = without_images(html);
    CHECK(balanced(text, {"meta", "img", "br"}));
    const std::size_t charts = w.files->png.size();
    CHECK(count(html, "<figure") == charts);
    CHECK(count(html, "src=\"data:image/png;base64,") == charts);
    CHECK(count(html, kCaveat) >= 2 * charts);  // figcaption and alt text of each chart
    for (const auto& png : w.files->png)
        CHECK(count(html, "id=\"" + png.stem().string() + "\"") == 1);
    // Checked on the text without images: base64 could spell anything.
    CHECK(text.find("<script") == std::string::npos);
    CHECK(text.find("http") == std::string::npos);  // no URL: opens offline as it is
    CHECK(text.find("url(") == std::string::npos);
    for (const auto& row : w.data.rows)
        CHECK(html.find(row.pseudonym) == std::string::npos);
    CHECK(text.find("Buitengebied") == std::string::npos);  // 3 people: merged into overig
    CHECK(text.find("Overig (2 groepen)") != std::string::npos);
}

TEST_CASE("every SVG is well-formed XML with the caveat and every PNG has it drawn") {
    Written& w = shared();
    REQUIRE(w.files.ok());
    for (const auto& svg : w.files->svg) {
        const std::string text = read(svg);
        INFO(svg);
        CHECK(text.rfind("<?xml", 0) == 0);
        CHECK(balanced(text.substr(text.find("<svg")), {}));
        CHECK(text.find("<desc>" + std::string("Let op: ZRM-scores")) != std::string::npos);
    }
    for (const auto& png : w.files->png) {
        INFO(png);
        cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
        REQUIRE(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS);
        CHECK(cairo_image_surface_get_width(image) == 1100);
        // The caveat's box (the theme's caveat fill) is there, with dark text in it.
        const int stride = cairo_image_surface_get_stride(image);
        const unsigned char* px = cairo_image_surface_get_data(image);
        int box = 0;
        for (int y = 0; y < cairo_image_surface_get_height(image); ++y)
            for (int x = 0; x < 1100; ++x) {
                const auto* p = reinterpret_cast<const std::uint32_t*>(px + y * stride) + x;
                if ((*p & 0xFFFFFF) == assets::palette::caveat_fill.rgb()) ++box;
            }
        CHECK(box > 20000);
        cairo_surface_destroy(image);
    }
}

TEST_CASE("each chart draws the caveat and hides small cells as <5 never as a number") {
    auto catalog = i18n::Catalog::open_worker(test::i18n_dir(), "nl");
    REQUIRE(catalog.ok());
    const MonitoringContent content = monitoring_content(population(), *catalog, "", 0);
    std::vector<ChartSpec> some = content.overview;  // every chart's PNG is checked above
    some.push_back(content.domains.front());
    some.push_back(content.domains.back());
    for (const auto& spec : some) {
        INFO(spec.file);
        auto chart = render_chart(spec);
        REQUIRE(chart.ok());
        CHECK(std::count(chart->drawn.begin(), chart->drawn.end(), content.caveat) == 1);
        for (const auto& row : spec.table.rows)
            for (const auto& cell : row.cells)
                if (cell) CHECK((*cell == 0 || *cell >= 5));
    }
}

TEST_CASE("the monitoring report never replaces an earlier report") {
    test::TempDir dir;
    std::ofstream(dir / "report.html") << "earlier";
    MonitoringReportOptions options;
    options.bundle_dir = test::i18n_dir();
    const auto again = write_monitoring_report(population(), dir.path(), options);
    REQUIRE(!again.ok());
    CHECK(again.error().code == ErrorCode::already_exists);
    CHECK(read(dir / "report.html") == "earlier");
}

}  // namespace
}  // namespace kt::report
