#include <ctime>

#include "present/views.hpp"

namespace kt::present {

namespace {

// "Aanwezig: cliënt, vertegenwoordiger of zaakwaarnemer (bewindvoerder)"; the role words are
// the setup screen's own (role.*), the detail the worker typed there.
std::string present_line(const model::Assessment& a, const i18n::Catalog& cat) {
    if (a.present.empty()) return {};
    std::vector<std::string> items;
    for (const auto& p : a.present) {
        items.push_back(cat.tr("role." + std::string(model::to_string(p.role))));
        if (!p.detail.empty()) items.back() += " (" + p.detail + ")";
    }
    return cat.format("client.present", {{"list", cat.list(items)}});
}

AssessmentLine line_for(const model::Assessment& a, const i18n::Catalog& cat) {
    AssessmentLine l;
    l.id = a.id;
    l.text = cat.format("client.line", {{"kind", cat.tr(model::kind_name_key(a.kind))},
                                        {"date", cat.date(a.started_at)},
                                        {"scored", std::int64_t(a.scored_count())}});
    l.status = cat.tr("assessment.status." + std::string(model::to_string(a.status)));
    l.present = present_line(a, cat);
    l.resumable = a.status == model::AssessmentStatus::draft;
    l.can_hand_over = a.status == model::AssessmentStatus::finished && !a.sealed();
    if (a.sealed()) l.status = cat.tr("assessment.status.sealed");
    // A correction after sealing becomes the next version; the sealed one stays verifiable.
    l.can_reopen = a.sealed();
    l.can_copy = a.sealed();
    return l;
}

std::string household_line(const model::Client& c, const i18n::Catalog& cat) {
    if (c.household.empty()) return cat.tr("client.lives_alone");
    std::vector<std::string> items;
    for (const auto& m : c.household)
        items.push_back(cat.tr("relation." + std::string(model::to_string(m.relation))) + " (" +
                        std::to_string(m.age) + ")");
    const std::string list = cat.list(items);
    return cat.format("client.household",
                      {{"list", list}, {"children", std::int64_t(c.children())}});
}

std::string consent_line(const model::Client& c, const i18n::Catalog& cat) {
    std::string list;
    for (auto p : model::kConsentPurposes) {
        const model::Consent* k = c.consent(p);
        if (!list.empty()) list += " \u00b7 ";
        list += cat.tr("consent.short." + std::string(model::to_string(p))) + ": " +
                cat.tr(!k         ? "consent.unknown"
                       : k->given ? "consent.yes"
                                  : "consent.no");
    }
    return cat.format("client.consent", {{"list", list}});
}

// The next measurement falls `interval` months after the latest finished one.
std::string next_measure_line(const Session& s, const i18n::Catalog& cat) {
    for (const auto& a : s.client_assessments()) {
        if (a.status != model::AssessmentStatus::finished) continue;
        const time_t t = static_cast<time_t>(a.started_at);
        tm parts{};
        gmtime_r(&t, &parts);
        parts.tm_mon += s.settings().interval_months;
        const auto due = static_cast<std::int64_t>(timegm(&parts));
        const char* key = due < s.clock().now_utc() ? "client.next_overdue" : "client.next";
        return cat.format(key, {{"date", cat.date(due)}});
    }
    return cat.tr("client.next_none");
}

}  // namespace

ClientView client_view(const Session& s, const i18n::Catalog& cat) {
    ClientView v;
    v.heading = cat.tr("client.assessments");
    v.none = cat.tr("client.none");
    v.resume = cat.tr("client.resume");
    v.hand_over = cat.tr("review.handover");
    v.reopen = cat.tr("client.reopen");
    v.copy = cat.tr("client.copy");
    v.copy_where = cat.tr("client.copy_where");
    v.copy_none = cat.tr("client.copy_none");
    v.copy_rescan = cat.tr("client.copy_rescan");
    v.copy_cancel = cat.tr("form.cancel");
    v.back = cat.tr("nav.back");
    v.lock = cat.tr("nav.lock");
    const model::Client* c = s.client();
    if (c == nullptr) return v;
    v.name = model::full_name(*c);
    v.edit = cat.tr("client.edit");
    v.details = c->wijk + (c->team.empty() ? "" : " \u00b7 " + c->team);
    v.household = household_line(*c, cat);
    v.consent = consent_line(*c, cat);
    v.next_measure = next_measure_line(s, cat);
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
