#include "report_file.hpp"

#include "chart_data.hpp"
#include "export/aggregates.hpp"
#include "http_util.hpp"
#include "model/zrm.hpp"

namespace kt::receiver::console {

namespace {

std::string domain_title(const Visit& v, const char* key, std::size_t d) {
    return v.words().format(key, {{"domain", v.tr(zrm::domain_name_key(zrm::kDomains[d]))}});
}

Data chart_list(const Visit& v, const monitoring::MonitoringCharts& c) {
    Data list{Data::type::list};
    list.push_back(
        chart(v, {"metingen", "", "console.report.quarter_hint", "console.overview.quarter"},
              v.tr("console.report.quarter_title"), c.per_quarter, false));
    list.push_back(
        chart(v, {"verandering", "", "console.report.change_hint", "console.overview.domain"},
              v.tr("console.report.change_title"), c.change_by_domain, true));
    for (std::size_t d = 0; d < c.levels_by_wijk.size(); ++d) {
        const std::string id = std::string(zrm::kDomains[d]);
        const std::string wijk_id = "wijk-" + id, team_id = "team-" + id;
        list.push_back(chart(
            v, {wijk_id.c_str(), "", "console.overview.levels_hint", "console.overview.wijk"},
            domain_title(v, "console.overview.levels_by_wijk", d), c.levels_by_wijk[d], true));
        list.push_back(chart(
            v, {team_id.c_str(), "", "console.overview.levels_hint", "console.overview.team"},
            domain_title(v, "console.overview.levels_by_team", d), c.levels_by_team[d], true));
    }
    return list;
}

// Our own stylesheets (the theme's colours and the console's chart classes); the NL Design
// System's are not needed in a file read offline.
std::string stylesheets(const Site& site) {
    std::string css;
    for (const auto& [name, text] : site.statics)
        if (name.rfind("utrecht", 0) != 0) css += text;
    return css;
}

}  // namespace

std::string report_html(Site& site, const std::string& lang, const monitoring::Dataset& data,
                        const std::string& purpose, std::int64_t now) {
    const Request none;
    const auto found = site.languages.find(lang);
    const Visit v{
        none, now, {}, {},
        {},   {},  {}, &(found == site.languages.end() ? site.languages.at("nl") : found->second)};
    const monitoring::MonitoringCharts charts = monitoring::build_charts(data);
    Data d;
    d.set("lang", v.lang->cat.locale());
    d.set("css", stylesheets(site));
    d.set("purpose", v.words().format("console.export.purpose_line", {{"purpose", purpose}}));
    d.set("made", v.words().format("console.report.made", {{"date", format_time(now)}}));
    d.set("period", v.words().format("console.report.period", {{"from", charts.first_quarter},
                                                               {"to", charts.last_quarter}}));
    d.set("counts", v.words().format("console.report.counts",
                                     {{"rows", data.report.written}, {"people", charts.people}}));
    d.set("hidden_note",
          v.words().format("console.overview.hidden_note", {{"k", std::int64_t(charts.k)}}));
    d.set("charts", chart_list(v, charts));
    return render(site, v, "report_file", d);
}

}  // namespace kt::receiver::console
