// The client's review and signatures in the vault: only on a finished, unsealed assessment,
// bad input refused, every change audited without personal data.
#include "store/review.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "review_fixture.hpp"
#include "store/audit.hpp"

using kt::ErrorCode;
using kt::model::Agreement;
using kt::model::Signer;
namespace store = kt::store;
namespace model = kt::model;

TEST_CASE_METHOD(kt::test::ReviewFixture, "a new review shows Dutch and no answers") {
    auto r = store::load_review(vault.db(), id);
    REQUIRE(r.ok());
    CHECK(r->locale == "nl");
    CHECK(r->signatures.empty());
    for (const auto& a : r->answers)
        CHECK(a == model::DomainAnswer{});
    CHECK_FALSE(model::ready_to_seal(r.value()));
    CHECK(store::load_review(vault.db(), "no-such-id").error().code == ErrorCode::not_found);
}

TEST_CASE_METHOD(kt::test::ReviewFixture, "answers agreements and the language are kept") {
    review_and_sign();
    auto r = store::load_review(vault.db(), id);
    REQUIRE(r.ok());
    CHECK(r->locale == "tr");
    CHECK(r->answers[0] == model::DomainAnswer{Agreement::agree, {}, ""});
    CHECK(r->answers[3] == model::DomainAnswer{Agreement::disagree, 2, "Gaat beter"});
    CHECK(r->network_agreed == Agreement::agree);
    CHECK(r->goals_agreed == Agreement::disagree);
    REQUIRE(r->signatures.size() == 2);
    CHECK(r->signatures[0].signer == Signer::client);
    CHECK(r->signatures[1].signer == Signer::worker);
    CHECK(r->signatures[0].signed_at == 2000);
    CHECK(model::ready_to_seal(r.value()));
}

TEST_CASE_METHOD(kt::test::ReviewFixture,
                 "a draft cannot be reviewed and neither can a sealed one") {
    const std::string draft = [&] {
        auto a =
            store::start_assessment(vault.db(), client, model::AssessmentKind::voortgang, 5000);
        REQUIRE(a.ok());
        return a.value();
    }();
    CHECK(store::set_review_locale(vault.db(), draft, "en", 1).error().code ==
          ErrorCode::invalid_state);
    CHECK(
        store::save_signature(vault.db(), draft, kt::test::drawn(Signer::worker), 1).error().code ==
        ErrorCode::invalid_state);
    review_and_sign();
    seal();
    CHECK(store::set_answer(vault.db(), id, 1, {Agreement::agree, {}, ""}, 1).error().code ==
          ErrorCode::invalid_state);
    CHECK(store::clear_signature(vault.db(), id, Signer::client, 1).error().code ==
          ErrorCode::invalid_state);
    CHECK(store::set_goals_agreement(vault.db(), id, Agreement::agree, 1).error().code ==
          ErrorCode::invalid_state);
}

TEST_CASE_METHOD(kt::test::ReviewFixture, "bad answers are usage errors and change nothing") {
    auto& db = vault.db();
    CHECK(store::set_answer(db, id, 13, {}, 1).error().code == ErrorCode::usage);
    CHECK(store::set_answer(db, id, -1, {}, 1).error().code == ErrorCode::usage);
    for (int level : {0, 6, -1})
        CHECK(store::set_answer(db, id, 0, {Agreement::disagree, level, ""}, 1).error().code ==
              ErrorCode::usage);
    CHECK(store::set_answer(db, id, 0, {Agreement::agree, 3, ""}, 1).error().code ==
          ErrorCode::usage);
    CHECK(store::set_review_locale(db, id, "de", 1).error().code == ErrorCode::usage);
    auto r = store::load_review(db, id);
    REQUIRE(r.ok());
    CHECK(r->answers[0] == model::DomainAnswer{});
}

TEST_CASE_METHOD(kt::test::ReviewFixture, "bad signatures are usage errors") {
    auto& db = vault.db();
    auto outside = kt::test::drawn(Signer::client);
    outside.strokes[0].points[1].x = 1.01f;
    auto nan = kt::test::drawn(Signer::client);
    nan.strokes[0].points[0].y = std::numeric_limits<float>::quiet_NaN();
    auto empty = kt::test::drawn(Signer::client);
    empty.strokes.clear();
    auto no_role = kt::test::drawn(Signer::representative);
    no_role.role = " ";
    auto worker_refuses = kt::test::refusal("geen zin");
    worker_refuses.signer = Signer::worker;
    auto too_many = kt::test::drawn(Signer::client);
    too_many.strokes.assign(model::kMaxStrokes + 1, too_many.strokes[0]);
    for (const auto& s : {outside, nan, empty, no_role, worker_refuses, too_many}) {
        CAPTURE(model::signature_problem(s));
        CHECK(store::save_signature(db, id, s, 1).error().code == ErrorCode::usage);
    }
    CHECK(store::load_review(db, id)->signatures.empty());
}

