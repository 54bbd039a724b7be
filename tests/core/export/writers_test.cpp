// The export files: both CSV dialects parse back (with our own reader) to the JSON's values,
// cells that a spreadsheet would run are neutralised, nothing is overwritten.
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "export/writers.hpp"
#include "export_helpers.hpp"
#include "support/test_support.hpp"

using namespace kt;
using namespace kt::monitoring;
using kt::test::collect;
using kt::test::measurement;
using kt::test::options;
using kt::test::parse_csv;
using kt::test::source_of;

namespace {

// Ten clients, two measurements each, with awkward wijk and team names and a few unscored,
// disagreed and goal domains.
Dataset awkward_dataset() {
    std::vector<Measurement> ms;
    for (int i = 0; i < 10; ++i) {
        Measurement m = measurement("c" + std::to_string(i), "=HYPERLINK(\"x\";\"y\")",
                                    test::kMidQ1, "-Team; \"Noord\"\r\nline two");
        m.levels[1] = i % 5 + 1;
        m.levels[2].reset();
        m.unscored_reason[2] = "not_discussed";
        m.client_agrees[3] = i % 2 == 0;
        m.goals[4] = true;
        m.network_people = i;
        ms.push_back(m);
        m.kind = "voortgang";
        m.assessment_uuid += "-2";
        m.sealed_at += 30 * 86400;
        m.levels[1] = 5 - i % 5;
        ms.push_back(m);
    }
    for (int i = 0; i < 10; ++i)
        ms[i].team = "@team";  // clients 0-4: a class of five
    auto d = build_dataset(source_of(ms), options());
    REQUIRE(d.ok());
    return std::move(d).value();
}

// The CSV form of a JSON value, as the writer produces it.
std::string csv_value(const nlohmann::json& v, const std::string& column) {
    if (v.is_null()) return "";
    if (v.is_boolean()) return v.get<bool>() ? "ja" : "nee";
    if (v.is_number()) return std::to_string(v.get<long long>());
    const bool text = column.rfind("network_", 0) != 0;
    return text ? neutralise_cell(v.get<std::string>()) : v.get<std::string>();
}

void check_against_json(const std::vector<std::vector<std::string>>& csv,
                        const nlohmann::json& json) {
    REQUIRE(csv.size() == json.size() + 1);
    CHECK(csv[0] == assessment_columns());
    for (std::size_t i = 0; i < json.size(); ++i) {
        REQUIRE(csv[i + 1].size() == csv[0].size());
        for (std::size_t c = 0; c < csv[0].size(); ++c)
            CHECK(csv[i + 1][c] == csv_value(json[i].at(csv[0][c]), csv[0][c]));
    }
}

}  // namespace

TEST_CASE("both CSV dialects parse back to the values of the JSON") {
    const Dataset d = awkward_dataset();
    REQUIRE(d.rows.size() == 20);
    const std::string excel = collect(
        [&](const ChunkSink& s) { return write_assessments_csv(d, CsvDialect::excel_nl, s); });
    const std::string comma =
        collect([&](const ChunkSink& s) { return write_assessments_csv(d, CsvDialect::comma, s); });
    const std::string json =
        collect([&](const ChunkSink& s) { return write_assessments_json(d, s); });
    CHECK(excel.rfind("\xEF\xBB\xBFpseudonym;kind;", 0) == 0);
    CHECK(excel.find("network_overloaded_carers\r\n") != std::string::npos);
    CHECK(comma.rfind("pseudonym,kind,", 0) == 0);
    CHECK(comma.find("network_overloaded_carers\n") != std::string::npos);
    const auto parsed = nlohmann::json::parse(json);
    check_against_json(parse_csv(excel, ';'), parsed);
    check_against_json(parse_csv(comma, ','), parsed);
    CHECK(parsed[0]["wijk"] == "=HYPERLINK(\"x\";\"y\")");
}

TEST_CASE("cells beginning with = + - @ tab or CR are neutralised") {
    CHECK(neutralise_cell("=1+1") == "'=1+1");
    CHECK(neutralise_cell("+31") == "'+31");
    CHECK(neutralise_cell("-2") == "'-2");
    CHECK(neutralise_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(neutralise_cell("\tx") == "'\tx");
    CHECK(neutralise_cell("\rx") == "'\rx");
    CHECK(neutralise_cell("Noord") == "Noord");
    const Dataset d = awkward_dataset();
    const auto rows = parse_csv(
        collect([&](const ChunkSink& s) { return write_assessments_csv(d, CsvDialect::comma, s); }),
        ',');
    std::set<std::string> teams, wijken;
    for (std::size_t i = 1; i < rows.size(); ++i)
        teams.insert(rows[i][5]), wijken.insert(rows[i][4]);
    CHECK(wijken == std::set<std::string>{"'=HYPERLINK(\"x\";\"y\")"});
    CHECK(teams == std::set<std::string>{"'-Team; \"Noord\"\r\nline two", "'@team"});
}

TEST_CASE("changes.csv holds the change between consecutive measurements per domain") {
    const Dataset d = awkward_dataset();
    const auto rows = parse_csv(
        collect([&](const ChunkSink& s) { return write_changes_csv(d, CsvDialect::excel_nl, s); }),
        ';');
    REQUIRE(rows.size() > 1);
    CHECK(rows[0] == change_columns());
    int werk = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        REQUIRE(rows[i].size() == 9);
        CHECK(rows[i][1] != "tijdsbesteding");  // never scored: no change
        CHECK(std::stoi(rows[i][8]) == std::stoi(rows[i][7]) - std::stoi(rows[i][6]));
        CHECK(rows[i][2] == "intake");
        CHECK(rows[i][3] == "voortgang");
        if (rows[i][1] == "werk_opleiding") ++werk;
    }
    CHECK(werk == 10);
}

TEST_CASE("write_tables writes every file privately and never overwrites") {
    test::TempDir tmp;
    const Dataset d = awkward_dataset();
    const auto dir = tmp / "export";
    REQUIRE(write_tables(d, dir).ok());
    struct stat st {};
    REQUIRE(::stat(dir.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    for (const char* name : kExportFiles) {
        REQUIRE(::stat((dir / name).c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
    }
    const std::string before = test::read_bytes(dir / "assessments.csv");
    Status again = write_tables(d, dir);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::already_exists);
    CHECK(test::read_bytes(dir / "assessments.csv") == before);
    const auto schema = nlohmann::json::parse(test::read_bytes(dir / "schema.json"));
    CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    CHECK(schema["items"]["required"].size() == assessment_columns().size());
}
