// View models: the clients list, the client page and the matrix, localised from the demo vault.
#include "present/views.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/demo_data.hpp"
#include "support/test_support.hpp"

using kt::model::AssessmentKind;
using kt::present::Session;
namespace flow = kt::flow;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

struct Fixture {
    kt::test::TempDir dir;
    std::filesystem::path path = dir / "demo.ktv";
    kt::SystemClock clock;
    kt::i18n::Catalog nl = open_catalog("nl");
    bool made = make_vault(path, clock);  // before the session: it looks at start
    Session s{path, clock};

    static bool make_vault(const std::filesystem::path& path, const kt::Clock& clock) {
        auto v = kt::test::create_test_vault(path, kPass);
        REQUIRE(kt::store::fill_demo(v, clock.now_utc()).ok());
        return true;
    }
    static kt::i18n::Catalog open_catalog(const char* locale) {
        auto c = kt::i18n::Catalog::open(kt::test::i18n_dir(), locale);
        REQUIRE(c.ok());
        return std::move(c).value();
    }
    std::string id_of(const std::string& given_name) {
        for (const auto& c : s.clients())
            if (c.given_name == given_name) return c.id;
        FAIL("no demo client " << given_name);
        return {};
    }
    // The earlier intake of a demo client, read straight from the vault.
    kt::model::Assessment earlier_intake(const std::string& given_name) {
        auto v = kt::store::Vault::open(path, kPass);
        REQUIRE(v.ok());
        auto clients = kt::store::list_clients(v->db());
        REQUIRE(clients.ok());
        const auto c = std::find_if(clients->begin(), clients->end(),
                                    [&](const auto& x) { return x.given_name == given_name; });
        REQUIRE(c != clients->end());
        auto list = kt::store::assessments_of(v->db(), c->id);
        REQUIRE(list.ok());
        REQUIRE(list->size() == 1);
        return list->front();
    }
};

std::size_t index_of(const kt::present::ClientsView& v, const std::string& label) {
    const auto it =
        std::find_if(v.rows.begin(), v.rows.end(), [&](const auto& r) { return r.label == label; });
    REQUIRE(it != v.rows.end());
    return static_cast<std::size_t>(it - v.rows.begin());
}

}  // namespace

TEST_CASE_METHOD(Fixture, "the unlock screen shows the Dutch message after a wrong passphrase") {
    CHECK(kt::present::unlock_view(s, nl).error.empty());
    s.unlock("verkeerd");
    const auto v = kt::present::unlock_view(s, nl);
    CHECK(v.error == nl.tr("error.vault.wrong_passphrase"));
    CHECK(v.error.rfind("Wachtwoord klopt niet", 0) == 0);
    CHECK(v.button == "Openen");
}

TEST_CASE_METHOD(Fixture, "clients are listed by family name without the tussenvoegsel") {
    s.unlock(kPass);
    const auto v = kt::present::clients_view(s, nl);
    REQUIRE(v.rows.size() == 8);
    const auto dijk = index_of(v, "Dijk, IJsbrand van");
    CHECK(index_of(v, "Bakker, Sanne") < dijk);
    CHECK(dijk < index_of(v, "Horst, Ria ter"));
    CHECK(index_of(v, "Horst, Ria ter") < index_of(v, "Vries, Johannes de"));
    for (std::size_t i = 0; i < v.rows.size(); ++i) {
        CAPTURE(v.rows[i].label);
        auto c = std::find_if(s.clients().begin(), s.clients().end(),
                              [&](const auto& x) { return x.id == v.rows[i].id; });
        REQUIRE(c != s.clients().end());
        CHECK(v.rows[i].label == kt::model::sort_name(*c));
    }
    CHECK(v.count_line == "8 cliënten");
    CHECK(kt::present::clients_view(s, open_catalog("en")).count_line == "8 clients");
}

TEST_CASE_METHOD(Fixture, "a client with a finished intake is offered a progress measurement") {
    s.unlock(kPass);
    s.open_client(id_of("IJsbrand"));
    const auto v = kt::present::client_view(s, nl);
    CHECK(v.name == "IJsbrand van Dijk");
    CHECK(v.born == "Geboren 14 maart 1958");
    REQUIRE(v.lines.size() == 1);
    CHECK(v.lines[0].text.find("13 van 13 gescoord") != std::string::npos);
    CHECK_FALSE(v.lines[0].resumable);
    std::vector<AssessmentKind> kinds;
    for (const auto& b : v.starts)
        kinds.push_back(b.kind);
    std::sort(kinds.begin(), kinds.end());
    CHECK(kinds ==
          std::vector<AssessmentKind>{AssessmentKind::voortgang, AssessmentKind::afsluiting});
}

