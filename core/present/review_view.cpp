// The client-mode view: every text in the client's language (plain.*, review.*), the worker's
// level in plain words, the client's answers and both signature pads.
#include "i18n/bidi.hpp"
#include "present/network_summary.hpp"
#include "present/views.hpp"

namespace kt::present {

namespace {

// Each language named in itself: the client finds their own without reading Dutch.
const std::vector<Option>& language_options() {
    static const std::vector<Option> list = {{"nl", "Nederlands"},
                                             {"en", "English"},
                                             {"tr", "Türkçe"},
                                             {"pl", "Polski"},
                                             {"ar", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"}};
    return list;
}

std::string plain_domain(const i18n::Catalog& c, std::size_t i, const std::string& what) {
    return c.tr("plain.domain." + std::string(zrm::kDomains[i]) + "." + what);
}

void fill_common(ReviewView& v, const Session& s, const i18n::Catalog& worker,
                 const i18n::Catalog& c) {
    auto t = [&](const char* key) { return c.tr(std::string("review.") + key); };
    v.locale = c.locale();
    v.rtl = i18n::is_rtl(v.locale);
    v.title = t("title");
    v.intro = t("intro");
    v.back_to_worker = t("back_to_worker");
    v.worker_pin = t("worker_pin");
    v.cancel = t("cancel");
    if (worker.locale() != c.locale()) v.worker_pin_own = worker.tr("review.worker_pin");
    v.languages = language_options();
    // Client mode's own messages (a wrong PIN, signatures missing) and a storage failure (a
    // full disk, an I/O error) that kept an answer, a signature or the seal from being stored.
    if (!s.error_key().empty()) v.error = c.tr(s.error_key());
}

void fill_domain(ReviewView& v, const Session& s, const model::Assessment& a,
                 const i18n::Catalog& c) {
    auto t = [&](const char* key) { return c.tr(std::string("review.") + key); };
    const auto d = static_cast<std::size_t>(s.state().domain);
    v.domain = s.state().domain;
    v.topic_of = c.format("review.topic_of",
                          {{"n", std::int64_t(d + 1)}, {"count", std::int64_t(zrm::kDomainCount)}});
    v.domain_name = plain_domain(c, d, "name");
    v.worker_chose = t("worker_chose");
    v.no_score = t("no_score");
    v.level = a.levels[d].value_or(0);
    if (v.level > 0) {
        v.level_name = c.tr("plain.level" + std::to_string(v.level));
        v.level_text = plain_domain(c, d, "level" + std::to_string(v.level));
    }
    v.agree = t("agree");
    v.disagree = t("disagree");
    v.own_level = t("own_level");
    v.own_words = t("own_words");
    v.read_aloud = t("read_aloud");
    v.previous = t("previous");
    v.next = t("next");
    v.answer = s.review().answers[d];
    for (int level = 1; level <= zrm::kMaxLevel; ++level) {
        auto& o = v.own_levels[std::size_t(level - 1)];
        o.level = level;
        o.name = c.tr("plain.level" + std::to_string(level));
        o.text = plain_domain(c, d, "level" + std::to_string(level));
        o.chosen = v.answer.own_level == level;
    }
    v.speech = v.domain_name + ". " + v.worker_chose + " " +
               (v.level > 0 ? v.level_name + ". " + v.level_text : v.no_score);
}

void fill_more(ReviewView& v, const Session& s, const model::Assessment& a,
               const i18n::Catalog& c) {
    auto t = [&](const char* key) { return c.tr(std::string("review.") + key); };
    v.network_title = t("network_title");
    v.network_summary = network_summary_line(c, model::summarise(s.network()));
    v.goals_title = t("goals_title");
    v.no_goals = t("no_goals");
    for (std::size_t i = 0; i < a.details.size(); ++i)
        if (a.details[i].goal) {
            v.goals.push_back(plain_domain(c, i, "name"));
            v.goal_domains.push_back(int(i));
        }
    v.network_agreed = s.review().network_agreed;
    v.goals_agreed = s.review().goals_agreed;
    v.agree = t("agree");
    v.disagree = t("disagree");
    v.read_aloud = t("read_aloud");
    v.previous = t("previous");
    v.next = t("next");
    v.speech = v.network_title + ". " + v.network_summary + ". " + v.goals_title + ". ";
    for (const auto& g : v.goals)
        v.speech += g + ". ";
}

}  // namespace

std::string refusal_line(const i18n::Catalog& c, const model::Signature& s) {
    const bool given = s.refusal_reason.find_first_not_of(" \t\r\n") != std::string::npos;
    // Typed words are isolated (U+2068 ... U+2069): their direction is their own, so a Latin
    // reason ending in a full stop keeps it at its end inside an Arabic sentence.
    return c.format("review.refused", {{"reason", given ? "\u2068" + s.refusal_reason + "\u2069"
                                                        : c.tr("review.no_reason")}});
}

namespace {

SignaturePadView pad(const model::Review& r, model::Signer signer, const std::string& title,
                     const i18n::Catalog& c) {
    SignaturePadView p;
    p.signer = signer;
    p.title = title;
    const model::Signature* s = r.signature(signer);
    if (signer == model::Signer::client && !s) s = r.signature(model::Signer::representative);
    if (!s) return p;
    p.signer = s->signer;
    p.strokes = s->strokes;
    p.refused = s->refused;
    p.signed_ = !s->refused;
    if (s->refused) p.refusal = refusal_line(c, *s);
    return p;
}

void fill_sign(ReviewView& v, const Session& s, const i18n::Catalog& c) {
    auto t = [&](const char* key) { return c.tr(std::string("review.") + key); };
    for (auto [field, key] : {std::pair{&v.sign_title, "sign_title"},
                              {&v.sign_intro, "sign_intro"},
                              {&v.sign_here, "sign_here"},
                              {&v.as_representative, "as_representative"},
                              {&v.representative_role, "representative_role"},
                              {&v.clear, "clear"},
                              {&v.refuse, "refuse"},
                              {&v.refuse_reason, "refuse_reason"},
                              {&v.seal, "seal"},
                              {&v.seal_needs, "seal_needs"},
                              {&v.sealed, "sealed"},
                              {&v.previous, "previous"}})
        *field = t(key);
    v.client_pad = pad(s.review(), model::Signer::client, t("sign_client"), c);
    v.worker_pad = pad(s.review(), model::Signer::worker, t("sign_worker"), c);
    v.ready = model::ready_to_seal(s.review());
    v.is_sealed = s.assessment() && s.assessment()->sealed();
    if (v.is_sealed && s.seal_info())
        v.seal_code =
            c.format("review.seal_code", {{"code", s.seal_info()->content_hash.substr(0, 8)}});
    v.speech = v.sign_title + " " + v.sign_intro;
}

}  // namespace

ReviewView review_view(const Session& s, const i18n::Catalog& worker, const i18n::Catalog& c) {
    ReviewView v;
    fill_common(v, s, worker, c);
    v.lock = worker.tr("nav.lock");
    const model::Assessment* a = s.assessment();
    if (a == nullptr) return v;
    v.assessment_id = a->id;
    switch (s.state().step) {
        case flow::Step::review:
            fill_domain(v, s, *a, c);
            break;
        case flow::Step::review_more:
            fill_more(v, s, *a, c);
            break;
        case flow::Step::sign:
            fill_sign(v, s, c);
            break;
        default:
            break;
    }
    return v;
}

}  // namespace kt::present
