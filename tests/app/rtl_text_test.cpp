// Right-to-left text through the real font atlas and GL (SDL offscreen): the Arabic glyphs
// are in the atlas, Arabic lines are right-aligned, expect-text sees the logical and the
// visual text, and a sample page is written as PNG for a person to look at.
#include "widgets/rtl_text.hpp"

#include <imgui_internal.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "i18n/bidi.hpp"
#include "platform/window.hpp"
#include "support/png_image.hpp"
#include "widgets/frame_record.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

using namespace kt;

namespace {

kiosk::Window& window() {
    static std::unique_ptr<kiosk::Window> w = [] {
        std::string error;
        auto made = kiosk::Window::create({true, false, 1280, 800, 150.0f}, error);
        INFO(error);
        REQUIRE(made);
        return made;
    }();
    return *w;
}

// One frame with `draw` inside a full-screen window; the PNG is written when a path is given.
template <typename F>
void frame(F&& draw, const std::string& png = {}) {
    window().begin_frame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("rtl", nullptr, ImGuiWindowFlags_NoDecoration);
    draw();
    ImGui::End();
    ImGui::Render();
    window().render();
    if (!png.empty()) CHECK(window().save_png(png));
    window().present();
    ui::end_frame_record();
}

bool recorded(const std::string& s) {
    for (const auto& t : ui::last_frame().texts)
        if (t == s) return true;
    return false;
}

// The horizontal extent of the vertices added to `dl` since `from`.
std::pair<float, float> x_extent(const ImDrawList* dl, int from) {
    float lo = 1e9f, hi = -1e9f;
    for (int i = from; i < dl->VtxBuffer.Size; ++i) {
        lo = std::min(lo, dl->VtxBuffer[i].pos.x);
        hi = std::max(hi, dl->VtxBuffer[i].pos.x);
    }
    return {lo, hi};
}

const std::string kQuestion = "كيف حالك مع المال؟ هل تستطيع دفع فواتيرك في الوقت المحدد؟";
const std::string kMixed = "المجال 13 من ZRM: المستوى 3";

}  // namespace