TEST_CASE_METHOD(Fixture, "a new client is offered only an intake and a draft blocks new ones") {
    s.unlock(kPass);
    s.open_client(id_of("Sanne"));
    auto v = kt::present::client_view(s, nl);
    REQUIRE(v.starts.size() == 1);
    CHECK(v.starts[0].kind == AssessmentKind::intake);
    CHECK(v.starts[0].label == "Intake starten");
    s.start_assessment(AssessmentKind::intake);
    s.navigate(flow::Back{});
    v = kt::present::client_view(s, nl);
    CHECK(v.starts.empty());
    REQUIRE(v.lines.size() == 1);
    CHECK(v.lines[0].resumable);
    CHECK(v.lines[0].status == "Bezig");
}

TEST_CASE_METHOD(Fixture, "each assessment on the client's page says who was present") {
    s.unlock(kPass);
    s.open_client(id_of("IJsbrand"));
    s.begin_assessment(AssessmentKind::voortgang);
    using P = kt::model::ParticipantRole;
    s.start_assessment({{P::client, ""}, {P::partner, ""}, {P::representative, "bewindvoerder"}});
    s.navigate(flow::Back{});
    const auto v = kt::present::client_view(s, nl);
    REQUIRE(v.lines.size() == 2);
    const auto& fresh = v.lines[0].resumable ? v.lines[0] : v.lines[1];
    CHECK(fresh.present ==
          "Aanwezig: cliënt, partner en vertegenwoordiger of zaakwaarnemer (bewindvoerder)");
    const auto en = kt::present::client_view(s, open_catalog("en"));
    const auto& fresh_en = en.lines[0].resumable ? en.lines[0] : en.lines[1];
    CHECK(fresh_en.present ==
          "Present: client, partner and representative or legal agent (bewindvoerder)");
}

TEST_CASE_METHOD(Fixture, "an assessment without recorded participants shows no presence line") {
    s.unlock(kPass);
    s.open_client(id_of("Sanne"));
    s.begin_assessment(AssessmentKind::intake);
    s.start_assessment(std::vector<kt::model::Participant>{});
    s.navigate(flow::Back{});
    const auto v = kt::present::client_view(s, nl);
    REQUIRE(v.lines.size() == 1);
    CHECK(v.lines[0].present.empty());
}

TEST_CASE_METHOD(Fixture, "a progress measurement marks the level chosen last time") {
    const auto intake = earlier_intake("IJsbrand");
    s.unlock(kPass);
    s.open_client(id_of("IJsbrand"));
    s.start_assessment(AssessmentKind::voortgang);
    REQUIRE(s.previous() != nullptr);
    for (int d : {0, 1, 7}) {
        CAPTURE(d);
        s.navigate(flow::JumpToDomain{d});
        const auto v = kt::present::matrix_view(s, nl);
        const auto before = intake.levels[static_cast<std::size_t>(d)];
        REQUIRE(before.has_value());
        int marked = 0;
        for (const auto& card : v.cards) {
            marked += card.previous;
            CHECK(card.previous == (card.level == *before));
            CHECK_FALSE(card.chosen);
        }
        CHECK(marked == 1);
        CHECK(v.previous_line.rfind("Vorige keer: " + std::to_string(*before) + " op ", 0) == 0);
        CHECK(v.previous_mark == "Vorige keer");
        CHECK(v.domain_of == "Domein " + std::to_string(d + 1) + " van 13");
    }
}

TEST_CASE_METHOD(Fixture, "a first measurement shows no previous level") {
    s.unlock(kPass);
    s.open_client(id_of("Agnieszka"));
    s.start_assessment(AssessmentKind::intake);
    const auto v = kt::present::matrix_view(s, nl);
    CHECK(v.previous_line == "Geen eerdere meting");
    for (const auto& card : v.cards)
        CHECK_FALSE(card.previous);
    CHECK(v.cards[0].acute);
    CHECK(v.cards[0].descriptor == nl.tr("zrm.domain.financien.level1"));
    CHECK_FALSE(v.can_prev);
}

TEST_CASE_METHOD(Fixture, "a chosen level is marked on its card and on the domain strip") {
    s.unlock(kPass);
    s.open_client(id_of("Agnieszka"));
    s.start_assessment(AssessmentKind::intake);
    s.navigate(flow::JumpToDomain{4});
    s.score(2);
    const auto v = kt::present::matrix_view(s, nl);
    for (const auto& card : v.cards)
        CHECK(card.chosen == (card.level == 2));
    CHECK(v.strip[4].level == 2);
    CHECK(v.strip[4].current);
    CHECK_FALSE(v.strip[3].level.has_value());
    CHECK(v.scored_line == "1 van 13 gescoord");
    CHECK_FALSE(v.next_finishes);
}

TEST_CASE_METHOD(Fixture, "a finished assessment opens read-only") {
    s.unlock(kPass);
    s.open_client(id_of("Ria"));
    s.resume_assessment(s.client_assessments().front().id);
    const auto v = kt::present::matrix_view(s, nl);
    CHECK(v.read_only);
    CHECK(v.read_only_note == nl.tr("matrix.finished_note"));
    CHECK_FALSE(v.next_finishes);
}
