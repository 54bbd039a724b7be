// Theme: colours, the dp() size scale and the fonts of VISUAL.md. One place for looks.
#pragma once

#include <imgui.h>

namespace kt::ui {

/// 1 dp = one pixel on the reference 10-inch 1280x800 tablet (150 dpi).
struct Scale {
    float dpi = 150.0f;
    float factor() const { return dpi / 150.0f; }
    float dp(float v) const { return v * factor(); }
    /// The smallest touch target: 12 mm at this screen's DPI.
    float min_target() const { return 12.0f / 25.4f * dpi; }
};

const Scale& scale();
void set_scale(float dpi);
inline float dp(float v) {
    return scale().dp(v);
}

/// All but `digit` also hold Arabic (shaped presentation forms) for rtl_text.
struct Fonts {
    ImFont* body = nullptr;       // 22 dp
    ImFont* body_bold = nullptr;  // 22 dp bold
    ImFont* card = nullptr;       // 24 dp, descriptor text
    ImFont* heading = nullptr;    // 32 dp bold
    ImFont* small = nullptr;      // 20 dp
    ImFont* digit = nullptr;      // 40 dp bold, level digits (Latin only)
};
const Fonts& fonts();
/// Builds the font atlas (Noto Sans, Latin + Latin Extended-A + punctuation) at the sizes used,
/// with Noto Sans Arabic UI merged in (U+0600-06FF and the presentation forms core's shaping
/// gives). Returns false when Noto Sans is missing; without the Arabic font it still builds.
bool load_fonts();
void apply_style();

namespace color {
inline constexpr ImU32 rgb(unsigned v) {
    return IM_COL32((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF, 0xFF);
}
inline constexpr ImU32 background = rgb(0xF7F5F2);
inline constexpr ImU32 surface = rgb(0xFFFFFF);
inline constexpr ImU32 text = rgb(0x1F2328);
inline constexpr ImU32 muted = rgb(0x57606A);
inline constexpr ImU32 border = rgb(0xD0CCC6);
inline constexpr ImU32 accent = rgb(0x1F5FAD);
inline constexpr ImU32 accent_soft = rgb(0xE3ECF7);
inline constexpr ImU32 danger = rgb(0xB42318);
inline constexpr ImU32 on_accent = rgb(0xFFFFFF);
/// ZRM levels 1..5: a colour-blind-safe ramp, always shown with the digit.
ImU32 level(int level);
ImU32 on_level(int level);
}  // namespace color

}  // namespace kt::ui
