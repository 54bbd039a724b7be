// The client in their own language through the real program: own words typed on the Arabic
// keyboard show shaped and right to left while typing; hostile input is stored as typed; the
// client review with its pictograms in all five languages and the signing screen in Turkish
// and Arabic are written as screenshots for a person to look at.
#include <catch2/catch.hpp>

#include "i18n/bidi.hpp"
#include "kiosk_runner.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/review.hpp"

namespace kt::test {

namespace {

// After "no": the own levels and own words are below the fold; two drags bring them up.
const std::string kScroll = "drag 640 700 640 100";
const std::string kScrollBack = "drag 640 250 640 750";

const std::vector<std::string> kHandOver = {"find-client \"yilmaz\" \"Yılmaz, Özlem\"",
                                            "tap-text \"Geef de tablet aan de cliënt\""};

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

model::Review review_of_yilmaz(const DemoVault& v) {
    auto vault = open_demo(v);
    auto clients = store::list_clients(vault.db());
    REQUIRE(clients.ok());
    for (const auto& c : clients.value()) {
        if (c.family_name != "Yılmaz") continue;
        auto list = store::assessments_of(vault.db(), c.id);
        REQUIRE(list.ok());
        for (const auto& a : list.value())
            if (a.kind == model::AssessmentKind::intake) {
                auto r = store::load_review(vault.db(), a.id);
                REQUIRE(r.ok());
                return r.value();
            }
    }
    FAIL("no intake");
    return {};
}

// Where the screenshots go: next to the test binary's build directory, kept for a person.
fs::path shots() {
    const fs::path dir = fs::path(KT_SCREENSHOT_DIR);
    fs::create_directories(dir);
    return dir;
}

}  // namespace

TEST_CASE("own words typed on the Arabic keyboard show shaped right to left while typing") {
    DemoVault v;
    const auto& ar = catalog("ar");
    const std::string typed = "\u0633\u0644\u0627\u0645 \u0644\u0643";  // سلام لك
    std::vector<std::string> keys;
    for (const char* k : {"\u0633", "\u0644", "\u0627", "\u0645"})
        keys.push_back(tap(k));
    keys.push_back(tap(ar.tr("keyboard.space")));  // the keys speak Arabic too
    for (const char* k : {"\u0644", "\u0643"})
        keys.push_back(tap(k));
    const std::string shot = (shots() / "typing_ar.png").string();
    const auto s =
        kHandOver +
        std::vector<std::string>{tap("العربية"), tap(ar.tr("review.disagree")), kScroll, kScroll,
                                 tap(ar.tr("review.own_words")),
                                 // The Arabic layout, not the Dutch one.
                                 "expect-target \"\u0636\""} +
        keys +
        std::vector<std::string>{// Before the field is left: the visual line, joined and reversed.
                                 expect(i18n::visual_line(typed, i18n::Direction::rtl)),
                                 "screenshot " + shot, tap(ar.tr("keyboard.done"))};
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(review_of_yilmaz(v).answers[0].own_words == typed);
}

TEST_CASE("Arabic vowel marks in own words are kept, and drawn as joined letters without them") {
    // A physical keyboard or a paste can bring tanwin and shadda: stored as typed, drawn as the
    // unvocalised word (a mark drawn by itself would stand apart from its letter).
    DemoVault v;
    const auto& ar = catalog("ar");
    const std::string typed = "\u062C\u062F\u064B\u0627 \u062A\u062F\u0628\u0651\u0631";
    const std::string drawn = "\u062C\u062F\u0627 \u062A\u062F\u0628\u0631";  // جدا تدبر
    const std::string shot = (shots() / "harakat_ar.png").string();
    const auto s = kHandOver +
                   std::vector<std::string>{tap("العربية"),
                                            tap(ar.tr("review.disagree")),
                                            kScroll,
                                            kScroll,
                                            tap(ar.tr("review.own_words")),
                                            "type \"" + typed + "\"",
                                            expect(i18n::visual_line(drawn, i18n::Direction::rtl)),
                                            "screenshot " + shot,
                                            tap(ar.tr("keyboard.done")),
                                            expect(i18n::visual_line(drawn, i18n::Direction::rtl))};
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(review_of_yilmaz(v).answers[0].own_words == typed);
}

TEST_CASE("the Turkish and Polish keyboards type their own letters, with their own key names") {
    DemoVault v;
    const auto& tr = catalog("tr");
    const auto& pl = catalog("pl");
    const auto s = kHandOver +
                   std::vector<std::string>{tap("Türkçe"),
                                            tap(tr.tr("review.disagree")),
                                            kScroll,
                                            kScroll,
                                            tap(tr.tr("review.own_words")),
                                            "expect-target \"ğ\"",
                                            "expect-target \"" + tr.tr("keyboard.space") + "\"",
                                            tap("ç"),
                                            tap("ı"),
                                            tap("ğ"),
                                            tap(tr.tr("keyboard.shift")),
                                            tap("İ"),  // with shift the i key is the dotted capital
                                            tap(tr.tr("keyboard.done")),
                                            kScrollBack,
                                            kScrollBack,
                                            tap("Polski"),
                                            tap(pl.tr("review.next")),
                                            tap(pl.tr("review.disagree")),
                                            kScroll,
                                            kScroll,
                                            tap(pl.tr("review.own_words")),
                                            "expect-target \"ł\"",
                                            "expect-target \"" + pl.tr("keyboard.space") + "\"",
                                            tap("ł"),
                                            tap("ó"),
                                            tap("d"),
                                            tap("ź"),
                                            tap(pl.tr("keyboard.done"))};
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto review = review_of_yilmaz(v);
    CHECK(review.answers[0].own_words == "çığİ");
    CHECK(review.answers[1].own_words == "łódź");
}

TEST_CASE("hostile own words are stored as typed and the screen keeps its layout") {
    DemoVault v;
    const auto& ar = catalog("ar");
    // A right-to-left override, then 10 000 characters in one go (a paste).
    const std::string hostile = "\u202Eabc " + std::string(10000, 'x');
    // A NUL cannot be typed or pasted into a field (ImGui's text is a C string); words that
    // hold one (from a restored or damaged vault) are drawn on the next page.
    const std::string with_nul = std::string("\u0633\u0644\u0627\u0645") + '\0' + "x\u202E";
    {
        auto vault = open_demo(v);
        const model::DomainAnswer a{model::Agreement::disagree, {}, with_nul};
        REQUIRE(
            store::set_answer(vault.db(), review_of_yilmaz(v).assessment_id, 1, a, 1'800'000'000));
    }
    const std::string shot = (shots() / "hostile_ar.png").string();
    const auto s =
        kHandOver + std::vector<std::string>{
                        tap("العربية"), tap(ar.tr("review.disagree")), kScroll, kScroll,
                        tap(ar.tr("review.own_words")), "type \"" + hostile + "\"",
                        tap(ar.tr("keyboard.done")),
                        // The page is still there, whole.
                        "expect-target \"" + ar.tr("review.next") + "\"", "screenshot " + shot,
                        tap(ar.tr("review.next")), "expect-target \"" + ar.tr("review.next") + "\"",
                        "screenshot " + (shots() / "hostile_nul_ar.png").string()};
    const auto r = run_kiosk(v, s);
    INFO(r.err.substr(0, 2000));
    REQUIRE(r.exit_code == 0);
    const auto review = review_of_yilmaz(v);
    CHECK(review.answers[0].own_words == hostile);
    CHECK(review.answers[1].own_words == with_nul);
}

TEST_CASE("screenshots: the client review in five languages and signing in Turkish and Arabic") {
    DemoVault v;
    const std::vector<std::pair<std::string, std::string>> languages = {{"nl", "Nederlands"},
                                                                        {"en", "English"},
                                                                        {"tr", "Türkçe"},
                                                                        {"pl", "Polski"},
                                                                        {"ar", "العربية"}};
    std::vector<std::string> s = kHandOver;
    for (const auto& [locale, name] : languages) {
        const auto& c = catalog(locale.c_str());
        s.push_back(tap(name));
        s.push_back(expect("pictogram:financien"));
        s.push_back(expect(c.tr("plain.domain.financien.name")));
        s.push_back("screenshot " + (shots() / ("review_" + locale + ".png")).string());
    }
    // On to the signing page in Turkish, then Arabic.
    s.push_back(tap("Türkçe"));
    for (int i = 0; i < 14; ++i)
        s.push_back(tap(catalog("tr").tr("review.next")));
    s.push_back(expect(catalog("tr").tr("review.sign_worker")));
    s.push_back("screenshot " + (shots() / "sign_tr.png").string());
    s.push_back(tap("العربية"));
    s.push_back(expect(catalog("ar").tr("review.sign_title")));
    s.push_back("screenshot " + (shots() / "sign_ar.png").string());
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("screenshots: the matrix with pictograms at 1280x800 and 1920x1200") {
    const auto [size, dpi] =
        GENERATE(std::make_pair("1280x800", "150"), std::make_pair("1920x1200", "226"));
    DemoVault v;
    const std::string shot = (shots() / ("matrix_" + std::string(size) + ".png")).string();
    const auto s = std::vector<std::string>{"find-client \"yilmaz\" \"Yılmaz, Özlem\"",
                                            "tap-text \"Voortgangsmeting starten\"",
                                            "tap-text \"Gesprek beginnen\"",
                                            expect("pictogram:justitie"),
                                            expect("Geld"),
                                            "screenshot " + shot};
    const auto r = run_kiosk(v, s, {"--size", size, "--dpi", dpi});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

}  // namespace kt::test
