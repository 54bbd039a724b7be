#include "widgets/theme.hpp"

#include <algorithm>
#include <array>
#include <filesystem>

#include "widgets/pictograms.hpp"
#include "widgets/rtl_text.hpp"

namespace kt::ui {

namespace {

Scale g_scale;
Fonts g_fonts;

// The first file of a face's list (assets/theme.json, Debian paths in fallback order) that
// exists; nullptr when none does.
template <std::size_t N>
const char* first_existing(const std::array<const char*, N>& files) {
    for (const char* f : files)
        if (std::filesystem::exists(f)) return f;
    return nullptr;
}

// Latin, Latin-1, Latin Extended-A (Turkish and Polish letters), general punctuation,
// the euro sign and arrows. Must outlive the atlas build.
const ImWchar kRanges[] = {0x0020, 0x017F, 0x2010, 0x2027, 0x20AC, 0x20AC, 0x2212, 0x2212, 0};

// Arabic as core's shaping leaves it: the Arabic block (punctuation, digits, marks, letters
// without presentation forms) and the presentation forms that u_shapeArabic produces. It
// only ever gives FB52-FBFF (Persian and Urdu letters) and FE70-FEFC (measured over every
// letter of the block alone and in pairs), so the ligatures U+FC00-FDFF, about 500 glyphs
// per font that nothing would draw, stay out of the atlas.
const ImWchar kArabicRanges[] = {0x0600, 0x06FF, 0xFB50, 0xFBFF, 0xFE70, 0xFEFF, 0};
// Arabic UI letters drawn at the Latin pixel size look a size smaller than the Latin beside
// them (a seen is 8 px tall at 22 px where an H is 12 px); this brings them closer. The
// baseline stays the Latin one; the taller Arabic lines get their pitch in rtl_text.
constexpr float kArabicScale = 1.15f;

ImFont* add(const char* file, const char* arabic, float px) {
    if (file == nullptr) return nullptr;
    px = std::max(assets::type::kiosk_px::minimum, px);
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.PixelSnapH = true;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    ImFont* font = atlas->AddFontFromFileTTF(file, px, &cfg, kRanges);
    if (font == nullptr || arabic == nullptr) return font;
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.PixelSnapH = true;
    merge.OversampleH = 1;  // pixel-snapped anyway; half the atlas space of 2
    atlas->AddFontFromFileTTF(arabic, px * kArabicScale, &merge, kArabicRanges);
    return font;
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
    clear_text_cache();  // its widths belong to the old fonts
    // No power-of-two height: the Arabic glyphs would otherwise double the texture (GL 3.3
    // takes any size). At 150 dpi: 1024x1435 RGBA (5.6 MiB) with Arabic, where the Latin
    // fonts alone took a 1024x1024 texture (4 MiB); 1024x2048 (8 MiB) with a power of two.
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    namespace px = assets::type::kiosk_px;
    // Noto Sans Arabic UI first (fonts-noto-ui-core): UI vertical metrics, so its glyphs stay
    // close to the line height of Noto Sans they are merged into (toolchain notes, section 5).
    const char* regular = first_existing(assets::fonts::regular);
    const char* bold = first_existing(assets::fonts::bold);
    const char* arabic_regular = first_existing(assets::fonts::arabic_regular);
    const char* arabic_bold = first_existing(assets::fonts::arabic_bold);
    g_fonts.body = add(regular, arabic_regular, dp(px::body));
    if (g_fonts.body == nullptr) return false;
    g_fonts.body_bold = add(bold, arabic_bold, dp(px::body));
    g_fonts.card = add(regular, arabic_regular, dp(px::card));
    g_fonts.heading = add(bold, arabic_bold, dp(px::heading));
    g_fonts.small = add(regular, arabic_regular, dp(px::small));
    g_fonts.digit = add(bold, nullptr, dp(px::digit));  // level digits only: no Arabic
    io.FontDefault = g_fonts.body;
    if (!(g_fonts.body_bold && g_fonts.card && g_fonts.heading && g_fonts.small && g_fonts.digit))
        return false;
    // Rasterise now and let go of the eleven copies of the font files (4.6 MiB) that the
    // atlas keeps for a rebuild; a rebuild goes through load_fonts() again anyway.
    reserve_pictograms(io.Fonts, int(dp(80)));  // the largest drawn: the review page
    io.Fonts->Build();
    bake_pictograms(io.Fonts);
    io.Fonts->ClearInputData();
    return true;
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
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(color::transparent);
    c[ImGuiCol_ChildBg] = ImGui::ColorConvertU32ToFloat4(color::transparent);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(color::text);
    c[ImGuiCol_FrameBg] = ImGui::ColorConvertU32ToFloat4(color::surface);
    c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(color::border);
    c[ImGuiCol_TextSelectedBg] = ImGui::ColorConvertU32ToFloat4(color::accent_soft);
    ImGui::GetIO().MouseDragThreshold = dp(14);  // fingers wobble; a drag must be meant
}

namespace color {

ImU32 level(int l) {
    if (l < 1 || l > 5) return border;
    return im(assets::level_fill[std::size_t(l - 1)]);
}

ImU32 on_level(int l) {
    if (l < 1 || l > 5) return text;
    return im(assets::level_on[std::size_t(l - 1)]);
}

}  // namespace color

}  // namespace kt::ui
