// The network map through the Session: changes stored at once, refused on a finished
// assessment, and summed up beside Sociaal netwerk; the overview's goals and changes.
#include <catch2/catch.hpp>

#include "present/session.hpp"
#include "present/views.hpp"
#include "store/demo_data.hpp"
#include "store/network.hpp"
#include "support/test_support.hpp"

using namespace kt;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

i18n::Catalog dutch() {
    auto c = i18n::Catalog::open(test::i18n_dir(), "nl");
    REQUIRE(c.ok());
    return std::move(c.value());
}

present::Size fixed_size(const std::string& s) {
    return {float(s.size()) * 9.0f, 20.0f};
}

// Opens a client's page (a finished intake in the demo data) and starts a progress one.
void start_progress(present::Session& s, const std::string& family = "Yılmaz") {
    s.unlock(kPass);
    std::string id;  // opening reloads the list: pick first, then open
    for (const auto& c : s.clients())
        if (c.family_name == family) id = c.id;
    s.open_client(id);
    REQUIRE(s.state().step == flow::Step::client);
    s.start_assessment(model::AssessmentKind::voortgang);
    REQUIRE(s.state().step == flow::Step::matrix);
}

}  // namespace

TEST_CASE("people added on the map are stored at once and summed up beside Sociaal netwerk") {
    test::TempDir dir;
    const auto path = test::create_demo_vault(dir / "v.kt", kPass);
    SystemClock clock;
    present::Session s(path, clock);
    start_progress(s);
    s.navigate(flow::OpenNetwork{});
    REQUIRE(s.state().step == flow::Step::network);
    model::NetworkPerson p;
    p.label = "dochter";
    p.kind = model::PersonKind::child;
    p.gives = static_cast<unsigned>(model::Give::care);
    p.carer_load = model::CarerLoad::overloaded;
    const std::string id = s.add_person(p);
    REQUIRE_FALSE(id.empty());
    p.label = "buurman";
    p.kind = model::PersonKind::neighbour;
    p.gives = 0;
    p.hinders = true;
    s.add_person(p);
    s.move_person(id, 0);
    REQUIRE(s.network().people.size() == 2);
    CHECK(s.network().people[0].ring == 0);
    const auto view = present::network_view(s, dutch(), {{400, 400}, 300, 34, 24});
    CHECK(view.summary == "2 mensen, 1 steunend, 1 belemmerend, 1 overbelaste mantelzorger");
    CHECK(view.people.size() == 2);
    s.navigate(flow::Back{});
    s.navigate(flow::JumpToDomain{10});
    const auto m = present::matrix_view(s, dutch());
    CHECK(m.network_domain);
    CHECK(m.network_summary == view.summary);
    s.navigate(flow::JumpToDomain{9});
    CHECK_FALSE(present::matrix_view(s, dutch()).network_domain);
}

TEST_CASE("the overview has the previous outline, the goals and the change per domain") {
    test::TempDir dir;
    const auto path = test::create_demo_vault(dir / "v.kt", kPass);
    SystemClock clock;
    present::Session s(path, clock);
    start_progress(s, "Dijk");
    const auto before = s.previous()->levels[0];
    REQUIRE(before.has_value());
    s.score(*before < 5 ? *before + 1 : *before);
    model::DomainDetail d = s.assessment()->details[0];
    d.goal = true;
    d.hulpvraag = "Ik wil mijn post weer zelf doen";
    s.set_detail(d);
    s.navigate(flow::OpenOverview{});
    REQUIRE(s.state().step == flow::Step::overview);
    const auto v = present::overview_view(s, dutch(), {{0, 0}, {900, 700}}, fixed_size);
    CHECK(v.has_previous);
    CHECK(v.radar.previous.has_value());
    CHECK(v.radar.current.points[0].has_value());
    CHECK_FALSE(v.radar.current.points[1].has_value());  // not scored yet: a gap
    REQUIRE(v.goals.size() == 1);
    CHECK(v.goals[0].domain == "Financiën");
    CHECK(v.goals[0].hulpvraag == "Ik wil mijn post weer zelf doen");
    REQUIRE(v.changes.size() == 13);
    CHECK(v.changes[0].known);
    CHECK(v.changes[0].direction == (*before < 5 ? 1 : 0));
    CHECK_FALSE(v.changes[1].known);
    CHECK(v.caption.find("geen rapportcijfer") != std::string::npos);
}
