// The overview: the radar chart of this and the previous assessment, the goals chosen and the
// change per domain since last time.
#include "present/views.hpp"

namespace kt::present {

namespace {

RadarLevels levels_of(const model::Assessment& a) {
    RadarLevels out{};
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = a.levels[i];
    return out;
}

std::string domain_name(const i18n::Catalog& cat, std::size_t i) {
    return cat.tr(zrm::domain_name_key(zrm::kDomains[i]));
}

std::vector<OverviewGoal> goals_of(const model::Assessment& a, const i18n::Catalog& cat) {
    std::vector<OverviewGoal> out;
    for (std::size_t i = 0; i < a.details.size(); ++i)
        if (a.details[i].goal) out.push_back({domain_name(cat, i), a.details[i].hulpvraag});
    return out;
}

std::vector<OverviewChange> changes_of(const model::Assessment& now,
                                       const model::Assessment& before, const i18n::Catalog& cat) {
    std::vector<OverviewChange> out;
    for (std::size_t i = 0; i < now.levels.size(); ++i) {
        OverviewChange c;
        c.domain = domain_name(cat, i);
        const auto a = before.levels[i], b = now.levels[i];
        c.known = a.has_value() && b.has_value();
        if (!c.known) {
            c.text = cat.tr("overview.change_unscored");
        } else {
            c.direction = *b > *a ? 1 : (*b < *a ? -1 : 0);
            c.text = cat.format("overview.change_line",
                                {{"before", std::int64_t(*a)}, {"after", std::int64_t(*b)}});
            c.word =
                cat.tr(c.direction > 0 ? "overview.up"
                                       : (c.direction < 0 ? "overview.down" : "overview.same"));
        }
        out.push_back(std::move(c));
    }
    return out;
}

void fill_labels(OverviewView& v, const i18n::Catalog& cat) {
    v.title = cat.tr("overview.title");
    v.back = cat.tr("nav.back");
    v.lock = cat.tr("nav.lock");
    v.caption = cat.tr("overview.caption");
    v.goals_title = cat.tr("overview.goals");
    v.no_goals = cat.tr("overview.no_goals");
    v.changes_title = cat.tr("overview.changes");
    v.no_previous = cat.tr("overview.no_previous");
    for (std::size_t i = 0; i < v.labels.size(); ++i)
        v.labels[i] = domain_name(cat, i);
}

}  // namespace

OverviewView overview_view(const Session& s, const i18n::Catalog& cat, const Rect& bounds,
                           MeasureText measure) {
    OverviewView v;
    fill_labels(v, cat);
    const model::Assessment* a = s.assessment();
    const model::Client* c = s.client();
    if (a == nullptr || c == nullptr) return v;
    v.subtitle = c->given_name + " · " + cat.tr(model::kind_name_key(a->kind));
    v.legend_now = cat.format("overview.now", {{"date", cat.date(a->started_at)}});
    const model::Assessment* prev = s.previous();
    v.has_previous = prev != nullptr;
    RadarSpec spec;
    spec.bounds = bounds;
    for (std::size_t i = 0; i < v.labels.size(); ++i)
        spec.label_sizes[i] = measure(v.labels[i]);
    std::optional<RadarLevels> before;
    if (prev) {
        before = levels_of(*prev);
        v.legend_previous = cat.format("overview.previous", {{"date", cat.date(prev->started_at)}});
        v.changes = changes_of(*a, *prev, cat);
    }
    v.radar = radar_geometry(spec, levels_of(*a), before);
    std::vector<std::string> unscored;
    for (int i : v.radar.current.unscored)
        unscored.push_back(v.labels[std::size_t(i)]);
    if (!unscored.empty())
        v.unscored_line = cat.format("overview.unscored", {{"list", cat.list(unscored)}});
    v.goals = goals_of(*a, cat);
    return v;
}

}  // namespace kt::present
