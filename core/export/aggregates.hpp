// Chart data of the monitoring report (T-32): counts per group with small-cell
// suppression, so that no count below k can be read or recomputed from what the report shows.
// Pure: no drawing here (report/ draws these tables with cairo).
//
// The suppression rule, applied to every table alike (`protect`):
//  1. Groups (rows) whose total is below k are merged into "overig"; while "overig" is still
//     below k the smallest other group joins it. If all rows together stay below k the table
//     is empty (`too_small`). Where merging makes no sense (the rows are domains) such a row
//     is withheld instead: shown as "fewer than k", no cell and no total.
//  2. Every cell of 1 to k-1 is suppressed. Zeros are shown: a zero names nobody, and hiding
//     it would take a large cell with it (a quarter without closures would lose its intakes).
//  3. Complementary suppression, repeated until nothing changes: in every row and in every
//     column that has a suppressed cell, at least two cells are suppressed and their sum is at
//     least k; otherwise the smallest shown cell of that row or column (not a zero, unless only
//     zeros are left) is suppressed as well.
//  4. The column totals, never shown, get rules 2 and 3 as a row of their own; a column whose
//     total is hidden keeps at least one hidden cell, so no table shows it whole. The wijk and
//     the team table of the same people have the same totals and so hide the same ones.
// A row's total n is shown and the suppressed cells are drawn as one block of n minus the
// shown cells: that block is then never below k and never one cell. Column totals are never
// shown, but the same people appear in the wijk and the team table (and the rows of a
// quarter's kinds sum to its assessments), so rule 3 covers columns too: subtracting the shown
// cells of a column from a total known elsewhere leaves at least two cells with a sum >= k.
// Rows keep the order of the counts - groups and quarters by name, domains in matrix order -
// with "overig" last; never by a score: nothing ranks workers or providers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "export/dataset.hpp"

namespace kt::monitoring {

/// The label of the merged small groups.
inline constexpr const char* kOther = "overig";
/// Category ids: the level columns ("1".."5", "niet_gescoord"), the change columns and the
/// assessment kinds.
inline constexpr const char* kNotScored = "niet_gescoord";
inline constexpr const char* kUp = "omhoog";
inline constexpr const char* kSame = "gelijk";
inline constexpr const char* kDown = "omlaag";

/// Raw counts before protection: one row per group, one count per category; the rows in the
/// order they are to be shown.
struct CountTable {
    std::vector<std::string> categories;
    std::vector<std::string> labels;
    std::vector<std::vector<std::int64_t>> counts;  // [row][category]
};

struct ChartRow {
    std::string label;       // a wijk, team, domain id or quarter; kOther for merged groups
    bool withheld = false;   // below k and not merged: no total, every cell suppressed
    std::int64_t total = 0;  // n of the row (>= k; 0 when withheld)
    std::vector<std::optional<std::int64_t>> cells;  // nullopt: suppressed; 0 or >= k
    std::int64_t suppressed = 0;  // total minus the shown cells: 0 or >= k, never one cell
    int merged_groups = 0;        // > 0 for kOther: how many groups it holds
};

struct ChartTable {
    std::vector<std::string> categories;
    std::vector<ChartRow> rows;  // in the raw table's order, kOther last
    bool too_small = false;      // everything together stayed below k: nothing shown
};

struct ProtectOptions {
    int k = 5;                     // raised to 5 when lower
    bool merge_small_rows = true;  // false: withhold them (rule 1)
    bool protect_columns = true;   // rule 3 for columns (false only where no column total
                                   // is known anywhere, e.g. rows that are domains)
};

/// Applies the suppression rule above.
ChartTable protect(const CountTable& raw, const ProtectOptions& options);

enum class Grouping { wijk, team };

/// Every table of the report, already protected.
struct MonitoringCharts {
    int k = 5;
    std::string first_quarter, last_quarter;  // the period the rows cover ("" when empty)
    std::int64_t people = 0;                  // distinct pseudonyms
    /// Per domain (zrm::kDomains order) the levels at each person's latest measurement.
    std::vector<ChartTable> levels_by_wijk, levels_by_team;
    /// Per domain (rows) the change from the intake to the first voortgang after it, for the
    /// people with both levels scored: columns kUp, kSame, kDown.
    ChartTable change_by_domain;
    /// Assessments per quarter (rows) and kind (columns: intake, voortgang, afsluiting).
    ChartTable per_quarter;
};

/// The raw counts of one domain's levels at each person's latest measurement, by group.
CountTable level_counts(const Dataset& data, std::size_t domain, Grouping by);
/// The raw change counts: rows are the domain ids.
CountTable change_counts(const Dataset& data);
/// The raw assessment counts per quarter and kind.
CountTable quarter_counts(const Dataset& data);

/// All tables of the report from an export set, protected with the set's k (at least 5).
MonitoringCharts build_charts(const Dataset& data);

}  // namespace kt::monitoring
