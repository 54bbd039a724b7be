// The monitoring overview's selection and tables: the filters of the URL checked against the
// account's role (a teamleider sees only their own teams), the counts the store aggregated, and
// every table protected by core/export's small-cell suppression (monitoring::protect) before
// anything is shown. Nothing here names or ranks a worker or a provider: rows are domains,
// wijken, teams and quarters, in their own order.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "export/aggregates.hpp"
#include "export/generalise.hpp"
#include "receiver_store/console_store.hpp"
#include "receiver_store/monitoring_store.hpp"

namespace kt::receiver::console {

inline constexpr int kOverviewK = 5;
/// The longest period one view may cover.
inline constexpr int kMaxQuarters = 8;

struct Selection {
    monitoring::QuarterIndex first = 0, last = 0;  // the quarters the store has data for
    monitoring::QuarterIndex from = 0, to = 0;     // the chosen period, inclusive
    std::string wijk, team, kind;                  // "" = all
    int domain = 0;                                // the domain of the per-wijk/team charts
    MonitoringFilter filter;                       // what the store is asked
};

enum class SelectionCheck { ok, refused, invalid };

/// The selection of the query's van, tot, wijk, team, soort and domein for this account, within
/// the quarters [first, last]. refused: a teamleider asked for a team not their own; invalid:
/// a value that is not one of the choices (the default is used instead).
SelectionCheck select(const ConsoleAccount& account, const std::map<std::string, std::string>& q,
                      monitoring::QuarterIndex first, monitoring::QuarterIndex last,
                      Selection& out);

/// The "van=… tot=… wijk=… team=… soort=…" text of a selection (job rows and audit rows).
std::string describe(const Selection& s);

struct OverviewTables {
    std::int64_t people = 0;  // distinct clients in the selection (not shown when below k)
    monitoring::ChartTable levels_by_domain, change_by_domain;
    monitoring::ChartTable levels_by_wijk, levels_by_team, change_by_wijk, change_by_team;
    monitoring::ChartTable per_quarter;  // rows: quarters; columns: with closure, without
};

/// The protected tables of the store's counts.
OverviewTables overview_tables(const std::vector<LevelCount>& levels,
                               const std::vector<QuarterCount>& quarters, const Selection& s);

/// n + 1 quarter starts of the selection's quarters (the store's quarter_counts bounds).
std::vector<std::int64_t> quarter_bounds(const Selection& s);

}  // namespace kt::receiver::console
