// The network map and the overview through the real program: four people of
// different kinds, one hindering, one dragged to the outer ring, the summary beside Sociaal
// netwerk, and the overview with the previous measurement's outline.
#include <catch2/catch.hpp>

#include "kiosk_runner.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/network.hpp"

namespace kt::test {

namespace {

std::vector<std::string> add_person(const std::string& label, const std::string& kind) {
    return {"tap-text \"Naam of rol\"", "type \"" + label + "\"", "tap-text \"Klaar\"",
            "tap-text \"" + kind + "\"", "tap-text \"Toevoegen\""};
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// Özlem Yılmaz's intake has no network map, so her progress map starts empty (van Dijk's
// starts from his intake's map: tested below).
const std::vector<std::string> kOpenProgressMap = {
    "find-client \"yilmaz\" \"Yılmaz, Özlem\"", "tap-text \"Voortgangsmeting starten\"",
    "tap-text \"Gesprek beginnen\"", "tap-text \"Sociaal netwerk\"",
    "tap-text \"Netwerkkaart openen\""};

}  // namespace

TEST_CASE(
    "four people on the map, one hindering, one dragged outward, summed up beside the "
    "cards") {
    DemoVault v;
    // At 1280x800 the map's centre is at (359, 441) and its outer ring ends 331 px out.
    const auto script =
        kOpenProgressMap + add_person("dochter", "kind") + add_person("buurvrouw", "buur") +
        add_person("Henk", "partner") + add_person("wijkverpleging", "professional") +
        std::vector<std::string>{"tap-text \"Henk\"",
                                 "tap-text \"steun en aandacht\"",
                                 "tap-text \"Klaar met deze persoon\"",
                                 "tap-text \"buurvrouw\"",
                                 "tap-text \"Dit contact staat in de weg\"",
                                 "tap-text \"Klaar met deze persoon\"",
                                 "tap-text \"dochter\"",
                                 "tap-text \"praktische hulp\"",
                                 "tap-text \"Klaar met deze persoon\"",
                                 "drag-text \"wijkverpleging\" 359 745",
                                 "expect-text \"4 mensen, 2 steunend, 1 belemmerend\"",
                                 "tap-text \"Terug\"",
                                 "expect-text \"4 mensen, 2 steunend, 1 belemmerend\""};
    const auto r = run_kiosk(v, script);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto vault = v.open();
    auto clients = store::list_clients(vault.db());
    REQUIRE(clients.ok());
    std::string client_id;
    for (const auto& c : clients.value())
        if (c.family_name == "Yılmaz") client_id = c.id;
    auto list = store::assessments_of(vault.db(), client_id);
    REQUIRE(list.ok());
    const model::Assessment* draft = nullptr;
    for (const auto& a : list.value())
        if (a.status == model::AssessmentStatus::draft) draft = &a;
    REQUIRE(draft != nullptr);
    auto map = store::load_network(vault.db(), draft->id);
    REQUIRE(map.ok());
    REQUIRE(map->people.size() == 4);
    for (const auto& p : map->people) {
        CAPTURE(p.label);
        CHECK(p.hinders == (p.label == "buurvrouw"));
        CHECK(p.ring == (p.label == "wijkverpleging" ? 2 : 1));
    }
}

// Upright, as the other screens: the map spans the width on top and the panel comes under it,
// so neither is squeezed into half of a narrow screen; the panel's field stays usable with the
// keyboard up.
TEST_CASE("on an upright tablet the map sits above its panel") {
    for (const char* size : {"800x1280", "1200x1920"}) {
        CAPTURE(size);
        DemoVault v;
        const std::vector<std::string> script = {
            "find-client \"dijk\" \"Dijk, IJsbrand van\"",
            "tap-text \"Voortgangsmeting starten\"",
            "tap-text \"Gesprek beginnen\"",
            "tap-text \"Sociaal netwerk\"",
            "tap-text \"Netwerkkaart openen\"",
            "expect-above \"huisarts\" \"Naam of rol\"",
            "expect-above \"dochter\" \"Naam of rol\"",
            "expect-no-overlap",
            "screenshot " + std::string(KT_SCREENS_PNG_DIR) + "/network-upright-" + size + ".png",
            "tap-text \"Naam of rol\"",
            "type \"Henk\"",
            "expect-target \"Naam of rol\"",
            "expect-target \"huisarts\"",
            "expect-no-overlap"};
        const auto r = run_kiosk(v, script, {"--size", size});
        INFO(r.err);
        CHECK(r.exit_code == 0);
    }
}

TEST_CASE("a progress map starts from the intake's map") {
    DemoVault v;
    const auto r = run_kiosk(
        v, {"find-client \"dijk\" \"Dijk, IJsbrand van\"", "tap-text \"Voortgangsmeting starten\"",
            "tap-text \"Gesprek beginnen\"", "tap-text \"Sociaal netwerk\"",
            "expect-text \"5 mensen, 4 steunend, 1 belemmerend, 1 zwaarbelaste mantelzorger\"",
            "tap-text \"Netwerkkaart openen\"", "expect-target \"broer\"",
            "expect-target \"huisarts\""});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("the overview shows the previous intake as an outline and the change per domain") {
    DemoVault v;
    const auto r = run_kiosk(
        v,
        {"find-client \"dijk\" \"Dijk, IJsbrand van\"", "tap-text \"Voortgangsmeting starten\"",
         "tap-text \"Gesprek beginnen\"", "tap-text \"Overzicht\"", "expect-text \"Vorige keer (\"",
         "expect-text \"Sinds vorige keer\"", "expect-text \"Het is geen rapportcijfer\"",
         "expect-text \"Maatschappelijke participatie\""});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

}  // namespace kt::test
