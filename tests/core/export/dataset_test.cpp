// build_dataset: refusals, newest version, filters, pseudonyms, k-anonymity and l-diversity on
// hand-made input.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "export/dataset.hpp"
#include "export/pseudonym.hpp"
#include "export_helpers.hpp"
#include "model/zrm.hpp"

using namespace kt;
using namespace kt::monitoring;
using kt::test::kMidQ1;
using kt::test::kQuarterSeconds;
using kt::test::measurement;
using kt::test::options;
using kt::test::source_of;

namespace {

std::vector<Measurement> clients_in(const std::string& wijk, int n, const std::string& prefix,
                                    std::int64_t sealed_at = kMidQ1) {
    std::vector<Measurement> out;
    for (int i = 0; i < n; ++i)
        out.push_back(measurement(prefix + std::to_string(i), wijk, sealed_at));
    return out;
}

void append(std::vector<Measurement>& to, const std::vector<Measurement>& more) {
    to.insert(to.end(), more.begin(), more.end());
}

Dataset build(const std::vector<Measurement>& ms, ExportOptions o = options()) {
    auto d = build_dataset(source_of(ms), o);
    REQUIRE(d.ok());
    return std::move(d).value();
}

}  // namespace

TEST_CASE("k below 5 and l below 2 are refused") {
    std::vector<Measurement> ms = clients_in("Noord", 5, "c");
    auto o = options();
    o.k = 4;
    auto d = build_dataset(source_of(ms), o);
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().code == ErrorCode::usage);
    auto o2 = options();
    o2.l = 1;
    CHECK(build_dataset(source_of(ms), o2).error().code == ErrorCode::usage);
}

TEST_CASE("a short secret or an empty purpose or a malformed period is refused") {
    std::vector<Measurement> ms = clients_in("Noord", 5, "c");
    auto o = options();
    o.secret = crypto::SecretBytes::from("only 31 bytes long, not enough");
    CHECK(build_dataset(source_of(ms), o).error().code == ErrorCode::usage);
    CHECK(build_dataset(source_of(ms), options("")).error().code == ErrorCode::usage);
    auto p = options();
    p.from_quarter = "2026-Q1";
    CHECK(build_dataset(source_of(ms), p).error().code == ErrorCode::usage);
}

TEST_CASE("the newest version of an assessment wins") {
    std::vector<Measurement> ms = clients_in("Noord", 5, "c");
    Measurement older = ms[0];
    older.version = 1;
    older.levels[0] = 1;
    ms[0].version = 2;
    ms[0].levels[0] = 4;
    ms.insert(ms.begin(), older);
    Dataset d = build(ms);
    CHECK(d.report.read == 6);
    CHECK(d.report.superseded == 1);
    REQUIRE(d.rows.size() == 5);
    for (const ExportRow& r : d.rows)
        CHECK(r.levels[0] != 1);
}

TEST_CASE("team wijk and period filters leave the other measurements out") {
    std::vector<Measurement> ms = clients_in("Noord", 5, "n");
    append(ms, clients_in("Zuid", 5, "z"));
    append(ms, clients_in("Noord", 5, "q2", kMidQ1 + kQuarterSeconds));
    for (int i = 0; i < 5; ++i)
        ms.push_back(measurement("t" + std::to_string(i), "Noord", kMidQ1, "Team B"));

    auto o = options();
    o.wijk = "Noord";
    o.team = "Team A";
    o.from_quarter = o.to_quarter = "2026Q1";
    Dataset d = build(ms, std::move(o));
    CHECK(d.report.filtered == 15);
    REQUIRE(d.rows.size() == 5);
    for (const ExportRow& r : d.rows) {
        CHECK(r.wijk == "Noord");
        CHECK(r.team == "Team A");
        CHECK(r.quarter == "2026Q1");
    }
}

TEST_CASE("quarters follow Europe/Amsterdam local time") {
    // 2026-03-31 22:30 UTC is 1 April 00:30 CEST; 2025-12-31 23:30 UTC is 1 January 00:30 CET.
    CHECK(quarter_name(quarter_of(1774996200)) == "2026Q2");
    CHECK(quarter_name(quarter_of(1774996200 - 3600)) == "2026Q1");
    CHECK(quarter_name(quarter_of(1767223800)) == "2026Q1");
    CHECK(quarter_name(quarter_of(1767223800 - 3600)) == "2025Q4");
    // 2026-09-30 22:30 UTC is 1 October 00:30 CEST.
    CHECK(quarter_name(quarter_of(1790807400)) == "2026Q4");
}

TEST_CASE("a quarter starts at local midnight in Europe/Amsterdam") {
    for (int year : {2025, 2026, 2027})
        for (int q = 0; q < 4; ++q) {
            const QuarterIndex index = year * 4 + q;
            INFO(quarter_name(index));
            CHECK(quarter_of(quarter_start(index)) == index);
            CHECK(quarter_of(quarter_start(index) - 1) == index - 1);
        }
    CHECK(quarter_start(2026 * 4 + 1) == 1774994400);  // 2026-04-01 00:00 CEST
}

