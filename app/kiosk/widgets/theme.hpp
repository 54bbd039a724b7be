// Theme: the dp() size scale, the fonts and the colours of assets/theme.json as ImGui uses them.
#pragma once

#include <imgui.h>

#include "kt_assets/theme.hpp"

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
    ImFont* body = nullptr;       // type::kiosk_px::body dp
    ImFont* body_bold = nullptr;  // the same, bold
    ImFont* card = nullptr;       // card dp, descriptor text
    ImFont* heading = nullptr;    // heading dp bold
    ImFont* small = nullptr;      // small dp
    ImFont* digit = nullptr;      // digit dp bold, level digits (Latin only)
};
const Fonts& fonts();
/// Builds the font atlas (the first of assets' regular/bold files that exists, Noto Sans on
/// Debian; Latin + Latin Extended-A + punctuation) at the sizes of assets' kiosk type scale,
/// with the first Arabic file that exists merged in (U+0600-06FF and the presentation forms
/// core's shaping gives). Returns false when no Latin font file exists; without an Arabic
/// font it still builds.
bool load_fonts();
void apply_style();

namespace color {
/// An assets/theme.json colour as ImGui packs it.
inline constexpr ImU32 im(assets::Colour c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}
inline constexpr ImU32 background = im(assets::palette::background);
inline constexpr ImU32 surface = im(assets::palette::surface);
inline constexpr ImU32 text = im(assets::palette::ink);
inline constexpr ImU32 muted = im(assets::palette::muted);
inline constexpr ImU32 border = im(assets::palette::border);
inline constexpr ImU32 accent = im(assets::palette::accent);
inline constexpr ImU32 accent_soft = im(assets::palette::accent_soft);
inline constexpr ImU32 accent_pressed = im(assets::palette::accent_pressed);
inline constexpr ImU32 accent_wash = im(assets::palette::accent_wash);
inline constexpr ImU32 danger = im(assets::palette::danger);
inline constexpr ImU32 on_accent = im(assets::palette::on_accent);
/// The previous measurement beside the current one (outline, arrow down).
inline constexpr ImU32 earlier = im(assets::palette::earlier);
inline constexpr ImU32 transparent = im(assets::palette::transparent);
/// ZRM levels 1..5: a colour-blind-safe ramp, always shown with the digit.
ImU32 level(int level);
ImU32 on_level(int level);
}  // namespace color

}  // namespace kt::ui
