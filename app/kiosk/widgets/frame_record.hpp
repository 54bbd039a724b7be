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

struct FrameRecord {
    std::vector<std::string> texts;
    std::vector<Target> targets;
    void clear() {
        texts.clear();
        targets.clear();
    }
};

/// The record being filled this frame.
FrameRecord& current_frame();
/// The record of the last finished frame.
const FrameRecord& last_frame();
/// Called once per frame after rendering: the current record becomes the last one.
void end_frame_record();

void record_text(const std::string& text);
void record_target(const std::string& label, ImVec2 min, ImVec2 max);

}  // namespace kt::ui
