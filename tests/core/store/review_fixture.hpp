// A vault with one finished assessment (scores, details, a network map) ready for review,
// shared by the review and seal tests.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "model/review.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/network.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "support/test_support.hpp"

namespace kt::test {

inline model::Signature drawn(model::Signer who, float offset = 0) {
    model::Signature s;
    s.signer = who;
    s.strokes = {{{{0.1f + offset, 0.2f}, {0.35f, 0.6f}, {0.5f, 0.25f}}},
                 {{{0.6f, 0.5f}, {0.9f + offset / 2, 0.55f}}}};
    if (who == model::Signer::representative) s.role = "bewindvoerder";
    return s;
}

inline model::Signature refusal(const char* reason) {
    model::Signature s;
    s.signer = model::Signer::client;
    s.refused = true;
    s.refusal_reason = reason;
    return s;
}

struct ReviewFixture {
    TempDir dir;
    store::Vault vault = create_test_vault(dir / "v.ktv", kt::test::kPassphrase);
    std::string client = add_client();
    std::string id = finished_assessment(1000);

    std::string add_client() {
        auto c = store::add_client(vault.db(),
                                   {"", "IJsbrand", "van", "Dijk", "", "Centrum", "", {}, {}}, 100);
        REQUIRE(c.ok());
        return c.value();
    }
    std::string finished_assessment(std::int64_t at) {
        auto& db = vault.db();
        auto a = store::start_assessment(db, client, model::AssessmentKind::intake, at);
        REQUIRE(a.ok());
        for (int d = 0; d < zrm::kDomainCount - 1; ++d)
            REQUIRE(store::set_score(db, a.value(), d, 1 + d % 5, at).ok());
        model::DomainDetail detail;
        detail.note = "Huur achter";
        detail.hulpvraag = "Hulp bij post";
        detail.goal = true;
        detail.share_own = 50, detail.share_network = 30, detail.share_professional = 20;
        detail.outcome = model::Outcome::netwerk;
        REQUIRE(store::set_domain_detail(db, a.value(), 0, detail, at).ok());
        model::DomainDetail unscored;
        unscored.unscored = model::UnscoredReason::not_discussed;
        REQUIRE(store::set_domain_detail(db, a.value(), 12, unscored, at).ok());
        model::NetworkPerson p;
        p.label = "dochter";
        p.kind = model::PersonKind::child;
        p.gives = unsigned(model::Give::practical);
        REQUIRE(store::add_person(db, a.value(), p, at).ok());
        REQUIRE(store::finish_assessment(db, a.value(), at + 60).ok());
        return a.value();
    }
    // Answers on two domains, both agreements, and both signatures.
    void review_and_sign(std::int64_t at = 2000) {
        auto& db = vault.db();
        REQUIRE(store::set_review_locale(db, id, "tr", at).ok());
        REQUIRE(store::set_answer(db, id, 0, {model::Agreement::agree, {}, ""}, at).ok());
        REQUIRE(
            store::set_answer(db, id, 3, {model::Agreement::disagree, 2, "Gaat beter"}, at).ok());
        REQUIRE(store::set_network_agreement(db, id, model::Agreement::agree, at).ok());
        REQUIRE(store::set_goals_agreement(db, id, model::Agreement::disagree, at).ok());
        REQUIRE(store::save_signature(db, id, drawn(model::Signer::client), at).ok());
        REQUIRE(store::save_signature(db, id, drawn(model::Signer::worker, 0.05f), at).ok());
    }
    static store::SealContext context() {
        return {"0.1.0", std::string(64, 'a'), "ZRM-2017", "pin"};
    }
    store::SealInfo seal(std::int64_t at = 3000) {
        auto info = store::seal_assessment(vault.db(), id, context(), at);
        INFO((info.ok() ? "" : info.error().detail));
        REQUIRE(info.ok());
        return info.value();
    }
    store::SealCheck verify() {
        auto c = store::verify_sealed(vault.db());
        REQUIRE(c.ok());
        return c.value();
    }
};

}  // namespace kt::test
