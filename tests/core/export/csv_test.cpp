// The CSV writers on their own (export/csv.cpp), byte for byte: the Dutch Excel dialect (BOM,
// ';', CRLF) and the comma dialect (',', LF), quoting only where RFC 4180 needs it, cells a
// spreadsheet would run made harmless, a change line per domain scored twice, and a failing
// sink reported.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "export/writers.hpp"
#include "model/zrm.hpp"

using namespace kt::monitoring;

namespace {

ExportRow row(const std::string& pseudonym, const std::string& kind, const std::string& quarter,
              int level) {
    ExportRow r;
    r.pseudonym = pseudonym;
    r.kind = kind;
    r.quarter = quarter;
    r.age_band = "65-79";
    r.wijk = "Noord";
    r.team = "Team A";
    r.household = "alone";
    for (auto& l : r.levels)
        l = level;
    r.network_people = 4;
    return r;
}

std::string written(const Dataset& d, CsvDialect dialect, bool changes = false) {
    std::string out;
    const auto sink = [&out](std::string_view chunk) {
        out += chunk;
        return true;
    };
    REQUIRE(
        (changes ? write_changes_csv(d, dialect, sink) : write_assessments_csv(d, dialect, sink)));
    return out;
}

std::vector<std::string> lines(const std::string& text, const std::string& end) {
    std::vector<std::string> out;
    std::size_t from = 0;
    for (std::size_t at = text.find(end); at != std::string::npos; at = text.find(end, from)) {
        out.push_back(text.substr(from, at - from));
        from = at + end.size();
    }
    CHECK(from == text.size());  // the last line ends too
    return out;
}

std::string joined(const std::vector<std::string>& cells, char separator) {
    std::string out;
    for (const auto& c : cells)
        out += (out.empty() ? "" : std::string(1, separator)) + c;
    return out;
}

}  // namespace

TEST_CASE("the Dutch Excel dialect has a BOM, semicolons and CRLF, the comma dialect neither",
          "[export]") {
    Dataset d;
    d.rows = {row("aaaa", "intake", "2026Q1", 3)};
    const std::string excel = written(d, CsvDialect::excel_nl);
    REQUIRE(excel.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto excel_lines = lines(excel.substr(3), "\r\n");
    REQUIRE(excel_lines.size() == 2);
    CHECK(excel_lines[0] == joined(assessment_columns(), ';'));

    const std::string comma = written(d, CsvDialect::comma);
    CHECK(comma.find('\r') == std::string::npos);
    const auto comma_lines = lines(comma, "\n");
    REQUIRE(comma_lines.size() == 2);
    CHECK(comma_lines[0] == joined(assessment_columns(), ','));
    // The row: the fields in column order, every level 3, no reasons, goals "nee", no answer
    // on agreement, then the network counts.
    std::vector<std::string> cells = {"aaaa",  "intake", "2026Q1", "65-79",
                                      "Noord", "Team A", "alone"};
    cells.insert(cells.end(), kt::zrm::kDomains.size(), "3");
    cells.insert(cells.end(), kt::zrm::kDomains.size(), "");
    cells.insert(cells.end(), kt::zrm::kDomains.size(), "nee");
    cells.insert(cells.end(), kt::zrm::kDomains.size(), "");
    cells.insert(cells.end(), {"4", "0", "0", "0"});
    CHECK(comma_lines[1] == joined(cells, ','));
    CHECK(excel_lines[1] == joined(cells, ';'));
}

TEST_CASE("a cell is quoted only when it holds the separator, a quote or a line break",
          "[export]") {
    Dataset d;
    d.rows = {row("aaaa", "intake", "2026Q1", 3)};
    d.rows[0].wijk = "Noord; Oost";
    d.rows[0].team = "Team \"B\", west";
    d.rows[0].household = "twee\nregels";
    const auto excel = lines(written(d, CsvDialect::excel_nl).substr(3), "\r\n");
    REQUIRE(excel.size() == 2);
    CHECK(excel[1].find(";\"Noord; Oost\";\"Team \"\"B\"\", west\";\"twee\nregels\";") !=
          std::string::npos);
    const std::string comma = written(d, CsvDialect::comma);
    CHECK(comma.find(",Noord; Oost,\"Team \"\"B\"\", west\",\"twee\nregels\",") !=
          std::string::npos);
}

TEST_CASE("a text cell a spreadsheet would run starts with an apostrophe", "[export]") {
    for (const std::string bad : {"=HYPERLINK(\"x\")", "+31", "-1", "@SUM(A1)", "\tx", "\rx"}) {
        CAPTURE(bad);
        CHECK(neutralise_cell(bad) == "'" + bad);
    }
    for (const std::string fine : {"", "Noord", "3", "'al veilig", " =spatie eerst"})
        CHECK(neutralise_cell(fine) == fine);
    Dataset d;
    d.rows = {row("aaaa", "intake", "2026Q1", 3)};
    d.rows[0].wijk = "=1+1";
    CHECK(written(d, CsvDialect::comma).find(",'=1+1,") != std::string::npos);
}

TEST_CASE("changes.csv has a line per domain scored in both measurements, with the change",
          "[export]") {
    Dataset d;
    d.rows = {row("aaaa", "intake", "2026Q1", 2), row("aaaa", "voortgang", "2026Q2", 2)};
    d.rows[1].order = 1;
    d.rows[1].levels[0] = 4;  // the first domain: 2 -> 4
    d.rows[1].levels[1] = 1;  // the second: 2 -> 1
    const auto out = lines(written(d, CsvDialect::comma, true), "\n");
    REQUIRE(out.size() == 1 + kt::zrm::kDomains.size());
    CHECK(out[0] == joined(change_columns(), ','));
    const std::string first(kt::zrm::kDomains[0]), second(kt::zrm::kDomains[1]);
    CHECK(std::find(out.begin(), out.end(),
                    "aaaa," + first + ",intake,voortgang,2026Q1,2026Q2,2,4,2") != out.end());
    CHECK(std::find(out.begin(), out.end(),
                    "aaaa," + second + ",intake,voortgang,2026Q1,2026Q2,2,1,-1") != out.end());
    const std::string third(kt::zrm::kDomains[2]);
    CHECK(std::find(out.begin(), out.end(),
                    "aaaa," + third + ",intake,voortgang,2026Q1,2026Q2,2,2,0") != out.end());
}

TEST_CASE("a sink that fails makes the writer report failure", "[export]") {
    Dataset d;
    d.rows = {row("aaaa", "intake", "2026Q1", 3)};
    const auto broken = [](std::string_view) { return false; };
    CHECK_FALSE(write_assessments_csv(d, CsvDialect::comma, broken));
    CHECK_FALSE(write_changes_csv(d, CsvDialect::excel_nl, broken));
}
