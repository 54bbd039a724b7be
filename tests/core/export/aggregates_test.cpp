// The monitoring chart data and T-32: classes of size 1-4 are suppressed or
// merged, totals stay consistent and no suppressed count can be recomputed from what is shown.
#include "export/aggregates.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <random>
#include <set>

namespace kt::monitoring {
namespace {

ExportRow row(const std::string& who, const std::string& kind, const std::string& quarter,
              const std::string& wijk, const std::string& team, int level, std::int64_t order) {
    ExportRow r;
    r.pseudonym = who;
    r.kind = kind;
    r.quarter = quarter;
    r.age_band = "27-44";
    r.wijk = wijk;
    r.team = team;
    r.household = "alone";
    for (auto& l : r.levels)
        l = level;
    r.order = order;
    return r;
}

using Cell = std::pair<std::size_t, std::size_t>;

// The published facts of a protected table line up with the raw counts: rows >= k, shown
// cells exact and >= k, the suppressed block 0 or >= k over at least two cells, per row and
// (when asked) per column.
void check_rule(const CountTable& raw, const ChartTable& t, bool columns, int k = 5) {
    std::int64_t raw_all = 0, shown_all = 0;
    for (const auto& counts : raw.counts)
        for (auto c : counts)
            raw_all += c;
    std::vector<int> hidden_in_column(t.categories.size(), 0);
    for (const auto& r : t.rows) {
        if (r.withheld) continue;
        CHECK(r.total >= k);
        shown_all += r.total;
        int hidden = 0;
        std::int64_t shown = 0;
        for (std::size_t c = 0; c < r.cells.size(); ++c) {
            if (!r.cells[c]) {
                ++hidden;
                ++hidden_in_column[c];
            } else {
                CHECK((*r.cells[c] == 0 || *r.cells[c] >= k));
                shown += *r.cells[c];
            }
        }
        CHECK(r.suppressed == r.total - shown);
        if (hidden > 0) CHECK(hidden >= 2);
        if (hidden > 0) CHECK(r.suppressed >= k);
    }
    if (columns)
        for (int h : hidden_in_column)
            CHECK((h == 0 || h >= 2));
    if (!t.too_small && columns) CHECK(shown_all == raw_all);  // merging keeps the sum
}

// An attacker with every published table of the same people (the wijk and the team table):
// the row totals, the shown cells, and that both tables have the same column totals. For
// each suppressed cell, the values it takes in some pair of tables consistent with all that.
struct Attack {
    struct Unknown {
        std::size_t t, r, c;
    };
    std::vector<const ChartTable*> tables;
    std::vector<Unknown> hidden;
    std::vector<std::vector<std::int64_t>> row_left, column_sum;
    std::vector<std::int64_t> values;
    std::vector<std::set<std::int64_t>> seen;
    long budget = 100000;

    explicit Attack(std::vector<const ChartTable*> all) : tables(std::move(all)) {
        for (std::size_t t = 0; t < tables.size(); ++t) {
            const ChartTable& table = *tables[t];
            row_left.emplace_back();
            column_sum.emplace_back(table.categories.size(), 0);
            for (std::size_t r = 0; r < table.rows.size(); ++r) {
                row_left[t].push_back(table.rows[r].suppressed);
                for (std::size_t c = 0; c < table.categories.size(); ++c) {
                    if (!table.rows[r].cells[c])
                        hidden.push_back({t, r, c});
                    else
                        column_sum[t][c] += *table.rows[r].cells[c];
                }
            }
        }
        values.assign(hidden.size(), 0);
        seen.resize(hidden.size());
        search(0);
    }

    bool last_in_row(std::size_t i) const {
        return i + 1 == hidden.size() || hidden[i + 1].t != hidden[i].t ||
               hidden[i + 1].r != hidden[i].r;
    }

    // Tables after the first must reach the first table's column sums, never pass them.
    bool consistent(bool complete) const {
        for (std::size_t t = 1; t < tables.size(); ++t)
            for (std::size_t c = 0; c < column_sum[t].size(); ++c)
                if (column_sum[t][c] > column_sum[0][c] ||
                    (complete && column_sum[t][c] != column_sum[0][c]))
                    return false;
        return true;
    }

