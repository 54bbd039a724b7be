#include "chart_data.hpp"

#include "chart_svg.hpp"
#include "model/zrm.hpp"
#include "overview.hpp"

namespace kt::receiver::console {

using monitoring::ChartTable;

namespace {

std::vector<std::string> series_names(const Visit& v, const std::vector<std::string>& columns) {
    std::vector<std::string> out;
    for (const auto& c : columns) {
        if (c.size() == 1 && c[0] >= '1' && c[0] <= '5')
            out.push_back(c + " " + v.tr(zrm::level_name_key(c[0] - '0')));
        else
            out.push_back(v.tr("console.overview.series." + c));
    }
    return out;
}

std::vector<std::string> series_classes(const std::vector<std::string>& columns) {
    std::vector<std::string> out;
    out.reserve(columns.size());
    for (const auto& c : columns)
        out.push_back(c.size() == 1 ? "l" + c : c);
    return out;
}

std::string row_label(const Visit& v, const monitoring::ChartRow& row) {
    if (row.label == monitoring::kOther && row.merged_groups > 0)
        return v.words().format("console.overview.other",
                                {{"groups", std::int64_t(row.merged_groups)}});
    if (zrm::domain_index(row.label)) return v.tr(zrm::domain_name_key(row.label));
    return row.label;
}

Data table_data(const Visit& v, const ChartTable& t, const std::vector<std::string>& names,
                const std::vector<std::string>& labels) {
    Data cols{Data::type::list};
    for (const auto& n : names)
        cols.push_back(Data("name", n));
    Data rows{Data::type::list};
    const std::string hidden = v.tr("console.overview.hidden_cell");
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        Data d;
        d.set("label", labels[r]);
        d.set("withheld", row.withheld);
        d.set("n", row.withheld ? "" : std::to_string(row.total));
        d.set("hidden", row.suppressed > 0 ? std::to_string(row.suppressed) : "–");
        Data cells{Data::type::list};
        for (const auto& c : row.cells)
            cells.push_back(Data("value", row.withheld ? "" : c ? std::to_string(*c) : hidden));
        d.set("cells", cells);
        rows.push_back(d);
    }
    Data out;
    out.set("columns", cols);
    out.set("rows", rows);
    return out;
}

}  // namespace

Data chart(const Visit& v, const ChartText& text, const std::string& title, const ChartTable& t,
           bool shares) {
    const std::vector<std::string> names = series_names(v, t.categories);
    std::vector<std::string> labels;
    for (const auto& row : t.rows)
        labels.push_back(row_label(v, row));
    Data d;
    d.set("id", text.id);
    d.set("title", title);
    d.set("hint", v.tr(text.hint_key));
    d.set("group", v.tr(text.group_key));
    d.set("too_small", t.too_small || t.rows.empty());
    if (t.too_small || t.rows.empty()) return d;
    const std::string k = std::to_string(kOverviewK);
    SvgChart svg{text.id,
                 title,
                 series_classes(t.categories),
                 labels,
                 t,
                 shares,
                 v.tr("console.overview.n"),
                 v.words().format("console.overview.withheld", {{"k", std::int64_t(kOverviewK)}})};
    d.set("svg", chart_svg(svg));
    Data legend{Data::type::list};
    for (std::size_t i = 0; i < names.size(); ++i) {
        Data l;
        l.set("name", names[i]);
        l.set("class", series_classes(t.categories)[i]);
        legend.push_back(l);
    }
    d.set("legend", legend);
    d.set("table", table_data(v, t, names, labels));
    return d;
}

}  // namespace kt::receiver::console
