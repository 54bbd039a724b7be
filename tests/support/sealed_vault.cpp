#include "support/sealed_vault.hpp"

#include <catch2/catch.hpp>

#include "model/review.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/network.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"

namespace kt::test {

namespace {

std::string new_client(store::Database& db, const std::string& marker, int n, std::int64_t at) {
    model::Client c;
    c.given_name = "Anna" + marker;
    c.family_name = "Öztürk" + marker;
    c.birth_date = std::to_string(1940 + n % 60) + "-03-0" + std::to_string(1 + n % 9);
    c.wijk = n % 2 ? "Centrum" : "Noord";
    c.team = "Oost";
    if (n % 3 == 0) c.household.push_back({model::Relation::partner, 50});
    auto id = store::add_client(db, c, at);
    REQUIRE(id.ok());
    return id.value();
}

void score_and_finish(store::Database& db, const std::string& id, const std::string& marker,
                      std::int64_t at) {
    for (int d = 0; d < zrm::kDomainCount; ++d)
        REQUIRE(store::set_score(db, id, d, 1 + (d + int(at)) % 5, at).ok());
    model::DomainDetail detail;
    detail.note = "Notitie " + marker;
    detail.hulpvraag = "Hulpvraag " + marker;
    detail.goal = true;
    REQUIRE(store::set_domain_detail(db, id, 0, detail, at).ok());
    model::NetworkPerson p;
    p.label = "Buurvrouw " + marker;
    p.kind = model::PersonKind::neighbour;
    REQUIRE(store::add_person(db, id, p, at).ok());
    REQUIRE(store::finish_assessment(db, id, at).ok());
}

void review_sign_seal(store::Database& db, const std::string& id, const std::string& marker,
                      std::int64_t at) {
    using model::Agreement;
    REQUIRE(
        store::set_answer(db, id, 1, {Agreement::disagree, 3, "Eigen woorden " + marker}, at).ok());
    REQUIRE(store::set_network_agreement(db, id, Agreement::agree, at).ok());
    REQUIRE(store::set_goals_agreement(db, id, Agreement::agree, at).ok());
    model::Signature client, worker;
    client.signer = model::Signer::client;
    client.strokes = {{{{0.1f, 0.6f}, {0.4f, 0.3f}}}};
    worker.signer = model::Signer::worker;
    worker.strokes = {{{{0.2f, 0.5f}, {0.7f, 0.4f}}}};
    REQUIRE(store::save_signature(db, id, client, at).ok());
    REQUIRE(store::save_signature(db, id, worker, at).ok());
    const store::SealContext context{"0.1.0", std::string(64, 'a'), "ZRM-2017", "passphrase"};
    auto sealed = store::seal_assessment(db, id, context, at);
    INFO((sealed.ok() ? "" : sealed.error().detail));
    REQUIRE(sealed.ok());
}

}  // namespace

std::vector<SealedAssessment> add_sealed_assessments(store::Database& db, int count,
                                                     std::int64_t start) {
    std::vector<SealedAssessment> out;
    for (int n = 0; n < count; ++n) {
        const std::int64_t at = start + n;
        const std::string marker = "MRK" + std::to_string(n) + "Ö";
        const std::string client = new_client(db, marker, n, at);
        auto a = store::start_assessment(db, client, model::AssessmentKind::intake, at);
        REQUIRE(a.ok());
        score_and_finish(db, a.value(), marker, at);
        review_sign_seal(db, a.value(), marker, at);
        out.push_back({client, a.value(), marker});
    }
    return out;
}

}  // namespace kt::test
