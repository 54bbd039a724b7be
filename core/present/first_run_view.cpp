// The first run's view models: one page of the setup at a time, and the sign-up page after.
#include "crypto/passphrase_rule.hpp"
#include "present/views.hpp"

namespace kt::present {

namespace {

using Page = Session::SetupPage;

int page_number(Page p) {
    switch (p) {
        case Page::welcome:
            return 1;
        case Page::worker:
            return 2;
        case Page::passphrase:
            return 3;
        case Page::pin:
            return 4;
    }
    return 1;
}

std::string page_title(Page p, const i18n::Catalog& cat) {
    switch (p) {
        case Page::welcome:
            return cat.tr("first_run.welcome.title");
        case Page::worker:
            return cat.tr("first_run.worker.title");
        case Page::passphrase:
            return cat.tr("first_run.passphrase.title");
        case Page::pin:
            return cat.tr("first_run.pin.title");
    }
    return {};
}

// The meter under the passphrase field: its score, and in plain words what is missing.
void strength(FirstRunView& v, const Session& s, const i18n::Catalog& cat, std::string_view typed) {
    if (typed.empty()) return;
    const auto& worker = s.first_run().worker;
    const auto verdict = crypto::judge_passphrase(typed, {worker.name, worker.team});
    v.strength = verdict.score;
    v.strong_enough = verdict.ok;
    v.strength_line = cat.format(
        "first_run.passphrase.strength",
        {{"label", cat.tr("first_run.passphrase.strength" + std::to_string(verdict.score))}});
    v.advice = verdict.ok ? cat.tr("first_run.passphrase.ok")
                          : cat.format(verdict.reason_key,
                                       {{"min", std::int64_t(crypto::kMinPassphraseChars)}});
}

// The last intent's message when it came from this step (a refusal, a failed create), or a
// notice from the start (Session::note).
std::string outcome_text(const Session& s, const i18n::Catalog& cat) {
    const Outcome& last = s.outcome();
    if (!last.shown_at(flow::Step::first_run)) return {};
    if (last.key.rfind("passphrase.rule.", 0) == 0)
        return cat.format(last.key, {{"min", std::int64_t(crypto::kMinPassphraseChars)}});
    return cat.tr(last.key);
}

}  // namespace

FirstRunView first_run_view(const Session& s, const i18n::Catalog& cat, std::string_view typed) {
    FirstRunView v;
    v.page = s.first_run().page;
    v.title = page_title(v.page, cat);
    v.step_line = cat.format("first_run.step", {{"n", std::int64_t(page_number(v.page))}});
    v.back = cat.tr("first_run.back");
    v.next = cat.tr("first_run.next");
    v.error = outcome_text(s, cat);
    v.what = cat.tr("first_run.welcome.what");
    v.where = cat.tr("first_run.welcome.where");
    v.place = cat.format("first_run.welcome.place", {{"path", s.vault_path().string()}});
    v.steps = cat.tr("first_run.welcome.steps");
    v.start = cat.tr("first_run.welcome.start");
    v.worker_hint = cat.tr("first_run.worker.hint");
    v.name_label = cat.tr("first_run.worker.name");
    v.team_label = cat.tr("first_run.worker.team");
    v.worker = s.first_run().worker;
    v.pass_hint = cat.format("first_run.passphrase.hint",
                             {{"min", std::int64_t(crypto::kMinPassphraseChars)}});
    v.pass_first = cat.tr("first_run.passphrase.first");
    v.pass_repeat = cat.tr("first_run.passphrase.repeat");
    if (v.page == Page::passphrase) strength(v, s, cat, typed);
    v.pin_hint = cat.tr("first_run.pin.hint");
    v.pin_first = cat.tr("pin.first");
    v.pin_repeat = cat.tr("pin.repeat");
    v.create = cat.tr("first_run.pin.create");
    return v;
}

FirstEnrollView first_enroll_view(const Session& s, const i18n::Catalog& cat) {
    FirstEnrollView v;
    v.title = cat.tr("first_run.enroll.title");
    v.hint = cat.tr("first_run.enroll.hint");
    v.later = cat.tr("first_run.enroll.later");
    v.next = cat.tr("first_run.enroll.next");
    v.enrolled = s.sync_panel().enrolled;
    return v;
}

}  // namespace kt::present
