#include "present/views.hpp"

namespace kt::present {

namespace {

AssessmentLine line_for(const model::Assessment& a, const i18n::Catalog& cat) {
    AssessmentLine l;
    l.id = a.id;
    l.text = cat.format("client.line", {{"kind", cat.tr(model::kind_name_key(a.kind))},
                                        {"date", cat.date(a.started_at)},
                                        {"scored", std::int64_t(a.scored_count())}});
    l.status = cat.tr("assessment.status." + std::string(model::to_string(a.status)));
    l.resumable = a.status == model::AssessmentStatus::draft;
    return l;
}

}  // namespace

ClientView client_view(const Session& s, const i18n::Catalog& cat) {
    ClientView v;
    v.heading = cat.tr("client.assessments");
    v.none = cat.tr("client.none");
    v.resume = cat.tr("client.resume");
    v.back = cat.tr("nav.back");
    v.lock = cat.tr("nav.lock");
    const model::Client* c = s.client();
    if (c == nullptr) return v;
    v.name = model::full_name(*c);
    if (!c->birth_date.empty())
        v.born = cat.format("client.born", {{"date", cat.date_iso(c->birth_date)}});
    bool draft_open = false, any_finished = false;
    for (const auto& a : s.client_assessments()) {
        v.lines.push_back(line_for(a, cat));
        draft_open = draft_open || a.status == model::AssessmentStatus::draft;
        any_finished = any_finished || a.status == model::AssessmentStatus::finished;
    }
    if (draft_open) return v;  // finish or resume the open one first
    using K = model::AssessmentKind;
    const std::vector<K> kinds =
        any_finished ? std::vector<K>{K::afsluiting, K::voortgang} : std::vector<K>{K::intake};
    for (K k : kinds)
        v.starts.push_back({k, cat.tr("client.start." + std::string(model::to_string(k)))});
    return v;
}

}  // namespace kt::present
