// Text in the reading direction of the screen: logical strings in, core's shaping and bidi
// (i18n/bidi) for the visual lines, right-aligned and mirrored when the screen is right to
// left (Arabic client mode, VISUAL.md "Type").
//
// Headless tests: every helper here records the LOGICAL string (what the catalog holds and
// what a script author types), so `expect-text` works with the Arabic of locales/ar.txt as
// it is written there. When shaping or reordering changed a drawn line, that visual line is
// recorded too (after the logical one), so a script can also check what was drawn, e.g. the
// presentation forms "ﻡﻼﺳ" of "سلام". Latin text is recorded once, as before.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace kt::ui {

/// The reading direction of what is drawn from now on (true for Arabic). Global, like the
/// ImGui style: set it for a screen, or use TextDirectionScope.
void set_text_direction(bool rtl);
bool text_direction_rtl();

/// Sets the direction for a scope and restores the previous one.
class TextDirectionScope {
  public:
    explicit TextDirectionScope(bool rtl);
    ~TextDirectionScope();
    TextDirectionScope(const TextDirectionScope&) = delete;
    TextDirectionScope& operator=(const TextDirectionScope&) = delete;

  private:
    bool m_previous;
};

/// The visual lines of `logical` in `font`, wrapped at `wrap_width` (0 = only at '\n'), for
/// the current direction (right to left: an rtl paragraph; left to right: each paragraph
/// takes the direction of its first letter, so a typed Arabic answer still reads right).
/// Cached: call it every frame.
std::vector<std::string> visual_lines(ImFont* font, const std::string& logical,
                                      float wrap_width = 0.0f);
/// The pitch between lines of `font`: the font size, a quarter more when the screen is right
/// to left (Arabic letters reach further above and below than Latin ones).
float line_pitch(ImFont* font);
/// Width (widest line) and height of `logical` as text_dir/draw_text_dir draw it.
ImVec2 text_size_dir(ImFont* font, const std::string& logical, float wrap_width = 0.0f);

/// Draws `logical` in the box [pos.x, pos.x + box_width], wrapped at box_width, each line at
/// the start edge: left when left to right, right when right to left. box_width 0: no
/// wrapping, drawn at pos. Records the text (see the top of this file); returns the height.
float draw_text_dir(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color,
                    const std::string& logical, float box_width);
/// Like text() in touch.hpp: at the cursor, `width` wide (0 = to the window edge), then
/// moves the cursor below it.
void text_dir(const std::string& logical, ImFont* font, ImU32 color, float width = 0.0f);

/// The left edge of an item [x, x + w] mirrored within the region [region_x, region_x +
/// region_w]: what is 10 px from the left edge comes 10 px from the right edge.
float mirror_x(float x, float w, float region_x, float region_w);
/// mirror_x when the current direction is right to left, else x: lay out left to right
/// once and pass every left edge through this.
float dir_x(float x, float w, float region_x, float region_w);

/// Forgets cached lines; the font atlas calls it when it is rebuilt.
void clear_text_cache();

}  // namespace kt::ui