    void search(std::size_t i) {
        if (--budget < 0) return;
        if (i == hidden.size()) {
            if (!consistent(true)) return;
            for (std::size_t j = 0; j < i; ++j)
                seen[j].insert(values[j]);
            return;
        }
        const Unknown u = hidden[i];
        const std::int64_t left = row_left[u.t][u.r];
        for (std::int64_t v = last_in_row(i) ? left : 0; v <= left; ++v) {
            values[i] = v;
            row_left[u.t][u.r] -= v;
            column_sum[u.t][u.c] += v;
            if (u.t == 0 || consistent(false)) search(i + 1);
            row_left[u.t][u.r] += v;
            column_sum[u.t][u.c] -= v;
        }
    }
};

TEST_CASE("groups below k are merged into overig and sorted by name with overig last") {
    CountTable raw{
        {"a", "b"}, {"Zuid", "Noord", "Oost", "West"}, {{3, 0}, {20, 20}, {1, 1}, {9, 9}}};
    const ChartTable t = protect(raw, {});
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].label == "Noord");
    CHECK(t.rows[1].label == "West");
    CHECK(t.rows[2].label == kOther);
    CHECK(t.rows[2].merged_groups == 2);
    CHECK(t.rows[2].total == 5);
    check_rule(raw, t, true);
}

TEST_CASE("overig below k takes in the smallest group until it reaches k") {
    CountTable raw{{"a"}, {"A", "B", "C"}, {{2}, {6}, {30}}};
    const ChartTable t = protect(raw, {});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].label == "C");
    CHECK(t.rows[1].label == kOther);
    CHECK(t.rows[1].total == 8);
    CHECK(t.rows[1].merged_groups == 2);
}

TEST_CASE("a table whose people together stay below k shows nothing") {
    CountTable raw{{"a", "b"}, {"A", "B"}, {{1, 1}, {0, 2}}};
    const ChartTable t = protect(raw, {});
    CHECK(t.too_small);
    CHECK(t.rows.empty());
}

TEST_CASE("a single small cell takes a second cell with it so that it cannot be subtracted") {
    CountTable raw{{"1", "2", "3"}, {"A", "B"}, {{2, 10, 30}, {12, 14, 16}}};
    const ChartTable t = protect(raw, {});
    const auto& a = t.rows[0];
    CHECK(!a.cells[0]);
    CHECK(!a.cells[1]);  // the smallest other cell of the row
    CHECK(a.cells[2] == 30);
    CHECK(a.suppressed == 12);
    // Column "1" now has one hidden cell: B's is hidden too (a linked table may know the
    // column's total).
    CHECK(!t.rows[1].cells[0]);
    check_rule(raw, t, true);
}

TEST_CASE("k is never below 5 and a higher k is honoured") {
    CountTable raw{{"a", "b"}, {"A"}, {{4, 40}}};
    CHECK(!protect(raw, {3, true, true}).rows[0].cells[0]);
    CountTable raw10{{"a", "b"}, {"A"}, {{8, 40}}};
    CHECK(!protect(raw10, {10, true, true}).rows[0].cells[0]);
}

TEST_CASE("rows that are not merged are withheld whole when below k") {
    CountTable raw{{"up", "same"}, {"x", "y"}, {{2, 1}, {10, 10}}};
    const ChartTable t = protect(raw, {5, false, false});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].withheld);
    CHECK(t.rows[0].total == 0);
    CHECK(!t.rows[0].cells[0]);
    CHECK(t.rows[1].cells[0] == 10);
}

