// Client mode through the real program: hand the tablet over, read in Turkish and
// Arabic, disagree with an own level, both sign, seal; and no way back without the PIN (T-38).
#include <catch2/catch.hpp>

#include "i18n/bidi.hpp"
#include "kiosk_runner.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"

namespace kt::test {

namespace {

// Özlem Yılmaz's finished intake, handed over (the demo leaves it finished and unsealed;
// van Dijk's is sealed already).
const std::vector<std::string> kHandOver = {"find-client \"yilmaz\" \"Yılmaz, Özlem\"",
                                            "tap-text \"Geef de tablet aan de cliënt\""};

std::string intake_of_yilmaz(store::Vault& vault) {
    auto clients = store::list_clients(vault.db());
    REQUIRE(clients.ok());
    for (const auto& c : clients.value()) {
        if (c.family_name != "Yılmaz") continue;
        auto list = store::assessments_of(vault.db(), c.id);
        REQUIRE(list.ok());
        for (const auto& a : list.value())
            if (a.kind == model::AssessmentKind::intake) return a.id;
    }
    FAIL("no intake");
    return {};
}

}  // namespace

TEST_CASE(
    "the client reads in Turkish and Arabic, disagrees with an own level, both sign, "
    "sealed") {
    DemoVault v;
    const auto& ar = catalog("ar");
    const auto& tr = catalog("tr");
    std::vector<std::string> s = kHandOver;
    s.insert(s.end(),
             {expect("Kijk mee: klopt dit voor u?"), tap("Türkçe"), expect(tr.tr("review.title")),
              tap("العربية"), expect(ar.tr("review.title")), tap(ar.tr("review.disagree")),
              "drag 640 600 640 250", tap(ar.tr("plain.domain.financien.level3")),
              // Even a plain form label is drawn shaped, right to left.
              expect(i18n::visual_line(ar.tr("review.own_words"), i18n::Direction::rtl)),
              tap("Nederlands")});
    for (int i = 0; i < 13; ++i)
        s.push_back(tap("Volgende"));
    s.insert(s.end(), {expect("Mensen om u heen"), tap("Volgende"),
                       "drag-text \"Handtekening van de cliënt\" 500 520",
                       "drag-text \"Handtekening van de hulpverlener\" 1100 430",
                       tap("Klaar: vastleggen"), expect("Vastgelegd. Dank u wel.")});
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto vault = open_demo(v);
    const std::string id = intake_of_yilmaz(vault);
    auto review = store::load_review(vault.db(), id);
    REQUIRE(review.ok());
    CHECK(review->locale == "nl");
    CHECK(review->answers[0].agreement == model::Agreement::disagree);
    CHECK(review->answers[0].own_level == 3);
    CHECK(review->signature(model::Signer::client) != nullptr);
    CHECK(review->signature(model::Signer::worker) != nullptr);
    auto seal = store::latest_seal(vault.db(), id);
    REQUIRE(seal.ok());
    REQUIRE(seal.value().has_value());
    auto check = store::verify_sealed(vault.db());
    REQUIRE(check.ok());
    CHECK(check->broken == 0);
    CHECK(check->ok >= 1);
}

TEST_CASE("T-38 in the program: without the worker's PIN the client never leaves the review",
          "[security]") {
    DemoVault v;
    std::vector<std::string> s = kHandOver;
    s.insert(s.end(), {// Where the worker's Terug button was, Escape, a wrong PIN: all stay.
                       "tap 88 52", "key Escape", tap("Terug naar de hulpverlener"),
                       "type \"000000\"", "key Enter", expect("Die pincode klopt niet."),
                       tap("Annuleren"), expect("Kijk mee: klopt dit voor u?"),
                       // The right PIN leads back to the client's page.
                       tap("Terug naar de hulpverlener"), "type \"123456\"", "key Enter",
                       expect("Geboren 2 november 1979"),
                       // The worker's screens never showed in between: this line must fail.
                       "expect-text \"Kijk mee: klopt dit voor u?\""});
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("line " + std::to_string(s.size() + 3) + ":") != std::string::npos);
}

}  // namespace kt::test

namespace kt::test {

TEST_CASE("the client's copy is saved as PDF on the chosen USB stick and nowhere else") {
    DemoVault v;
    const fs::path media = v.dir / "media";
    fs::create_directories(media / "KINGSTON");
    const std::vector<std::string> lines = {
        "tap-text \"Zoek op naam\"", "type \"dijk\"", "tap-text \"Klaar\"",
        "tap-text \"Dijk, IJsbrand van\"", "tap-text \"Kopie voor de cliënt\"",
        "tap-text \"KINGSTON\"", "expect-text \"Kopie opgeslagen op KINGSTON als\"",
        // The same copy again: never over the first one.
        "tap-text \"Kopie voor de cliënt\"", "tap-text \"KINGSTON\"",
        "expect-text \"Op die plek staat al een kopie\""};
    const fs::path script = v.dir / "copy.txt";
    std::string text;
    for (const auto& l : lines)
        text += l + "\n";
    write_bytes(script, text);
    const auto r =
        run_program({"keukentafel", "--headless", "--vault", v.vault.string(), "--passphrase-file",
                     v.passphrase.string(), "--script", script.string()},
                    {{"SDL_VIDEODRIVER", "offscreen"}, {"KEUKENTAFEL_MEDIA_ROOT", media.string()}});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(media / "KINGSTON"))
        files.push_back(e.path());
    REQUIRE(files.size() == 1);  // one PDF, no temp file left beside it
    const std::string name = files[0].filename().string();
    CHECK(name.rfind("keukentafel-kopie-", 0) == 0);
    CHECK(name.find("Dijk") == std::string::npos);  // no personal data in a file name
    CHECK(read_bytes(files[0]).rfind("%PDF", 0) == 0);
}

}  // namespace kt::test
