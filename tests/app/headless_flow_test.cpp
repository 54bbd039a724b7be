// The conversation through the real program: unlock, client, intake, 13 taps, kill, finish.
#include <catch2/catch.hpp>

#include "kiosk_runner.hpp"
#include "model/zrm.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"

namespace kt::test {

namespace {

// The level tapped in domain i: every level is used, in a pattern that is not constant.
int level_for(int domain) {
    return (domain * 2) % 5 + 1;
}

std::string descriptor(int domain, int level) {
    return dutch().tr(zrm::descriptor_key(zrm::kDomains[std::size_t(domain)], level));
}

std::vector<std::string> intake_for_wojcik() {
    return {"expect-text \"Cliënten\"", "find-client \"wojcik\" \"Wójcik, Agnieszka\"",
            "tap-text \"Intake starten\"", "tap-text \"Gesprek beginnen\""};
}

std::optional<model::Assessment> only_assessment_of(store::Vault& vault,
                                                    const std::string& family) {
    auto clients = store::list_clients(vault.db());
    REQUIRE(clients.ok());
    for (const auto& c : clients.value()) {
        if (c.family_name != family) continue;
        auto list = store::assessments_of(vault.db(), c.id);
        REQUIRE(list.ok());
        if (list->size() == 1) return list->front();
    }
    return std::nullopt;
}

void expect_no_demo_names(const ProcessResult& r) {
    for (const auto& m : demo_markers()) {
        CHECK(count_in_bytes(r.out, m) == 0);
        CHECK(count_in_bytes(r.err, m) == 0);
    }
}

}  // namespace

TEST_CASE("a worker scores all 13 domains with one tap each and the vault holds 13 scores") {
    DemoVault v;
    auto script = intake_for_wojcik();
    for (int d = 0; d < zrm::kDomainCount; ++d) {
        script.push_back("tap-text \"" + descriptor(d, level_for(d)) + "\"");
        if (d + 1 < zrm::kDomainCount) script.push_back("tap-text \"Volgende\"");
    }
    script.push_back("expect-text \"13 van 13 gescoord\"");
    const auto r = run_kiosk(v, script);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    expect_no_demo_names(r);
    auto vault = v.open();
    const auto a = only_assessment_of(vault, "Wójcik");
    REQUIRE(a.has_value());
    CHECK(a->scored_count() == 13);
    for (int d = 0; d < zrm::kDomainCount; ++d)
        CHECK(a->levels[std::size_t(d)] == level_for(d));
}

TEST_CASE("a score tapped right before the program is killed is there after a restart") {
    DemoVault v;
    auto script = intake_for_wojcik();
    script.push_back("tap-text \"" + descriptor(0, 4) + "\"");
    script.push_back("kill");
    const auto killed = run_kiosk(v, script);
    REQUIRE(killed.exit_code == 128 + 9);

    const auto resumed = run_kiosk(
        v, {"find-client \"wojcik\" \"Wójcik, Agnieszka\"", "expect-text \"Bezig\"",
            "tap-text \"Verder\"", "expect-text \"1 van 13 gescoord\"",
            "expect-text \"Domein 2 van 13\"", "tap-text \"Vorige\"", "expect-text \"Gekozen\""});
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    auto vault = v.open();
    const auto a = only_assessment_of(vault, "Wójcik");
    REQUIRE(a.has_value());
    CHECK(a->levels[0] == 4);
}

TEST_CASE("finishing an assessment marks it finished and leaves nothing in the WAL") {
    DemoVault v;
    auto script = intake_for_wojcik();
    for (int d = 0; d < zrm::kDomainCount; ++d) {
        script.push_back("tap-text \"" + descriptor(d, 3) + "\"");
        script.push_back(d + 1 < zrm::kDomainCount ? "tap-text \"Volgende\""
                                                   : "tap-text \"Klaar\"");
    }
    script.push_back("expect-text \"Afgerond\"");
    script.push_back("expect-text \"Voortgangsmeting starten\"");
    script.push_back("kill");  // no clean close: only the checkpoint can have emptied the WAL
    const auto r = run_kiosk(v, script);
    INFO(r.err);
    REQUIRE(r.exit_code == 128 + 9);
    const fs::path wal = v.vault.string() + "-wal";
    REQUIRE(fs::exists(wal));
    CHECK(fs::file_size(wal) == 0);
    auto vault = v.open();
    const auto a = only_assessment_of(vault, "Wójcik");
    REQUIRE(a.has_value());
    CHECK(a->status == model::AssessmentStatus::finished);
}

TEST_CASE("a progress measurement marks the level of the previous intake") {
    DemoVault v;
    const auto r =
        run_kiosk(v, {"tap-text \"Dijk, IJsbrand van\"", "tap-text \"Voortgangsmeting starten\"",
                      "tap-text \"Gesprek beginnen\"", "expect-text \"Vorige keer: 2 op\"",
                      "expect-text \"Vorige keer\""});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("a wrong passphrase shows a Dutch message and the right one then opens the vault") {
    DemoVault v;
    const auto r = run_kiosk(
        v,
        {"type \"verkeerd\"", "key Enter",
         "expect-text \"Wachtwoord klopt niet. Probeer het opnieuw.\"",
         "type \"thee met de buurvrouw\"", "tap-text \"Openen\"", "expect-text \"8 cliënten\""},
        {}, false);
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("locking returns to a screen that shows no client") {
    DemoVault v;
    const auto r = run_kiosk(v, {"tap-text \"Dijk, IJsbrand van\"", "tap-text \"Vergrendelen\"",
                                 "expect-text \"Typ je wachtwoord\"", "expect-text \"IJsbrand\""});
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("line 4") != std::string::npos);
}

TEST_CASE("a script exits 5 and names the line when expected text is not on screen") {
    DemoVault v;
    const auto r = run_kiosk(v, {"expect-text \"Cliënten\"", "expect-text \"Dit staat er niet\""});
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("line 2") != std::string::npos);
    const auto bad = run_kiosk(v, {"tap-text \"Nergens\""});
    CHECK(bad.exit_code == 5);
}

}  // namespace kt::test
