// Touch widgets. Every tappable thing is at least 12 mm, activates on release only when the
// finger stayed put (a drag scrolls and never presses), and is recorded for headless tests.
#pragma once

#include <imgui.h>

#include <string>

namespace kt::ui {

enum class ButtonKind { primary, secondary, quiet };
enum class Icon { none, back, forward };

/// A chevron drawn with lines (the fonts have no arrows we can rely on).
void draw_chevron(ImDrawList* dl, ImVec2 centre, float size, Icon dir, ImU32 color);

/// A labelled button; the label is also its tap-text name. `id` keeps it stable across
/// languages. Width 0 = fit the label.
bool button(const char* id, const std::string& label, ButtonKind kind = ButtonKind::secondary,
            float width = 0.0f, bool enabled = true, Icon icon = Icon::none);

/// An invisible hit area at the cursor of `size`; returns true on a tap. Draw it yourself.
bool tap_area(const char* id, const std::string& label, ImVec2 size, bool* pressed = nullptr);

/// Text that wraps at `width` (0 = to the window edge), drawn and recorded.
void text(const std::string& s, ImFont* font, ImU32 color, float width = 0.0f);
/// Draws wrapped text at a position with the draw list and records it; returns its height.
float draw_text(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color, const std::string& s,
                float wrap_width);
ImVec2 text_size(ImFont* font, const std::string& s, float wrap_width = 0.0f);

/// Call inside a child window: dragging anywhere in it scrolls it; let go while moving and it
/// glides on and slows down (momentum), a finger put down stops it.
void drag_scroll();
/// True when some list glided in the last frame: the frame loop keeps drawing until it rests.
bool scroll_gliding();

}  // namespace kt::ui
