#include "present/network_summary.hpp"
#include "present/views.hpp"

namespace kt::present {

namespace {

void fill_strip(MatrixView& v, const model::Assessment& a, const i18n::Catalog& cat) {
    for (int i = 0; i < zrm::kDomainCount; ++i) {
        auto& dot = v.strip[static_cast<std::size_t>(i)];
        dot.name = cat.tr(zrm::domain_name_key(zrm::kDomains[static_cast<std::size_t>(i)]));
        dot.short_name = cat.tr(zrm::domain_short_key(zrm::kDomains[static_cast<std::size_t>(i)]));
        dot.level = a.levels[static_cast<std::size_t>(i)];
        dot.unscored =
            a.details[static_cast<std::size_t>(i)].unscored != model::UnscoredReason::none;
        dot.current = i == v.domain;
    }
}

void fill_cards(MatrixView& v, const model::Assessment& a, const model::Assessment* prev,
                const i18n::Catalog& cat) {
    const auto id = zrm::kDomains[static_cast<std::size_t>(v.domain)];
    const auto chosen = a.levels[static_cast<std::size_t>(v.domain)];
    const auto before = prev ? prev->levels[static_cast<std::size_t>(v.domain)] : std::nullopt;
    for (int level = zrm::kMinLevel; level <= zrm::kMaxLevel; ++level) {
        auto& card = v.cards[static_cast<std::size_t>(level - 1)];
        card.level = level;
        card.level_name = cat.tr(zrm::level_name_key(level));
        card.descriptor = cat.tr(zrm::descriptor_key(id, level));
        card.chosen = chosen == level;
        card.previous = before == level;
        card.acute = level == 1;
    }
    if (before) {
        v.previous_line =
            cat.format("matrix.previous_line",
                       {{"level", std::int64_t(*before)}, {"date", cat.date(prev->started_at)}});
    } else {
        v.previous_line = cat.tr("matrix.no_previous");
    }
}

DetailPanel panel_for(const model::DomainDetail& d, const i18n::Catalog& cat) {
    DetailPanel p;
    p.detail = d;
    p.title = cat.tr("detail.title");
    p.note = cat.tr("detail.note");
    p.hulpvraag = cat.tr("detail.hulpvraag");
    p.goal = cat.tr("detail.goal");
    p.shares = cat.tr("detail.shares");
    p.shares_start = cat.tr("detail.shares_start");
    p.own = cat.tr("detail.own");
    p.network = cat.tr("detail.network");
    p.professional = cat.tr("detail.professional");
    p.outcome = cat.tr("detail.outcome");
    p.unscored = cat.tr("detail.unscored");
    p.unscored_hint = cat.tr("detail.unscored_hint");
    p.clear = cat.tr("detail.clear");
    p.no_advice = cat.tr("detail.no_advice");
    for (auto o : model::kOutcomes)
        p.outcomes.push_back({std::string(model::to_string(o)),
                              cat.tr("outcome." + std::string(model::to_string(o)))});
    for (auto r : model::kUnscoredReasons)
        p.reasons.push_back({std::string(model::to_string(r)),
                             cat.tr("unscored." + std::string(model::to_string(r)))});
    return p;
}

}  // namespace

MatrixView matrix_view(const Session& s, const i18n::Catalog& cat) {
    MatrixView v;
    const model::Assessment* a = s.assessment();
    const model::Client* c = s.client();
    if (a == nullptr || c == nullptr) return v;
    v.domain = s.state().domain;
    v.assessment_id = a->id;
    v.client_first_name = c->given_name;
    v.kind = cat.tr(model::kind_name_key(a->kind));
    v.domain_of = cat.format("matrix.domain_of", {{"n", std::int64_t(v.domain + 1)}});
    v.domain_name = cat.tr(zrm::domain_name_key(zrm::kDomains[static_cast<std::size_t>(v.domain)]));
    v.scored_line = cat.format("matrix.scored", {{"count", std::int64_t(a->scored_count())},
                                                 {"settled", std::int64_t(a->settled_count())}});
    v.previous_mark = cat.tr("matrix.previous");
    v.chosen_mark = cat.tr("matrix.chosen");
    v.acute_mark = cat.tr("matrix.acute");
    fill_strip(v, *a, cat);
    fill_cards(v, *a, s.previous(), cat);
    const auto& detail = a->details[static_cast<std::size_t>(v.domain)];
    v.panel = panel_for(detail, cat);
    v.details_label = cat.tr("detail.title");
    if (detail.unscored != model::UnscoredReason::none)
        v.unscored_line = cat.format(
            "matrix.unscored_line",
            {{"reason", cat.tr("unscored." + std::string(model::to_string(detail.unscored)))}});
    v.read_only = a->status != model::AssessmentStatus::draft;
    if (v.read_only) v.read_only_note = cat.tr("matrix.finished_note");
    v.can_prev = v.domain > 0;
    const bool last = v.domain == zrm::kDomainCount - 1;
    v.next_finishes = last && a->complete() && !v.read_only;
    v.prev_label = cat.tr("matrix.prev");
    v.next_label = cat.tr(v.next_finishes || last ? "matrix.done" : "matrix.next");
    v.lock_label = cat.tr("nav.lock");
    v.back_label = cat.tr("nav.back");
    if (!s.error_key().empty()) v.error = cat.tr(s.error_key());
    v.network_domain = zrm::kDomains[static_cast<std::size_t>(v.domain)] == "sociaal_netwerk";
    if (v.network_domain) {
        v.network_summary = network_summary_line(cat, model::summarise(s.network()));
        v.network_open = cat.tr("network.screen.open");
    }
    v.overview_open = cat.tr("overview.open");
    return v;
}

}  // namespace kt::present
