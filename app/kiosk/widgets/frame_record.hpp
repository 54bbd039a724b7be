// FrameRecord: the texts and touch targets drawn in the current frame, so headless scripts
// can find "tap-text" targets and check "expect-text". Filled only by our widget helpers.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace kt::ui {

struct Target {
    std::string label;
    ImVec2 min, max;       // the visible part
    bool clipped = false;  // partly scrolled out of view
    ImVec2 centre() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

/// A drawn text with where it landed and the box it must stay in (for expect-no-overlap).
struct PlacedText {
    std::string text;
    ImVec2 min, max;            // the text as drawn
    ImVec2 box_min, box_max;    // its box: the wrap width, the window and any pushed text box
    ImVec2 clip_min, clip_max;  // what of it can be seen (scrolling lists clip)
};

struct FrameRecord {
    std::vector<std::string> texts;
    std::vector<Target> targets;
    std::vector<PlacedText> placed;
    void clear() {
        texts.clear();
        targets.clear();
        placed.clear();
    }
};

/// The record being filled this frame.
FrameRecord& current_frame();
/// The record of the last finished frame.
const FrameRecord& last_frame();
/// Called once per frame after rendering: the current record becomes the last one.
void end_frame_record();

void record_text(const std::string& text);
/// Where a text was drawn: `size` as measured; it wraps in box_left .. box_left + box_width
/// (box_width 0: no wrap width).
void record_text_box(const std::string& text, ImVec2 pos, ImVec2 size, float box_left,
                     float box_width);
/// Texts drawn until the matching pop must stay inside `min`..`max` (a bar, a card).
void push_text_box(ImVec2 min, ImVec2 max);
void pop_text_box();

/// What expect-no-overlap finds in a frame: two visible texts or touch targets that overlap,
/// a text partly over a touch target it is not inside, or a text outside its box. One line
/// per finding ("" when there is none).
std::string find_overlaps(const FrameRecord& frame);
void record_target(const std::string& label, ImVec2 min, ImVec2 max);

}  // namespace kt::ui
