// The monitoring report's words and charts from the protected tables and the catalog.
#include "report/monitoring_content.hpp"

#include <array>

#include "model/zrm.hpp"

namespace kt::report {

namespace {

using i18n::Catalog;
constexpr const char* kKey = "monitoring_report.";

std::string tr(const Catalog& c, const std::string& key) {
    return c.tr(kKey + key);
}

std::string fmt(const Catalog& c, const std::string& key,
                std::initializer_list<std::pair<std::string_view, i18n::Arg>> args) {
    return c.format(kKey + key, args);
}

// The ZRM ramp of assets/theme.json, always with the digit in the legend.
std::vector<Series> level_series(const Catalog& c) {
    std::vector<Series> out;
    for (int level = 1; level <= 5; ++level)
        out.push_back({std::to_string(level) + " " + c.tr(zrm::level_name_key(level)),
                       rgb(assets::level_fill[std::size_t(level - 1)]), level >= 2 && level <= 4});
    out.push_back({tr(c, "not_scored"), rgb(assets::palette::not_scored), false});
    return out;
}

ChartSpec base_spec(const Catalog& c, int k, monitoring::ChartTable table) {
    ChartSpec spec;
    spec.caveat = tr(c, "caveat");
    spec.table = std::move(table);
    spec.n_format = tr(c, "n");
    spec.hidden_legend = fmt(c, "hidden", {{"k", std::int64_t(k)}});
    spec.hidden_short = fmt(c, "hidden_short", {{"k", std::int64_t(k)}});
    spec.hidden_block = tr(c, "hidden_block");
    spec.withheld = fmt(c, "withheld", {{"k", std::int64_t(k)}});
    spec.too_small = fmt(c, "too_small", {{"k", std::int64_t(k)}});
    for (const auto& row : spec.table.rows) {
        const bool other = row.label == monitoring::kOther && row.merged_groups > 0;
        spec.row_labels.push_back(
            other ? fmt(c, "other", {{"groups", std::int64_t(row.merged_groups)}}) : row.label);
    }
    return spec;
}

ChartSpec level_chart(const Catalog& c, int k, std::size_t d, bool by_wijk,
                      const monitoring::ChartTable& table) {
    ChartSpec spec = base_spec(c, k, table);
    const std::string_view id = zrm::kDomains[d];
    spec.file = std::string(by_wijk ? "niveaus_wijk_" : "niveaus_team_") + std::string(id);
    spec.title =
        fmt(c, by_wijk ? "by_wijk" : "by_team", {{"domain", c.tr(zrm::domain_name_key(id))}});
    spec.hint = tr(c, "levels_hint");
    spec.series = level_series(c);
    spec.domain = int(d);
    return spec;
}

ChartSpec change_chart(const Catalog& c, int k, const monitoring::ChartTable& table) {
    ChartSpec spec = base_spec(c, k, table);
    spec.file = "verandering";
    spec.title = tr(c, "change_title");
    spec.hint = tr(c, "change_hint");
    // Blue and orange: apart for every colour vision; no green "good" or red "bad".
    spec.series = {{tr(c, "up"), rgb(assets::palette::accent), false},
                   {tr(c, "same"), rgb(assets::palette::unchanged), true},
                   {tr(c, "down"), rgb(assets::palette::worse), false}};
    for (auto& label : spec.row_labels) {
        const auto d = zrm::domain_index(label);
        spec.row_domains.push_back(d ? *d : -1);
        if (d) label = c.tr(zrm::domain_name_key(label));
    }
    return spec;
}

ChartSpec quarter_chart(const Catalog& c, int k, const monitoring::ChartTable& table) {
    ChartSpec spec = base_spec(c, k, table);
    spec.file = "metingen_per_kwartaal";
    spec.title = tr(c, "quarter_title");
    spec.hint = tr(c, "quarter_hint");
    spec.shares = false;
    spec.series = {{tr(c, "intake"), rgb(assets::palette::accent), false},
                   {tr(c, "voortgang"), rgb(assets::palette::accent_light), true},
                   {tr(c, "afsluiting"), rgb(assets::palette::muted_print), false}};
    return spec;
}

}  // namespace

MonitoringContent monitoring_content(const monitoring::Dataset& data, const Catalog& c,
                                     const std::string& purpose, std::int64_t now) {
    const monitoring::MonitoringCharts charts = monitoring::build_charts(data);
    const auto& r = data.report;
    const auto k = std::int64_t(charts.k);
    MonitoringContent out;
    out.lang = c.locale();
    out.title = tr(c, "title");
    if (!charts.first_quarter.empty())
        out.lines.push_back(
            fmt(c, "period", {{"from", charts.first_quarter}, {"to", charts.last_quarter}}));
    if (!purpose.empty()) out.lines.push_back(fmt(c, "purpose", {{"purpose", purpose}}));
    if (now > 0) out.lines.push_back(fmt(c, "made_on", {{"date", c.date(now)}}));
    out.counts_title = tr(c, "counts_title");
    out.counts = fmt(c, "counts",
                     {{"rows", std::int64_t(data.rows.size())},
                      {"people", charts.people},
                      {"generalised", r.generalised_wijk + r.generalised_year},
                      {"suppressed", r.suppressed},
                      {"k", k}});
    out.pseudonymised = fmt(c, "pseudonymised", {{"k", k}});
    out.caveat = tr(c, "caveat");
    out.domains_title = tr(c, "domains_title");
    out.numbers = tr(c, "numbers");
    out.group = tr(c, "group");
    out.overview.push_back(change_chart(c, charts.k, charts.change_by_domain));
    out.overview.push_back(quarter_chart(c, charts.k, charts.per_quarter));
    for (std::size_t d = 0; d < monitoring::kDomainCount; ++d) {
        out.domains.push_back(level_chart(c, charts.k, d, true, charts.levels_by_wijk[d]));
        out.domains.push_back(level_chart(c, charts.k, d, false, charts.levels_by_team[d]));
    }
    return out;
}

}  // namespace kt::report