TEST_CASE("a pseudonym is 24 hex digits and differs per purpose") {
    auto secret = crypto::SecretBytes::from("a test secret of at least 32 bytes, kept by the lead");
    auto a = Pseudonymiser::create(secret, "monitoring-2026");
    auto b = Pseudonymiser::create(secret, "research-2026");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    const std::string ref = "6f1c2a9e-3b7d-4c8e-9f10-1a2b3c4d5e6f";
    const std::string p = a->hex(ref);
    CHECK(p.size() == 24);
    CHECK(p.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(p != b->hex(ref));
    CHECK(p == a->hex(ref));
}

TEST_CASE("a class of four is generalised to gemeente then to the year then suppressed") {
    std::vector<Measurement> ms = clients_in("Lombok", 4, "small");
    append(ms, clients_in("Noord", 5, "big"));
    Dataset d = build(ms);
    CHECK(d.report.generalised_wijk == 4);
    CHECK(d.report.generalised_year == 4);
    CHECK(d.report.suppressed == 4);
    REQUIRE(d.rows.size() == 5);
    for (const ExportRow& r : d.rows)
        CHECK(r.wijk == "Noord");
}

TEST_CASE("two small wijken merge into the gemeente and two small quarters into the year") {
    // Team A: Lombok 3 + Zuilen 2 in Q1 → gemeente 2026Q1 (5).
    // Team B: Ondiep 3 in Q1 + 2 in Q2 → gemeente 3 and 2 → gemeente 2026 (5).
    std::vector<Measurement> ms = clients_in("Lombok", 3, "l");
    append(ms, clients_in("Zuilen", 2, "z"));
    for (int i = 0; i < 5; ++i)
        ms.push_back(measurement("o" + std::to_string(i), "Ondiep",
                                 i < 3 ? kMidQ1 : kMidQ1 + kQuarterSeconds, "Team B"));
    Dataset d = build(ms);
    CHECK(d.report.generalised_wijk == 10);
    CHECK(d.report.generalised_year == 5);
    CHECK(d.report.suppressed == 0);
    std::map<std::string, int> classes;
    for (const ExportRow& r : d.rows)
        ++classes[r.wijk + "|" + r.quarter + "|" + r.team];
    CHECK(classes ==
          std::map<std::string, int>{{"gemeente|2026Q1|Team A", 5}, {"gemeente|2026|Team B", 5}});
}

TEST_CASE("l-diversity blanks exactly the class with one sensitive level") {
    // Noord: justitie all 5 (one level) → blanked; Zuid: justitie 4 and 5 → kept.
    std::vector<Measurement> ms = clients_in("Noord", 5, "n");
    append(ms, clients_in("Zuid", 5, "z"));
    const int justitie = *zrm::domain_index("justitie");
    for (auto& m : ms)
        m.levels[justitie] = 5;
    ms.back().levels[justitie] = 4;
    Dataset d = build(ms);
    CHECK(d.report.l_diversity_blanked[1] == 5);   // kSensitiveDomains[1] is justitie
    CHECK(d.report.l_diversity_blanked[0] == 10);  // middelengebruik: 3 in every row
    CHECK(d.report.l_diversity_blanked[2] == 10);  // geestelijke_gezondheid too
    for (const ExportRow& r : d.rows) {
        if (r.wijk == "Noord") {
            CHECK_FALSE(r.levels[justitie].has_value());
            CHECK(r.level_reason[justitie] == LevelReason::l_diversity);
        } else {
            CHECK(r.levels[justitie].has_value());
            CHECK(r.level_reason[justitie] == LevelReason::scored);
        }
        CHECK(r.levels[0] == 3);  // financien is not sensitive
    }
}

TEST_CASE("unknown kinds and free-text reasons never pass") {
    std::vector<Measurement> ms = clients_in("Noord", 5, "n");
    ms[0].levels[0].reset();
    ms[0].unscored_reason[0] = "Mevrouw wilde hier niet over praten";
    ms[1].levels[0].reset();
    ms[1].unscored_reason[0] = "not_applicable";
    Measurement odd = measurement("x", "Noord");
    odd.kind = "free text";
    ms.push_back(odd);
    Dataset d = build(ms);
    CHECK(d.report.invalid == 1);
    std::set<std::string> reasons;
    for (const ExportRow& r : d.rows)
        reasons.insert(std::string(reason_code(r.level_reason[0])));
    CHECK(reasons == std::set<std::string>{"", "not_scored:other", "not_scored:not_applicable"});
}

TEST_CASE("age bands and households are generalised") {
    CHECK(age_band_name(age_band(17)) == "0-17");
    CHECK(age_band_name(age_band(18)) == "18-26");
    CHECK(age_band_name(age_band(44)) == "27-44");
    CHECK(age_band_name(age_band(64)) == "45-64");
    CHECK(age_band_name(age_band(79)) == "65-79");
    CHECK(age_band_name(age_band(95)) == "80+");
    CHECK(age_band_name(age_band(std::nullopt)) == "onbekend");
    CHECK(household_name(household_code("partner")) == "partner");
    CHECK(household_name(household_code("")) == "onbekend");
    CHECK(household_name(household_code("woongroep")) == "other");
}
