// The monitoring overview for teamleider (own teams) and beleid (the whole municipality, per
// wijk): filters, charts with their tables, the "geen rapportcijfer" caveat, and the export
// form. Every number comes from the store's aggregates through monitoring::protect; a selection
// of fewer than k clients shows a message instead of numbers.
#include <cstdio>
#include <ctime>
#include <set>

#include "chart_data.hpp"
#include "export_jobs.hpp"
#include "model/zrm.hpp"
#include "overview.hpp"
#include "pages.hpp"

namespace kt::receiver::console {

namespace {

using monitoring::ChartTable;

Data option_list(const std::vector<std::pair<std::string, std::string>>& items,
                 const std::string& selected) {
    Data list{Data::type::list};
    for (const auto& [value, label] : items) {
        Data o;
        o.set("value", value);
        o.set("label", label);
        o.set("selected", value == selected);
        list.push_back(o);
    }
    return list;
}

Data charts(const Visit& v, const OverviewTables& t, const Selection& s) {
    const std::string domain = v.tr(zrm::domain_name_key(zrm::kDomains[std::size_t(s.domain)]));
    auto titled = [&](const char* key) { return v.words().format(key, {{"domain", domain}}); };
    Data list{Data::type::list};
    list.push_back(
        chart(v, {"kwartalen", "", "console.overview.quarter_hint", "console.overview.quarter"},
              v.tr("console.overview.quarter_title"), t.per_quarter, false));
    list.push_back(chart(v,
                         {"niveaus", "", "console.overview.levels_hint", "console.overview.domain"},
                         v.tr("console.overview.levels_title"), t.levels_by_domain, true));
    list.push_back(
        chart(v, {"verandering", "", "console.overview.change_hint", "console.overview.domain"},
              v.tr("console.overview.change_title"), t.change_by_domain, true));
    list.push_back(
        chart(v, {"niveaus-wijk", "", "console.overview.levels_hint", "console.overview.wijk"},
              titled("console.overview.levels_by_wijk"), t.levels_by_wijk, true));
    list.push_back(
        chart(v, {"niveaus-team", "", "console.overview.levels_hint", "console.overview.team"},
              titled("console.overview.levels_by_team"), t.levels_by_team, true));
    list.push_back(
        chart(v, {"verandering-wijk", "", "console.overview.change_hint", "console.overview.wijk"},
              titled("console.overview.change_by_wijk"), t.change_by_wijk, true));
    list.push_back(
        chart(v, {"verandering-team", "", "console.overview.change_hint", "console.overview.team"},
              titled("console.overview.change_by_team"), t.change_by_team, true));
    return list;
}

Data filters(const Visit& v, const Selection& s,
             const std::vector<std::pair<std::string, std::string>>& wijk_teams) {
    std::vector<std::pair<std::string, std::string>> quarters,
        wijken{{"", v.tr("console.overview.all_wijken")}},
        teams{{"", v.tr("console.overview.all_teams")}}, domains;
    for (auto q = s.last; q >= s.first; --q)
        quarters.emplace_back(monitoring::quarter_name(q), monitoring::quarter_name(q));
    std::set<std::string> seen_wijk, seen_team;
    const bool teamleider = v.account->role == "teamleider";
    const auto& own = v.account->teams;
    for (const auto& [wijk, team] : wijk_teams) {
        const bool mine = !teamleider || std::find(own.begin(), own.end(), team) != own.end();
        if (mine && seen_wijk.insert(wijk).second) wijken.emplace_back(wijk, wijk);
        if (!teamleider && seen_team.insert(team).second) teams.emplace_back(team, team);
    }
    if (teamleider)
        for (const auto& t : own)
            teams.emplace_back(t, t);
    for (const auto id : zrm::kDomains)
        domains.emplace_back(std::string(id), v.tr(zrm::domain_name_key(id)));
    Data d;
    d.set("van", option_list(quarters, monitoring::quarter_name(s.from)));
    d.set("tot", option_list(quarters, monitoring::quarter_name(s.to)));
    d.set("wijken", option_list(wijken, s.wijk));
    d.set("teams", option_list(teams, s.team));
    d.set("soorten", option_list({{"", v.tr("console.overview.all_kinds")},
                                  {"intake", v.tr("console.overview.series.intake")},
                                  {"voortgang", v.tr("console.overview.series.voortgang")},
                                  {"afsluiting", v.tr("console.overview.series.afsluiting")}},
                                 s.kind));
    d.set("domeinen", option_list(domains, std::string(zrm::kDomains[std::size_t(s.domain)])));
    return d;
}

// The store's error goes to stderr (SQL and codes only, never a value of a row).
HttpAnswer failure(Site& site, Visit& v, const Error& e) {
    std::fprintf(stderr, "console monitoring: %s\n", e.detail.c_str());
    return message(site, v, 500, "console.message.failure",
                   v.tr("console.message.monitoring_failure"));
}

HttpAnswer empty_store(Site& site, Visit& v) {
    return message(site, v, 200, "console.overview.heading", v.tr("console.overview.no_data"));
}

}  // namespace

std::optional<HttpAnswer> monitoring_selection(Site& site, Visit& v, Selection& s) {
    auto range = site.store.monitoring().sealed_range();
    if (!range) return failure(site, v, range.error());
    if (!range->has_value()) return empty_store(site, v);
    const auto first = monitoring::quarter_of(range->value().first);
    const auto last = monitoring::quarter_of(range->value().second);
    if (select(*v.account, v.query, first, last, s) == SelectionCheck::refused) {
        audit(site, "console_refused", v.req.path + " team=" + s.team, "403", v.actor());
        return message(site, v, 403, "console.message.refused_title",
                       v.tr("console.message.refused"), "/monitoring", "console.link.monitoring");
    }
    return std::nullopt;
}

HttpAnswer monitoring_page(Site& site, Visit& v) {
    Selection s;
    if (auto refused = monitoring_selection(site, v, s)) return *refused;
    auto& store = site.store.monitoring();
    auto levels = store.level_counts(s.filter);
    auto quarters = store.quarter_counts(s.filter, quarter_bounds(s));
    auto wijk_teams = store.wijk_teams();
    if (!levels) return failure(site, v, levels.error());
    if (!quarters) return failure(site, v, quarters.error());
    if (!wijk_teams) return failure(site, v, wijk_teams.error());
    const OverviewTables tables = overview_tables(levels.value(), quarters.value(), s);
    Data d;
    d.set("scope", v.account->role == "teamleider"
                       ? v.words().format("console.overview.scope_teams",
                                          {{"teams", v.words().list(v.account->teams)}})
                       : v.tr("console.overview.scope_municipality"));
    d.set("filters", filters(v, s, wijk_teams.value()));
    const bool too_few = tables.people < kOverviewK;
    d.set("too_few", too_few);
    d.set("too_few_text",
          v.words().format("console.overview.too_few", {{"k", std::int64_t(kOverviewK)}}));
    d.set("hidden_note",
          v.words().format("console.overview.hidden_note", {{"k", std::int64_t(kOverviewK)}}));
    if (!too_few) {
        d.set("people", v.words().format("console.overview.people",
                                         {{"people", tables.people},
                                          {"from", monitoring::quarter_name(s.from)},
                                          {"to", monitoring::quarter_name(s.to)}}));
        d.set("charts", charts(v, tables, s));
        d.set("export", export_form(site, v, s));
    }
    return page(site, v, 200, v.tr("console.overview.heading"), render(site, v, "monitoring", d));
}

}  // namespace kt::receiver::console