TEST_CASE("levels count each person once at the latest measurement and zeros stay shown") {
    Dataset data;
    for (int p = 0; p < 12; ++p) {
        const std::string who = "p" + std::to_string(p);
        data.rows.push_back(row(who, "voortgang", "2026Q2", "Noord", "T1", 4, 2));
        data.rows.push_back(row(who, "intake", "2026Q1", "Noord", "T1", p < 6 ? 2 : 4, 1));
    }
    data.rows[0].levels[0].reset();  // p0's latest: not scored in financien
    const CountTable raw = level_counts(data, 0, Grouping::wijk);
    REQUIRE(raw.labels == std::vector<std::string>{"Noord"});
    CHECK(raw.counts[0] == std::vector<std::int64_t>{0, 0, 0, 11, 0, 1});
    const MonitoringCharts charts = build_charts(data);
    CHECK(charts.people == 12);
    CHECK(charts.first_quarter == "2026Q1");
    CHECK(charts.last_quarter == "2026Q2");
    const auto& noord = charts.levels_by_wijk[0].rows.at(0);
    CHECK(noord.cells[0] == 0);
    CHECK(!noord.cells[3]);  // 11 covers the single not-scored person
    CHECK(!noord.cells[5]);
    // Change in domain 1 (werk_opleiding): 6 up (2 -> 4), 6 the same, none down.
    const auto& work = charts.change_by_domain.rows.at(1);
    CHECK(work.label == "werk_opleiding");
    CHECK(work.cells == std::vector<std::optional<std::int64_t>>{6, 6, 0});
    const auto& q1 = charts.per_quarter.rows.at(0);
    CHECK(q1.cells == std::vector<std::optional<std::int64_t>>{12, 0, 0});
}

// T-32: a small population whose classes by wijk, team and level are mostly of size 0-4:
// the raw wijk and team tables of the same people.
std::pair<CountTable, CountTable> random_population(std::mt19937& rng) {
    std::uniform_int_distribution<int> people(3, 22), pick(0, 99);
    const std::vector<std::string> categories = {"laag", "midden", "hoog"};
    std::map<std::string, std::vector<std::int64_t>> by_wijk, by_team;
    for (int n = people(rng), i = 0; i < n; ++i) {
        const int w = pick(rng), t = pick(rng), l = pick(rng);
        const std::string wijk = w < 55 ? "Noord" : w < 85 ? "Oost" : w < 95 ? "West" : "Zuid";
        const std::string team = t < 60 ? "Team A" : t < 90 ? "Team B" : "Team C";
        const std::size_t level = l < 15 ? 0 : l < 75 ? 1 : 2;
        by_wijk[wijk].resize(3, 0);
        by_team[team].resize(3, 0);
        ++by_wijk[wijk][level];
        ++by_team[team][level];
    }
    auto table = [&](const std::map<std::string, std::vector<std::int64_t>>& groups) {
        CountTable out{categories, {}, {}};
        for (const auto& [label, counts] : groups) {
            out.labels.push_back(label);
            out.counts.push_back(counts);
        }
        return out;
    };
    return {table(by_wijk), table(by_team)};
}

TEST_CASE("T-32 classes of size 1 to 4 are suppressed or merged and none can be recomputed",
          "[security]") {
    std::mt19937 rng(32);
    int hidden_cells = 0, attacked = 0;
    for (int i = 0; i < 200; ++i) {
        const auto [wijk_raw, team_raw] = random_population(rng);
        const ChartTable wijk = protect(wijk_raw, {}), team = protect(team_raw, {});
        INFO("population " << i);
        check_rule(wijk_raw, wijk, wijk.rows.size() > 1);
        check_rule(team_raw, team, team.rows.size() > 1);
        if (wijk.too_small) continue;
        const Attack attack({&wijk, &team});
        if (attack.budget < 0) continue;  // too many tables to enumerate: not counted
        ++attacked;
        for (std::size_t h = 0; h < attack.hidden.size(); ++h) {
            const auto& u = attack.hidden[h];
            INFO("table " << u.t << " row " << u.r << " column " << u.c);
            CHECK(attack.seen[h].size() >= 2);  // never pinned to one value
        }
        hidden_cells += int(attack.hidden.size());
    }
    CHECK(attacked > 80);
    CHECK(hidden_cells > 300);  // the generator did make small cells
}

}  // namespace
}  // namespace kt::monitoring
