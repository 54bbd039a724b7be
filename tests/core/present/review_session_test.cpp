// Client mode through the Session: hand-over only for a finished, unsealed assessment; the
// answers and signatures stored at once; seal; back to the worker only with the PIN.
#include <catch2/catch.hpp>

#include "crypto/pin.hpp"
#include "present/session.hpp"
#include "present/views.hpp"
#include "store/demo_data.hpp"
#include "support/test_support.hpp"

using namespace kt;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

i18n::Catalog open(const char* locale) {
    auto c = i18n::Catalog::open(test::i18n_dir(), locale);
    REQUIRE(c.ok());
    return std::move(c.value());
}

void open_client(present::Session& s, const std::string& family) {
    std::string id;
    for (const auto& c : s.clients())
        if (c.family_name == family) id = c.id;
    s.open_client(id);
    REQUIRE(s.state().step == flow::Step::client);
}

model::Signature drawn(model::Signer who) {
    model::Signature sig;
    sig.signer = who;
    sig.strokes = {{{{0.1f, 0.5f}, {0.5f, 0.6f}, {0.9f, 0.4f}}}};
    return sig;
}

}  // namespace

TEST_CASE("the client reviews, both sign, it is sealed, and only the PIN leads back",
          "[security]") {
    test::TempDir dir;
    const auto path = test::create_demo_vault(dir / "v.kt", kPass);
    SystemClock clock;
    present::Session s(path, clock);
    s.unlock(kPass);
    open_client(s, "Yılmaz");
    const std::string id = s.client_assessments().front().id;
    s.hand_over(id);
    REQUIRE(s.state().client);
    REQUIRE(s.state().step == flow::Step::review);
    s.set_client_locale("pl");
    CHECK(s.review().locale == "pl");
    const auto pl = present::review_view(s, open("nl"), open("pl"));
    CHECK(pl.domain_name == open("pl").tr("plain.domain.financien.name"));
    CHECK_FALSE(pl.rtl);
    s.set_client_locale("ar");
    CHECK(present::review_view(s, open("nl"), open("ar")).rtl);
    model::DomainAnswer a;
    a.agreement = model::Agreement::disagree;
    a.own_level = 2;
    a.own_words = "Het valt wel mee";
    s.answer(a);
    CHECK(s.review().answers[0] == a);
    s.return_to_worker("000000");  // wrong: stays with the client
    CHECK(s.state().client);
    CHECK(s.error_key() == "review.pin_wrong");
    for (int i = 0; i < zrm::kDomainCount; ++i)
        s.navigate(flow::NextDomain{});
    s.navigate(flow::ToSigning{});
    REQUIRE(s.state().step == flow::Step::sign);
    s.seal();  // nobody signed yet
    CHECK(s.error_key() == "review.seal_needs");
    s.sign(drawn(model::Signer::client));
    s.sign(drawn(model::Signer::worker));
    s.seal();
    CHECK(s.error_key().empty());
    REQUIRE(s.assessment() != nullptr);
    CHECK(s.assessment()->sealed());
    REQUIRE(s.seal_info().has_value());
    CHECK(s.seal_info()->content_hash.size() == 64);
    s.return_to_worker(store::kDemoPin);
    CHECK_FALSE(s.state().client);
    CHECK(s.state().step == flow::Step::client);
    s.hand_over(id);  // sealed: no second hand-over of the same version
    CHECK_FALSE(s.state().client);
}

TEST_CASE("five wrong PINs in client mode lock the vault fully", "[security]") {
    test::TempDir dir;
    const auto path = test::create_demo_vault(dir / "v.kt", kPass);
    SystemClock clock;
    present::Session s(path, clock);
    s.unlock(kPass);
    open_client(s, "Yılmaz");
    s.hand_over(s.client_assessments().front().id);
    REQUIRE(s.state().client);
    for (int i = 0; i < crypto::kMaxPinFailures; ++i)
        s.return_to_worker("999999");
    CHECK_FALSE(s.is_unlocked());
    CHECK(s.state() == flow::State{});
}

TEST_CASE("a sealed assessment reopened for a change is version 2 and seals again") {
    test::TempDir dir;
    const auto path = test::create_demo_vault(dir / "v.kt", kPass);
    SystemClock clock;
    present::Session s(path, clock);
    s.unlock(kPass);
    open_client(s, "Dijk");  // the demo's sealed intake
    const std::string id = s.client_assessments().front().id;
    REQUIRE(s.client_assessments().front().sealed());
    s.reopen(id);
    REQUIRE(s.error_key().empty());
    const auto& a = s.client_assessments().front();
    CHECK(a.version == 2);
    CHECK(a.status == model::AssessmentStatus::draft);
    CHECK_FALSE(a.sealed());
    CHECK(present::client_view(s, open("nl")).lines.front().resumable);
}
