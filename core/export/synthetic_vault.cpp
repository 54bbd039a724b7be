#include "export/synthetic_vault.hpp"

#include "model/review.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/network.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"

namespace kt::monitoring {

namespace {

// Stops at the first failing store call, keeping its error.
#define KT_TRY(expr)                          \
    do {                                      \
        if (auto kt_s = (expr); !kt_s.ok()) { \
            return kt_s.error();              \
        }                                     \
    } while (0)

// "dd-mm-yyyy" → "yyyy-mm-dd" (the vault's form).
std::string iso_date(const std::string& dutch) {
    if (dutch.size() != 10) return {};
    return dutch.substr(6, 4) + "-" + dutch.substr(3, 2) + "-" + dutch.substr(0, 2);
}

std::vector<model::HouseholdMember> household_of(const std::string& type) {
    using model::Relation;
    if (type == "partner") return {{Relation::partner, 50}};
    if (type == "children") return {{Relation::child, 9}, {Relation::partner, 41}};
    if (type == "other") return {{Relation::parent, 72}};
    return {};
}

Result<std::string> add_synthetic_client(store::Database& db, const SyntheticIdentity& who,
                                         const Measurement& m) {
    model::Client c;
    c.given_name = who.given_name;
    c.family_name = who.family_name;
    c.birth_date = iso_date(who.birth_date);
    c.wijk = m.wijk;
    c.team = m.team;
    c.household = household_of(m.household);
    return store::add_client(db, c, m.sealed_at);
}

// Every identifying string of the client, as free text a worker might type.
std::string identifying_note(const SyntheticIdentity& who) {
    return who.note + " BSN " + who.bsn + ", geboren " + who.birth_date + ", " + who.postcode +
           ", tel. " + who.phone + ", " + who.email + ".";
}

Status score(store::Database& db, const std::string& id, const Measurement& m,
             const SyntheticIdentity& who) {
    for (int d = 0; d < zrm::kDomainCount; ++d) {
        const auto i = std::size_t(d);
        model::DomainDetail detail;
        detail.goal = m.goals[i];
        if (d == 0) detail.note = identifying_note(who);
        if (!m.levels[i])
            detail.unscored = m.unscored_reason[i].empty()
                                  ? model::UnscoredReason::not_discussed
                                  : model::reason_from_string(m.unscored_reason[i]);
        if (detail.unscored == model::UnscoredReason::none && !m.levels[i])
            detail.unscored = model::UnscoredReason::not_discussed;
        KT_TRY(store::set_domain_detail(db, id, d, detail, m.sealed_at));
        if (m.levels[i]) KT_TRY(store::set_score(db, id, d, *m.levels[i], m.sealed_at));
    }
    return {};
}

// The network map as the counts say: supportive people give practical help, hindering ones
// hinder, overloaded carers give care with an overloaded load; labels carry the family name.
Status network(store::Database& db, const std::string& id, const Measurement& m,
               const SyntheticIdentity& who) {
    auto map = store::load_network(db, id);
    if (!map) return map.error();
    for (const auto& p : map->people)
        KT_TRY(store::remove_person(db, id, p.id, m.sealed_at));
    for (int n = 0; n < std::min(m.network_people, 12); ++n) {
        model::NetworkPerson p;
        p.label = (n == 0 ? "Buurvrouw " : "Contact ") + who.family_name;
        p.kind = n == 0 ? model::PersonKind::neighbour : model::PersonKind::other_family;
        if (n < m.network_supportive) p.set(model::Give::practical, true);
        if (n >= m.network_people - m.network_hindering) p.hinders = true;
        if (n < m.network_overloaded_carers) {
            p.set(model::Give::care, true);
            p.carer_load = model::CarerLoad::overloaded;
        }
        auto added = store::add_person(db, id, p, m.sealed_at);
        if (!added) return added.error();
    }
    return {};
}

Status review_and_sign(store::Database& db, const std::string& id, const Measurement& m,
                       const SyntheticIdentity& who) {
    using model::Agreement;
    for (int d = 0; d < zrm::kDomainCount; ++d) {
        const auto& agrees = m.client_agrees[std::size_t(d)];
        if (!agrees) continue;
        model::DomainAnswer a{*agrees ? Agreement::agree : Agreement::disagree, std::nullopt, ""};
        if (!*agrees) a.own_words = "Volgens " + who.given_name + " klopt dit niet.";
        KT_TRY(store::set_answer(db, id, d, a, m.sealed_at));
    }
    KT_TRY(store::set_network_agreement(db, id, Agreement::agree, m.sealed_at));
    KT_TRY(store::set_goals_agreement(db, id, Agreement::agree, m.sealed_at));
    model::Signature client, worker;
    client.signer = model::Signer::client;
    client.strokes = {{{{0.1f, 0.6f}, {0.4f, 0.3f}, {0.6f, 0.5f}}}};
    worker.signer = model::Signer::worker;
    worker.strokes = {{{{0.2f, 0.5f}, {0.7f, 0.4f}}}};
    KT_TRY(store::save_signature(db, id, client, m.sealed_at));
    return store::save_signature(db, id, worker, m.sealed_at);
}

Status seal(store::Database& db, const std::string& id, const Measurement& m,
            const std::string& bundle) {
    const store::SealContext context{std::string(store::app_version()), bundle,
                                     std::string(zrm::kInstrumentVersion), "passphrase"};
    auto sealed = store::seal_assessment(db, id, context, m.sealed_at);
    if (!sealed) return sealed.error();
    return {};
}

struct Writer {
    store::Database& db;
    const SynthOptions& options;
    const std::string& bundle;
    SynthCounts counts;
    std::string synthetic_ref, vault_client, generated_uuid, assessment_id;
    SyntheticIdentity who;

    Status start(const Measurement& m) {
        if (m.client_ref != synthetic_ref) {
            who = synthetic_identity(options.seed, counts.clients++);
            synthetic_ref = m.client_ref;
            auto c = add_synthetic_client(db, who, m);
            if (!c) return c.error();
            vault_client = c.value();
        }
        if (m.version > 1 && m.assessment_uuid == generated_uuid)
            return store::reopen_sealed(db, assessment_id, m.sealed_at);
        const auto kind = model::kind_from_string(m.kind);
        if (!kind) return make_error(ErrorCode::usage, "unknown assessment kind");
        auto a = store::start_assessment(db, vault_client, *kind, m.sealed_at);
        if (!a) return a.error();
        assessment_id = a.value();
        generated_uuid = m.assessment_uuid;
        return {};
    }

    Status add(const Measurement& m) {
        KT_TRY(start(m));
        KT_TRY(score(db, assessment_id, m, who));
        KT_TRY(network(db, assessment_id, m, who));
        KT_TRY(store::finish_assessment(db, assessment_id, m.sealed_at));
        KT_TRY(review_and_sign(db, assessment_id, m, who));
        KT_TRY(seal(db, assessment_id, m, bundle));
        ++counts.seals;
        return {};
    }
};

#undef KT_TRY

}  // namespace

Result<SynthCounts> write_synthetic_vault(store::Database& db, const SynthOptions& options,
                                          const std::string& bundle_sha256) {
    Writer w{db, options, bundle_sha256, {}, {}, {}, {}, {}, {}};
    Status failed;
    auto s = for_each_synthetic(options, [&](const Measurement& m) {
        failed = w.add(m);
        return failed.ok();
    });
    if (!s) return s.error();
    if (!failed) return failed.error();
    return w.counts;
}

}  // namespace kt::monitoring