TEST_CASE_METHOD(kt::test::ReviewFixture, "a client may refuse to sign without giving a reason") {
    for (const char* reason : {"", "  \n"}) {
        CAPTURE(reason);
        CHECK(model::signature_problem(kt::test::refusal(reason)) == nullptr);
        REQUIRE(store::save_signature(vault.db(), id, kt::test::refusal(reason), 1).ok());
        const auto r = store::load_review(vault.db(), id);
        REQUIRE(r->signature(Signer::client) != nullptr);
        CHECK(r->signature(Signer::client)->refused);
    }
}

TEST_CASE_METHOD(kt::test::ReviewFixture, "hostile own words are stored exactly as typed") {
    using namespace std::string_literals;
    const std::vector<std::string> typed = {"\u202Eabc \u05D0 12"s, std::string(10000, 'x'),
                                            "voor\0na"s, "\u0633\u0644\u0627\u0645\u200F."s};
    for (const auto& words : typed) {
        CAPTURE(words.size());
        REQUIRE(store::set_answer(vault.db(), id, 2, {Agreement::disagree, 4, words}, 5).ok());
        const auto r = store::load_review(vault.db(), id);
        REQUIRE(r.ok());
        CHECK(r->answers[2].own_words == words);
    }
}

TEST_CASE_METHOD(kt::test::ReviewFixture, "a new signature replaces the signer's earlier one") {
    auto& db = vault.db();
    REQUIRE(store::save_signature(db, id, kt::test::drawn(Signer::client), 10).ok());
    auto second = kt::test::drawn(Signer::client, 0.2f);
    REQUIRE(store::save_signature(db, id, second, 20).ok());
    auto r = store::load_review(db, id);
    REQUIRE(r->signatures.size() == 1);
    const auto& got = r->signatures[0];
    CHECK(got.signed_at == 20);
    REQUIRE(got.strokes.size() == second.strokes.size());
    for (std::size_t i = 0; i < got.strokes.size(); ++i)
        for (std::size_t j = 0; j < got.strokes[i].points.size(); ++j) {
            CHECK(std::abs(got.strokes[i].points[j].x - second.strokes[i].points[j].x) < 1e-4f);
            CHECK(std::abs(got.strokes[i].points[j].y - second.strokes[i].points[j].y) < 1e-4f);
        }
    REQUIRE(store::clear_signature(db, id, Signer::client, 30).ok());
    CHECK(store::load_review(db, id)->signatures.empty());
}

TEST_CASE("ready to seal needs the worker and the client, a representative or a refusal") {
    model::Review r;
    CHECK_FALSE(model::ready_to_seal(r));
    r.signatures = {kt::test::drawn(Signer::worker)};
    CHECK_FALSE(model::ready_to_seal(r));
    r.signatures.push_back(kt::test::drawn(Signer::client));
    CHECK(model::ready_to_seal(r));
    r.signatures[1] = kt::test::drawn(Signer::representative);
    CHECK(model::ready_to_seal(r));
    r.signatures[1] = kt::test::refusal("Ik lees het thuis na");
    CHECK(model::ready_to_seal(r));
    r.signatures[1].refusal_reason = "";  // refusing needs no reason
    CHECK(model::ready_to_seal(r));
    r.signatures = {kt::test::refusal("Ik lees het thuis na")};
    CHECK_FALSE(model::ready_to_seal(r));
}

TEST_CASE_METHOD(kt::test::ReviewFixture, "every review change has an audit row without the words",
                 "[security]") {
    auto before = store::read_audit(vault.db());
    REQUIRE(before.ok());
    review_and_sign();
    auto after = store::read_audit(vault.db());
    REQUIRE(after.ok());
    REQUIRE(after->size() == before->size() + 7);
    int review = 0, signature = 0;
    for (std::size_t i = before->size(); i < after->size(); ++i) {
        const auto& row = (*after)[i];
        review += row.action == "review_changed";
        signature += row.action == "signature_changed";
        CHECK(row.object_id.rfind(id, 0) == 0);
        CHECK(row.object_id.find("Gaat") == std::string::npos);
    }
    CHECK(review == 5);
    CHECK(signature == 2);
}
