// The whole conversation through the real program: a new client with household and consent,
// Dutch search, a progress measurement with details, a domain left unscored with a reason,
// finishing, and the idle lock with its PIN (T-15, T-16).
#include <catch2/catch.hpp>

#include "kiosk_runner.hpp"
#include "model/zrm.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"

namespace kt::test {

namespace {

std::string descriptor(int domain, int level) {
    return dutch().tr(zrm::descriptor_key(zrm::kDomains[std::size_t(domain)], level));
}

std::string zrm_name(int domain) {
    return dutch().tr(zrm::domain_name_key(zrm::kDomains[std::size_t(domain)]));
}

const model::Client* find(const std::vector<model::Client>& list, const std::string& family) {
    for (const auto& c : list)
        if (c.family_name == family) return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("a new client is saved with Dutch capitals, household and consent, and found as ozturk") {
    DemoVault v;
    const std::vector<std::string> script = {
        "tap-text \"Nieuwe cliënt\"", "tap-text \"Voornaam\"", "type \"özlem\"",
        "tap-text \"Klaar\"", "tap-text \"Achternaam\"", "type \"van öztürk\"",
        "tap-text \"Klaar\"", "tap-text \"Geboortedatum (dd-mm-jjjj)\"", "type \"02-11-1979\"",
        "tap-text \"Klaar\"", "tap-text \"Noord\"", "tap-text \"+ kind\"", "tap-text \"+ partner\"",
        "tap-text \"kind, Leeftijd +\"", "drag 640 600 640 150",
        "tap-text \"Gegevens bewaren op dit apparaat\"", "tap-text \"Opslaan\"",
        "expect-text \"Özlem van Öztürk\"", "expect-text \"Geboren 2 november 1979\"",
        "expect-text \"(1 kind)\"", "expect-text \"bewaren: ja\"", "tap-text \"Terug\"",
        "tap-text \"Zoek op naam\"", "type \"ozturk\"", "expect-text \"Öztürk, Özlem van\"",
        // The search hides every other client; this line must fail.
        "expect-text \"Dijk, IJsbrand van\""};
    const auto r = run_kiosk(v, script);
    INFO(r.err);
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("line " + std::to_string(script.size()) + ":") != std::string::npos);
    auto vault = open_demo(v);
    auto clients = store::list_clients(vault.db());
    REQUIRE(clients.ok());
    const model::Client* listed = find(clients.value(), "Öztürk");
    REQUIRE(listed != nullptr);
    auto c = store::get_client(vault.db(), listed->id);
    REQUIRE(c.ok());
    CHECK(c->given_name == "Özlem");
    CHECK(c->tussenvoegsel == "van");
    CHECK(c->birth_date == "1979-11-02");
    CHECK(c->wijk == "Noord");
    REQUIRE(c->household.size() == 2);
    CHECK(c->household[0].relation == model::Relation::child);
    CHECK(c->household[0].age == 9);
    CHECK(c->children() == 1);
    const model::Consent* stored = c->consent(model::ConsentPurpose::store_on_device);
    REQUIRE(stored != nullptr);
    CHECK(stored->given);
    CHECK(stored->recorded_at > 0);
}

TEST_CASE("a progress measurement records who was present, the details and an unscored domain") {
    DemoVault v;
    std::vector<std::string> s = {"tap-text \"Dijk, IJsbrand van\"",
                                  "expect-text \"Volgende meting\"",
                                  "tap-text \"Voortgangsmeting starten\"",
                                  "tap-text \"partner\"",
                                  "tap-text \"Gesprek beginnen\"",
                                  "expect-text \"Vorige keer: 2 op\"",
                                  "tap-text \"" + descriptor(0, 3) + "\"",
                                  "tap-text \"Toelichting\"",
                                  "tap-text \"Het verhaal\"",
                                  "type \"Regeling met de energieleverancier loopt.\"",
                                  "tap-text \"Klaar\"",
                                  "tap-text \"Hulpvraag van de cliënt\"",
                                  "type \"Hulp bij post.\"",
                                  "tap-text \"Klaar\"",
                                  "tap-text \"Hieraan werken (doel)\"",
                                  "tap-text \"Verdeling invullen\"",
                                  "tap-text \"Eigen kracht +\"",
                                  "drag 990 640 990 240",
                                  "drag 990 640 990 240",
                                  "tap-text \"algemene voorziening nodig\"",
                                  "tap-text \"Werk & opleiding\"",
                                  "tap-text \"onbekend\"",
                                  "expect-text \"Geen score: onbekend\""};
    for (int d = 2; d < zrm::kDomainCount; ++d) {
        s.push_back("tap-text \"" + zrm_name(d) + "\"");
        s.push_back("tap-text \"" + descriptor(d, 4) + "\"");
    }
    s.push_back("tap-text \"Klaar\"");
    s.push_back("expect-text \"Afgerond\"");
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto vault = open_demo(v);
    auto clients = store::list_clients(vault.db());
    const model::Client* ijsbrand = find(clients.value(), "Dijk");
    REQUIRE(ijsbrand != nullptr);
    auto list = store::assessments_of(vault.db(), ijsbrand->id);
    REQUIRE(list.ok());
    const model::Assessment& a = list->front();
    CHECK(a.kind == model::AssessmentKind::voortgang);
    CHECK(a.status == model::AssessmentStatus::finished);
    REQUIRE(a.present.size() == 2);
    CHECK(a.present[1].role == model::ParticipantRole::partner);
    CHECK(a.levels[0] == 3);
    CHECK(a.details[0].note == "Regeling met de energieleverancier loopt.");
    CHECK(a.details[0].hulpvraag == "Hulp bij post.");
    CHECK(a.details[0].goal);
    CHECK(a.details[0].share_own == 60);
    CHECK(a.details[0].share_own + a.details[0].share_network + a.details[0].share_professional ==
          100);
    CHECK(a.details[0].outcome == model::Outcome::algemene_voorziening);
    CHECK_FALSE(a.levels[1].has_value());
    CHECK(a.details[1].unscored == model::UnscoredReason::unknown);
}

TEST_CASE("the client's page says who was present at each assessment") {
    DemoVault v;
    const auto fresh =
        run_kiosk(v, {"find-client \"wojcik\" \"Wójcik, Agnieszka\"", "tap-text \"Intake starten\"",
                      "tap-text \"partner\"", "tap-text \"Gesprek beginnen\"", "tap-text \"Terug\"",
                      "expect-text \"Aanwezig: cliënt en partner\""});
    INFO(fresh.err);
    CHECK(fresh.exit_code == 0);
    const auto demo = run_kiosk(
        v, {"find-client \"vries\" \"Vries, Johannes de\"",
            "expect-text \"Aanwezig: cliënt, familielid en vertegenwoordiger of zaakwaarnemer "
            "(bewindvoerder)\""});
    INFO(demo.err);
    CHECK(demo.exit_code == 0);
}

TEST_CASE("resuming an unfinished assessment lands on the first open domain") {
    DemoVault v;
    const auto first =
        run_kiosk(v, {"find-client \"wojcik\" \"Wójcik, Agnieszka\"", "tap-text \"Intake starten\"",
                      "tap-text \"Gesprek beginnen\"", "tap-text \"" + descriptor(0, 2) + "\"",
                      "tap-text \"Volgende\"", "tap-text \"" + descriptor(1, 2) + "\""});
    REQUIRE(first.exit_code == 0);
    const auto again = run_kiosk(v, {"find-client \"wojcik\" \"Wójcik, Agnieszka\"",
                                     "tap-text \"Verder\"", "expect-text \"Domein 3 van 13\""});
    INFO(again.err);
    CHECK(again.exit_code == 0);
}

TEST_CASE("T-16 idle lock: after 121 s the screen shows no client and the PIN resumes") {
    DemoVault v;
    const std::vector<std::string> base = {"tap-text \"Dijk, IJsbrand van\"",
                                           "expect-text \"IJsbrand\"", "advance-clock 121",
                                           "expect-text \"Vergrendeld\""};
    // The names must be absent: an expect-text for each must fail on the locked screen.
    for (const std::string name : {"IJsbrand", "Dijk", "1958"}) {
        auto s = base;
        s.push_back("expect-text \"" + name + "\"");
        const auto r = run_kiosk(v, s);
        CAPTURE(name);
        CHECK(r.exit_code == 5);
        CHECK(r.err.find("line 5") != std::string::npos);
    }
    auto s = base;
    s.insert(s.end(), {"type \"123456\"", "key Enter", "expect-text \"IJsbrand van Dijk\""});
    const auto resumed = run_kiosk(v, s);
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    const auto early = run_kiosk(v, {"tap-text \"Dijk, IJsbrand van\"", "advance-clock 119",
                                     "expect-text \"IJsbrand van Dijk\""});
    CHECK(early.exit_code == 0);
}

TEST_CASE("T-15 PIN lockout: five wrong PINs demand the passphrase") {
    DemoVault v;
    std::vector<std::string> s = {"tap-text \"Dijk, IJsbrand van\"", "advance-clock 121"};
    for (int i = 0; i < 4; ++i)
        s.insert(s.end(), {"type \"000000\"", "key Enter"});
    s.push_back("expect-text \"Nog 1 poging\"");
    s.insert(s.end(),
             {"type \"000000\"", "key Enter", "expect-text \"Open de kluis met je wachtwoord\"",
              "expect-text \"Typ je wachtwoord\"", "type \"123456\"", "key Enter",
              "expect-text \"Cliënten\""});
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    // The right PIN no longer helps: the passphrase screen stays, so the last line fails.
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("line " + std::to_string(s.size())) != std::string::npos);
}

TEST_CASE("a vault without a PIN asks for one at first unlock") {
    DemoVault v(/*with_pin=*/false);
    const auto r = run_kiosk(
        v, {"expect-text \"Kies een pincode\"", "type \"12345\"", "tap-text \"Klaar\"",
            "type \"12345\"", "tap-text \"Klaar\"", "expect-text \"precies 6 cijfers\"",
            "type \"246810\"", "tap-text \"Klaar\"", "type \"246810\"", "tap-text \"Klaar\"",
            "expect-text \"8 cliënten\"", "advance-clock 121", "expect-text \"Vergrendeld\"",
            "type \"246810\"", "key Enter", "expect-text \"8 cliënten\""});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

}  // namespace kt::test
