// What the client's copy says: read from the vault, put into the client's words (plain.*,
// review.*, copy.*). No drawing here (report/ draws it).
#include <memory>

#include "present/client_copy.hpp"

#include "i18n/bidi.hpp"
#include "i18n/catalog.hpp"
#include "model/client.hpp"
#include "model/network.hpp"
#include "present/network_summary.hpp"
#include "present/views.hpp"
#include "store/assessments.hpp"
#include "store/audit.hpp"
#include "store/clients.hpp"
#include "store/network.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "store/worker.hpp"

namespace kt::present {

namespace {

using Cat = i18n::Catalog;

// Words the client, the worker or a representative typed, in whatever language: isolated
// (U+2068 ... U+2069) so that their direction is their own, and "Gaat beter." keeps its full
// stop at its end inside an Arabic sentence.
std::string isolate(const std::string& typed) {
    return "\u2068" + typed + "\u2069";
}

std::string plain(const Cat& c, std::size_t domain, const std::string& what) {
    return c.tr("plain.domain." + std::string(zrm::kDomains[domain]) + "." + what);
}

std::string level_words(const Cat& c, int level) {
    return c.format("copy.level", {{"level", std::int64_t(level)},
                                   {"max", std::int64_t(zrm::kMaxLevel)},
                                   {"name", c.tr("plain.level" + std::to_string(level))}});
}

std::string view_line(const Cat& c, model::Agreement a) {
    switch (a) {
        case model::Agreement::agree:
            return c.tr("copy.client_agrees");
        case model::Agreement::disagree:
            return c.tr("copy.client_disagrees");
        default:
            return c.tr("copy.no_answer");
    }
}

CopyDomain domain(const Cat& c, const model::Assessment& a, const model::Review& r, std::size_t i) {
    CopyDomain d;
    d.name = plain(c, i, "name");
    d.level = a.levels[i].value_or(0);
    d.level_line = d.level > 0 ? level_words(c, d.level) : c.tr("review.no_score");
    if (d.level > 0) d.level_text = plain(c, i, "level" + std::to_string(d.level));
    const model::DomainAnswer& answer = r.answers[i];
    d.view = view_line(c, answer.agreement);
    if (answer.agreement == model::Agreement::disagree && answer.own_level) {
        const int own = *answer.own_level;
        d.own_level =
            c.format("copy.own_level", {{"level", std::int64_t(own)},
                                        {"max", std::int64_t(zrm::kMaxLevel)},
                                        {"name", c.tr("plain.level" + std::to_string(own))}});
    }
    if (!answer.own_words.empty())
        d.own_words = c.format("copy.own_words", {{"words", isolate(answer.own_words)}});
    return d;
}

CopySignature signature(const Cat& c, const model::Review& r, model::Signer who) {
    CopySignature s;
    s.title = c.tr(who == model::Signer::worker ? "review.sign_worker" : "review.sign_client");
    const model::Signature* sig = r.signature(who);
    if (!sig && who == model::Signer::client) sig = r.signature(model::Signer::representative);
    if (!sig) return s;
    if (sig->refused) {
        s.note = present::refusal_line(c, *sig);
        return s;
    }
    s.strokes = sig->strokes;
    s.note = c.format("copy.signed_on", {{"date", c.date(sig->signed_at)}});
    if (sig->signer == model::Signer::representative)
        s.note = c.format("copy.representative", {{"role", isolate(sig->role)}}) + "\n" + s.note;
    return s;
}

void fill_header(ClientCopy& copy, const Cat& c, const model::Client& client,
                 const model::Assessment& a, std::int64_t now) {
    copy.locale = c.locale();
    copy.rtl = i18n::is_rtl(copy.locale);
    copy.app_name = c.tr("app.name");
    copy.title = c.tr("copy.title");
    copy.pdf_title = copy.app_name + " - " + copy.title;
    copy.client_name = isolate(model::full_name(client));
    copy.date_line = c.format("copy.date_line", {{"date", c.date(a.started_at)}});
    copy.intro = c.tr("copy.intro");
    copy.made_on = c.format("copy.made_on", {{"date", c.date(now)}});
    auto shared = std::make_shared<Cat>(c);
    copy.page_label = [shared](int page, int count) {
        return shared->format("copy.page",
                              {{"page", std::int64_t(page)}, {"count", std::int64_t(count)}});
    };
}

void fill_chart(ClientCopy& copy, const Cat& c, const model::Assessment& a,
                const std::optional<model::Assessment>& previous) {
    copy.chart_title = c.tr("copy.chart_title");
    copy.chart_hint = c.format("copy.chart_hint", {{"low", std::int64_t(zrm::kMinLevel)},
                                                   {"high", std::int64_t(zrm::kMaxLevel)}});
    copy.legend_now = c.format("copy.now", {{"date", c.date(a.started_at)}});
    std::vector<std::string> unscored;
    for (std::size_t i = 0; i < zrm::kDomainCount; ++i) {
        copy.chart_labels[i] = plain(c, i, "name");
        copy.levels[i] = a.levels[i];
        if (!a.levels[i]) unscored.push_back(copy.chart_labels[i]);
    }
    if (!unscored.empty())
        copy.unscored_line = c.format("copy.unscored", {{"list", c.list(unscored)}});
    if (!previous) return;
    copy.legend_previous = c.format("copy.previous", {{"date", c.date(previous->started_at)}});
    RadarLevels before{};
    for (std::size_t i = 0; i < zrm::kDomainCount; ++i)
        before[i] = previous->levels[i];
    copy.previous = before;
}

void fill_review(ClientCopy& copy, const Cat& c, const model::Assessment& a, const model::Review& r,
                 const model::NetworkMap& network) {
    copy.domains_title = c.tr("copy.domains_title");
    copy.worker_chose = c.tr("review.worker_chose");
    copy.own_view_title = c.tr("copy.own_view");
    for (std::size_t i = 0; i < zrm::kDomainCount; ++i)
        copy.domains.push_back(domain(c, a, r, i));
    copy.goals_title = c.tr("review.goals_title");
    for (std::size_t i = 0; i < zrm::kDomainCount; ++i)
        if (a.details[i].goal) {
            copy.goals.push_back(plain(c, i, "name"));
            copy.goal_domains.push_back(int(i));
        }
    copy.no_goals = c.tr("review.no_goals");
    copy.goals_view = view_line(c, r.goals_agreed);
    copy.network_title = c.tr("review.network_title");
    copy.network_line = network_summary_line(c, model::summarise(network));
    copy.network_view = view_line(c, r.network_agreed);
    copy.signatures_title = c.tr("copy.signatures_title");
    copy.client = signature(c, r, model::Signer::client);
    copy.worker = signature(c, r, model::Signer::worker);
}

// The assessment when it is sealed, else invalid_state.
Result<model::Assessment> sealed_assessment(store::Database& db, std::string_view id) {
    auto a = store::load_assessment(db, id);
    if (!a) return a.error();
    if (!a->sealed())
        return make_error(ErrorCode::invalid_state, "the client's copy needs a sealed assessment");
    return a;
}

Result<std::string> copy_locale(store::Database& db, std::string_view id, std::string_view asked) {
    if (!asked.empty()) {
        if (!model::is_review_locale(asked))
            return make_error(ErrorCode::usage, "not a client language");
        return std::string(asked);
    }
    auto review = store::load_review(db, id);
    if (!review) return review.error();
    return review->locale;
}

}  // namespace

Result<ClientCopy> client_copy(store::Database& db, std::string_view assessment_id,
                               std::string_view locale, std::int64_t now) {
    auto a = sealed_assessment(db, assessment_id);
    if (!a) return a.error();
    auto seal = store::latest_seal(db, assessment_id);
    if (!seal) return seal.error();
    if (!seal->has_value()) return make_error(ErrorCode::invalid_state, "no sealed version");
    auto loc = copy_locale(db, assessment_id, locale);
    if (!loc) return loc.error();
    auto cat = i18n::Catalog::open(i18n::default_bundle_dir(), loc.value());
    if (!cat) return cat.error();
    auto client = store::get_client(db, a->client_id);
    auto review = store::load_review(db, assessment_id);
    auto network = store::load_network(db, assessment_id);
    auto previous = store::previous_assessment(db, a.value());
    if (!client) return client.error();
    if (!review) return review.error();
    if (!network) return network.error();
    if (!previous) return previous.error();
    ClientCopy copy;
    fill_header(copy, cat.value(), client.value(), a.value(), now);
    if (auto w = store::load_worker(db); w && !w->name.empty())
        copy.worker_line = w->team.empty() ? cat->format("copy.worker", {{"name", w->name}})
                                           : cat->format("copy.worker_team",
                                                         {{"name", w->name}, {"team", w->team}});
    fill_chart(copy, cat.value(), a.value(), previous.value());
    fill_review(copy, cat.value(), a.value(), review.value(), network.value());
    const store::SealInfo& info = seal->value();
    copy.seal_line = cat->format("copy.seal_line", {{"date", cat->date(info.sealed_at)},
                                                    {"code", info.content_hash.substr(0, 8)}});
    copy.seal_hint = cat->tr("copy.seal_hint");
    copy.seal_code = info.content_hash.substr(0, 8);
    return copy;
}

void note_copy_saved(store::Database& db, std::string_view assessment_id, std::int64_t now) {
    (void)store::audit_event(db, "export", assessment_id, "ok", now);
}

}  // namespace kt::present
