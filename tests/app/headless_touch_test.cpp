// Touch rules on the real frames: 12 mm targets, drags never score, screenshots.
#include <catch2/catch.hpp>

#include "kiosk_runner.hpp"
#include "kt_assets/theme.hpp"
#include "store/clients.hpp"
#include "support/png_image.hpp"

namespace kt::test {

namespace {

std::vector<std::string> visit_every_screen(const std::string& check) {
    return {check, "find-client \"dijk\" \"Dijk, IJsbrand van\"",
            check, "tap-text \"Voortgangsmeting starten\"",
            check, "tap-text \"Vergrendelen\"",
            check};
}

std::pair<unsigned, unsigned> png_size(const fs::path& png) {
    const std::string b = read_bytes(png);
    REQUIRE(b.size() > 24);
    REQUIRE(b.substr(1, 3) == "PNG");
    auto be32 = [&](std::size_t at) {
        return (unsigned(std::uint8_t(b[at])) << 24) | (unsigned(std::uint8_t(b[at + 1])) << 16) |
               (unsigned(std::uint8_t(b[at + 2])) << 8) | unsigned(std::uint8_t(b[at + 3]));
    };
    return {be32(16), be32(20)};
}

}  // namespace

TEST_CASE("every touch target on every screen is at least 12 mm") {
    DemoVault v;
    // A 10-inch 1280x800 tablet, a 10-inch 1920x1200 one, and a small dense screen.
    const auto screen = GENERATE(std::vector<std::string>{"--dpi", "150", "--size", "1280x800"},
                                 std::vector<std::string>{"--dpi", "226", "--size", "1920x1200"},
                                 std::vector<std::string>{"--dpi", "220", "--size", "1280x800"});
    const auto r = run_kiosk(v, visit_every_screen("expect-targets-min-mm 12"), screen);
    INFO(screen[1] << " dpi " << screen[3] << ": " << r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("the 12 mm check fails when asked for targets larger than the app draws") {
    DemoVault v;
    const auto r = run_kiosk(v, {"expect-targets-min-mm 40"});
    CHECK(r.exit_code == 5);
}

TEST_CASE("a drag that starts on a level card scrolls and never scores") {
    DemoVault v;
    const auto r =
        run_kiosk(v, {"find-client \"wojcik\" \"Wójcik, Agnieszka\"", "tap-text \"Intake starten\"",
                      "tap-text \"Gesprek beginnen\"", "drag 700 420 700 200",
                      "drag 700 300 700 500", "expect-text \"0 van 13 gescoord\"", "tap 700 420",
                      "expect-text \"1 van 13 gescoord\""});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("a headless screenshot shows the client list at the requested size") {
    DemoVault v;
    const fs::path png = v.dir / "shot.png";
    const auto r = run_kiosk(v, {"screenshot " + png.string()}, {"--size", "1024x768"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(png_size(png) == std::pair<unsigned, unsigned>(1024, 768));
    // What a person sees: the theme's background in the corners, names in the left half, the
    // rows' chevrons and the buttons at the right edge (the list fills the width), and a
    // primary button in the accent colour.
    const PngImage shot(png);
    REQUIRE(shot.width() == 1024);
    REQUIRE(shot.height() == 768);
    const auto background = assets::palette::background.rgb();
    CHECK(shot.pixel(0, 0) == background);
    CHECK(shot.pixel(1023, 767) == background);
    CHECK(shot.ink_extent(0, 512, 0, 768).has_value());
    CHECK(shot.count(assets::palette::accent.rgb(), 900, 1024, 250, 768) > 300);
    CHECK(shot.count(assets::palette::accent.rgb(), 0, 1024, 0, 768) > 2000);
    CHECK(shot.count(background, 0, 1024, 0, 768) > 1024 * 768 / 4);
}

}  // namespace kt::test

namespace kt::test {

// A long caseload: a flick carries the list on after the finger lifts (momentum); the same
// short movement as a placed drag moves it only as far as the finger went.
TEST_CASE("a flicked list glides on after the finger lifts but a placed drag does not") {
    DemoVault v;
    {
        auto vault = open_demo(v);
        for (int i = 1; i <= 30; ++i) {
            model::Client c;
            c.given_name = "Test";
            c.family_name = "Aa" + std::string(i < 10 ? "0" : "") + std::to_string(i);
            REQUIRE(store::add_client(vault.db(), c, 1'790'000'000).ok());
        }
    }
    const std::string far_row = "expect-target \"Aa08, Test\"";
    const auto dragged = run_kiosk(v, {"expect-target \"Aa01, Test\"", "drag 640 700 640 600",
                                       "expect-target \"Aa02, Test\"", far_row});
    INFO(dragged.err);
    CHECK(dragged.exit_code == 5);  // the far row is not reached
    CHECK(dragged.err.find("line 4:") != std::string::npos);
    const auto flicked = run_kiosk(v, {"fling 640 700 640 600", far_row});
    INFO(flicked.err);
    CHECK(flicked.exit_code == 0);
}

}  // namespace kt::test
