#include "widgets/theme.hpp"

#include <algorithm>

namespace kt::ui {

namespace {

Scale g_scale;
Fonts g_fonts;

constexpr const char* kRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
constexpr const char* kBold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";

// Latin, Latin-1, Latin Extended-A (Turkish and Polish letters), general punctuation,
// the euro sign and arrows. Must outlive the atlas build.
const ImWchar kRanges[] = {0x0020, 0x017F, 0x2010, 0x2027, 0x20AC, 0x20AC, 0x2212, 0x2212, 0};

ImFont* add(const char* file, float px) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.PixelSnapH = true;
    return ImGui::GetIO().Fonts->AddFontFromFileTTF(file, std::max(18.0f, px), &cfg, kRanges);
}

}  // namespace

const Scale& scale() {
    return g_scale;
}
void set_scale(float dpi) {
    g_scale.dpi = dpi;
}
const Fonts& fonts() {
    return g_fonts;
}

bool load_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    g_fonts.body = add(kRegular, dp(22));
    if (g_fonts.body == nullptr) return false;
    g_fonts.body_bold = add(kBold, dp(22));
    g_fonts.card = add(kRegular, dp(24));
    g_fonts.heading = add(kBold, dp(32));
    g_fonts.small = add(kRegular, dp(20));
    g_fonts.digit = add(kBold, dp(40));
    io.FontDefault = g_fonts.body;
    return g_fonts.body_bold && g_fonts.card && g_fonts.heading && g_fonts.small && g_fonts.digit;
}

void apply_style() {
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    ImGui::StyleColorsLight(&s);
    s.WindowPadding = ImVec2(dp(24), dp(16));
    s.FramePadding = ImVec2(dp(16), dp(16));
    s.ItemSpacing = ImVec2(dp(16), dp(12));
    s.FrameRounding = dp(8);
    s.ChildRounding = dp(12);
    s.WindowRounding = 0;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 0;
    s.FrameBorderSize = 1;
    s.ScrollbarSize = dp(6);  // a hint only: lists scroll by dragging anywhere
    s.TouchExtraPadding = ImVec2(0, 0);
    ImVec4* c = s.Colors;
    // glClear already paints the background; a transparent window saves one full-screen
    // fill per frame (software GL on tablets without a GPU driver).
    c[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(color::text);
    c[ImGuiCol_FrameBg] = ImGui::ColorConvertU32ToFloat4(color::surface);
    c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(color::border);
    c[ImGuiCol_TextSelectedBg] = ImGui::ColorConvertU32ToFloat4(color::accent_soft);
    ImGui::GetIO().MouseDragThreshold = dp(14);  // fingers wobble; a drag must be meant
}

namespace color {

ImU32 level(int l) {
    switch (l) {
        case 1:
            return rgb(0xB42318);
        case 2:
            return rgb(0xE07A1F);
        case 3:
            return rgb(0xE8C547);
        case 4:
            return rgb(0x7DB46C);
        case 5:
            return rgb(0x2E7D5B);
        default:
            return border;
    }
}

ImU32 on_level(int l) {
    return (l == 1 || l == 5) ? rgb(0xFFFFFF) : text;
}

}  // namespace color

}  // namespace kt::ui