TEST_CASE("every text font has Arabic presentation forms, Turkish and Polish letters", "[rtl]") {
    frame([] {});  // the backend builds the atlas in the first frame
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    WARN("atlas " << atlas->TexWidth << "x" << atlas->TexHeight);
    const auto& f = ui::fonts();
    for (ImFont* font : {f.body, f.body_bold, f.card, f.heading, f.small}) {
        // seen initial, lam-alef final, meem isolated (salaam), yeh final, Arabic question
        // mark and comma, keheh initial (Persian letter, forms A), Arabic-Indic five
        for (ImWchar c : {0xFEB3, 0xFEFC, 0xFEE1, 0xFEF2, 0x061F, 0x060C, 0xFB90, 0x0665})
            CHECK(font->FindGlyphNoFallback(c) != nullptr);
        for (ImWchar c : {0x0130, 0x0131, 0x015F, 0x011F, 0x0142, 0x017C, 0x0105, 0x00EB})
            CHECK(font->FindGlyphNoFallback(c) != nullptr);
    }
    // every code point core's shaping gives for the sample texts is drawable
    for (const auto& s : {kQuestion, kMixed})
        for (const auto& line : i18n::visual_lines(s, 0, nullptr, i18n::Direction::rtl)) {
            const char* p = line.c_str();
            while (*p) {
                unsigned int c = 0;
                p += ImTextCharFromUtf8(&c, p, nullptr);
                CHECK(f.body->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
            }
        }
}

TEST_CASE("right-to-left lines end at the right edge of their box", "[rtl]") {
    const float box_x = 100.0f, box_w = 600.0f;
    std::pair<float, float> rtl, ltr;
    frame([&] {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        {
            ui::TextDirectionScope dir(true);
            const int from = dl->VtxBuffer.Size;
            ui::draw_text_dir(dl, ui::fonts().body, ImVec2(box_x, 100), ui::color::text, kMixed,
                              box_w);
            rtl = x_extent(dl, from);
        }
        const int from = dl->VtxBuffer.Size;
        ui::draw_text_dir(dl, ui::fonts().body, ImVec2(box_x, 200), ui::color::text,
                          "Hoe gaat het?", box_w);
        ltr = x_extent(dl, from);
    });
    CHECK(rtl.second <= box_x + box_w + 0.5f);
    CHECK(rtl.second >= box_x + box_w - 4.0f);  // the last glyph's side bearing at most
    CHECK(rtl.first > box_x + box_w / 2);       // a short line: nothing near the left edge
    CHECK(ltr.first >= box_x - 0.5f);
    CHECK(ltr.first <= box_x + 4.0f);
    CHECK_FALSE(ui::text_direction_rtl());  // the scope restored the direction
}

TEST_CASE("expect-text finds the logical Arabic and the drawn visual line", "[rtl]") {
    frame([] {
        ui::TextDirectionScope dir(true);
        ui::text_dir("سلام", ui::fonts().body, ui::color::text);
        ui::button("##yes", "نعم");
    });
    CHECK(recorded("سلام"));
    CHECK(recorded(i18n::visual_line("سلام", i18n::Direction::rtl)));
    CHECK(recorded("نعم"));
    bool target = false;
    for (const auto& t : ui::last_frame().targets)
        target = target || t.label == "نعم";
    CHECK(target);  // tap-text uses the logical label too
    frame([] { ui::text_dir("Hallo", ui::fonts().body, ui::color::text); });
    CHECK(ui::last_frame().texts == std::vector<std::string>{"Hallo"});  // Latin: once
}

TEST_CASE("mirror_x puts an item as far from the right edge as it was from the left", "[rtl]") {
    CHECK(ui::mirror_x(110, 50, 100, 1000) == 1040);
    CHECK(ui::mirror_x(ui::mirror_x(110, 50, 100, 1000), 50, 100, 1000) == 110);
    CHECK(ui::dir_x(110, 50, 100, 1000) == 110);
    ui::TextDirectionScope dir(true);
    CHECK(ui::dir_x(110, 50, 100, 1000) == 1040);
}

TEST_CASE("a sample of Arabic, Turkish and Polish is rendered for a person to look at", "[rtl]") {
    const std::string png = KT_RTL_SAMPLE_PNG;
    std::filesystem::remove(png);
    constexpr float x = 80, w = 640;
    float heading_end = 0, arabic_end = 0, latin_start = 0, latin_end = 0, button_top = 0;
    const auto draw = [&] {
        const auto& f = ui::fonts();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRect(ImVec2(x, 40), ImVec2(x + w, 380), ui::color::border);
        float y = 48;
        {
            ui::TextDirectionScope dir(true);
            y += ui::draw_text_dir(dl, f.heading, ImVec2(x, y), ui::color::text, kMixed, w);
            heading_end = y;
            y += 16;
            y += ui::draw_text_dir(dl, f.card, ImVec2(x, y), ui::color::text, kQuestion, w) + 16;
            y += ui::draw_text_dir(dl, f.body, ImVec2(x, y), ui::color::text,
                                   kQuestion + " (" + kMixed + ")", w) +
                 16;
            arabic_end = y;
            button_top = y;
            ImGui::SetCursorScreenPos(ImVec2(x + w - 300, y));
            ui::button("##ar", "التالي", ui::ButtonKind::primary, 300);
        }
        y = latin_start = 420;
        for (const char* s : {"Paranız nasıl gidiyor? Faturalarınızı zamanında ödeyebiliyor "
                              "musunuz? İ ı Ş ş Ğ ğ Ç ç Ö ö Ü ü",
                              "Jak radzi sobie Pan z pieniędzmi? Zażółć gęślą jaźń. Łódź",
                              "Hoe gaat het met uw geldzaken? Cliënt IJsbrand"})
            y += ui::draw_text_dir(dl, f.card, ImVec2(x, y), ui::color::text, s, w) + 16;
        latin_end = y;
    };
    frame(draw);  // the first frame lays out the window
    frame(draw, png);
    // What a person sees on the page: the Arabic lines end at the box's right edge and the
    // short Arabic heading does not reach its left one, the Latin lines start at the left edge, the
    // button in the accent colour sits at the right, and nothing is drawn outside the box's width.
    const test::PngImage image(png);
    REQUIRE(image.width() == 1280);
    const int left = int(x), right = int(x + w);
    const auto arabic = image.ink_extent(left + 2, right - 1, 48, int(arabic_end));
    REQUIRE(arabic);
    CHECK(arabic->second >= right - 24);
    const auto heading = image.ink_extent(left + 2, right - 1, 48, int(heading_end));
    REQUIRE(heading);
    CHECK(heading->second >= right - 24);
    CHECK(heading->first > left + 100);
    const auto latin = image.ink_extent(left, 1280, int(latin_start), int(latin_end));
    REQUIRE(latin);
    CHECK(latin->first <= left + 12);
    CHECK(latin->second <= right);
    CHECK(image.count(assets::palette::accent.rgb(), right - 300, right, int(button_top),
                      int(button_top) + 120) > 3000);
    CHECK(image.count(assets::palette::accent.rgb(), left, right - 300, int(button_top),
                      int(button_top) + 120) == 0);
}
