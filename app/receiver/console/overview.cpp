#include "overview.hpp"

#include <algorithm>
#include <map>

#include "model/zrm.hpp"

namespace kt::receiver::console {

namespace {

using monitoring::ChartTable;
using monitoring::CountTable;
using monitoring::ProtectOptions;

std::string get(const std::map<std::string, std::string>& q, const char* name) {
    auto it = q.find(name);
    return it == q.end() || it->second.size() > 128 ? "" : it->second;
}

// A quarter of the query within [first, last], else `fallback` (and `bad` set when given).
monitoring::QuarterIndex quarter(const std::string& text, monitoring::QuarterIndex first,
                                 monitoring::QuarterIndex last, monitoring::QuarterIndex fallback,
                                 bool& bad) {
    if (text.empty()) return fallback;
    auto parsed = monitoring::parse_quarter(text);
    if (!parsed || parsed.value() < first || parsed.value() > last) {
        bad = true;
        return fallback;
    }
    return parsed.value();
}

const std::vector<std::string>& level_columns() {
    static const std::vector<std::string> c{"1", "2", "3", "4", "5", monitoring::kNotScored};
    return c;
}

const std::vector<std::string>& change_columns() {
    static const std::vector<std::string> c{monitoring::kUp, monitoring::kSame, monitoring::kDown};
    return c;
}

// Raw counts by a group label (sorted by name: never by a result).
struct Grouped {
    std::map<std::string, std::vector<std::int64_t>> rows;
    void add(const std::string& label, std::size_t column, std::size_t width, std::int64_t n) {
        auto& r = rows[label];
        r.resize(width, 0);
        r[column] += n;
    }
    CountTable table(const std::vector<std::string>& columns) const {
        CountTable t{columns, {}, {}};
        for (const auto& [label, counts] : rows) {
            t.labels.push_back(label);
            t.counts.push_back(counts);
        }
        return t;
    }
};

// Rows are the 13 domains in matrix order.
CountTable by_domain(const std::vector<std::string>& columns,
                     const std::vector<std::vector<std::int64_t>>& counts) {
    CountTable t{columns, {}, counts};
    for (const auto id : zrm::kDomains)
        t.labels.emplace_back(id);
    return t;
}

std::size_t change_column(char change) {
    return change == 'u' ? 0 : change == 's' ? 1 : 2;
}

}  // namespace

SelectionCheck select(const ConsoleAccount& account, const std::map<std::string, std::string>& q,
                      monitoring::QuarterIndex first, monitoring::QuarterIndex last,
                      Selection& out) {
    bool bad = false;
    out.first = first;
    out.last = last;
    out.to = quarter(get(q, "tot"), first, last, last, bad);
    out.from = quarter(get(q, "van"), first, out.to, std::max(first, out.to - 3), bad);
    if (out.to - out.from >= kMaxQuarters) {
        out.from = out.to - kMaxQuarters + 1;
        bad = true;
    }
    out.wijk = get(q, "wijk");
    out.team = get(q, "team");
    out.kind = get(q, "soort");
    if (!out.kind.empty() && out.kind != "intake" && out.kind != "voortgang" &&
        out.kind != "afsluiting") {
        out.kind.clear();
        bad = true;
    }
    const std::string domain = get(q, "domein");
    out.domain = 0;
    if (!domain.empty()) {
        const auto d = zrm::domain_index(domain);
        if (d) out.domain = *d;
        bad = bad || !d;
    }
    out.filter = {monitoring::quarter_start(out.from),
                  monitoring::quarter_start(out.to + 1),
                  out.wijk,
                  {},
                  out.kind};
    if (account.role == "teamleider") {
        const auto& own = account.teams;
        if (!out.team.empty() && std::find(own.begin(), own.end(), out.team) == own.end())
            return SelectionCheck::refused;
        out.filter.teams = out.team.empty() ? own : std::vector<std::string>{out.team};
    } else if (!out.team.empty()) {
        out.filter.teams = {out.team};
    }
    return bad ? SelectionCheck::invalid : SelectionCheck::ok;
}

std::string describe(const Selection& s) {
    std::string out =
        "van=" + monitoring::quarter_name(s.from) + " tot=" + monitoring::quarter_name(s.to);
    if (!s.wijk.empty()) out += " wijk=" + s.wijk;
    if (!s.team.empty()) out += " team=" + s.team;
    if (!s.kind.empty()) out += " soort=" + s.kind;
    return out;
}

std::vector<std::int64_t> quarter_bounds(const Selection& s) {
    std::vector<std::int64_t> out;
    for (auto q = s.from; q <= s.to + 1; ++q)
        out.push_back(monitoring::quarter_start(q));
    return out;
}

OverviewTables overview_tables(const std::vector<LevelCount>& levels,
                               const std::vector<QuarterCount>& quarters, const Selection& s) {
    const std::size_t domains = zrm::kDomains.size();
    std::vector<std::vector<std::int64_t>> level_totals(domains, std::vector<std::int64_t>(6, 0));
    std::vector<std::vector<std::int64_t>> change_totals(domains, std::vector<std::int64_t>(3, 0));
    Grouped lw, lt, cw, ct;
    OverviewTables out;
    for (const auto& c : levels) {
        if (c.domain < 0 || std::size_t(c.domain) >= domains) continue;
        const std::size_t column =
            c.level >= '1' && c.level <= '5' ? std::size_t(c.level - '1') : 5;
        level_totals[std::size_t(c.domain)][column] += c.people;
        if (c.domain == 0) out.people += c.people;
        if (c.change) change_totals[std::size_t(c.domain)][change_column(c.change)] += c.people;
        if (c.domain != s.domain) continue;
        lw.add(c.wijk, column, 6, c.people);
        lt.add(c.team, column, 6, c.people);
        if (!c.change) continue;
        cw.add(c.wijk, change_column(c.change), 3, c.people);
        ct.add(c.team, change_column(c.change), 3, c.people);
    }
    // Rows that are domains are withheld when small, never merged; no column total is shown
    // for them (their cells are the per-wijk tables' column totals, which rule 4 protects alike).
    const ProtectOptions domain_rows{kOverviewK, false, false};
    const ProtectOptions groups{kOverviewK, true, true};
    out.levels_by_domain =
        monitoring::protect(by_domain(level_columns(), level_totals), domain_rows);
    out.change_by_domain =
        monitoring::protect(by_domain(change_columns(), change_totals), domain_rows);
    out.levels_by_wijk = monitoring::protect(lw.table(level_columns()), groups);
    out.levels_by_team = monitoring::protect(lt.table(level_columns()), groups);
    out.change_by_wijk = monitoring::protect(cw.table(change_columns()), groups);
    out.change_by_team = monitoring::protect(ct.table(change_columns()), groups);
    CountTable per_quarter{{"met_afsluiting", "zonder_afsluiting"}, {}, {}};
    for (auto q = s.from; q <= s.to; ++q) {
        per_quarter.labels.push_back(monitoring::quarter_name(q));
        per_quarter.counts.push_back({0, 0});
    }
    for (const auto& q : quarters)
        if (q.quarter >= 0 && std::size_t(q.quarter) < per_quarter.counts.size())
            per_quarter.counts[std::size_t(q.quarter)] = {q.closed, q.clients - q.closed};
    out.per_quarter = monitoring::protect(per_quarter, groups);
    return out;
}

}  // namespace kt::receiver::console
