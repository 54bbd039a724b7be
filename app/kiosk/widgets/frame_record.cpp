#include "widgets/frame_record.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <utility>

namespace kt::ui {

namespace {
FrameRecord g_current, g_last;
}

FrameRecord& current_frame() {
    return g_current;
}
const FrameRecord& last_frame() {
    return g_last;
}

void end_frame_record() {
    g_last = std::move(g_current);
    g_current.clear();
}

void record_text(const std::string& text) {
    g_current.texts.push_back(text);
}

void record_target(const std::string& label, ImVec2 min, ImVec2 max) {
    // Only what is on screen can be tapped: clip to the current clip rectangle.
    const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    const ImVec2 a(std::max(min.x, clip.Min.x), std::max(min.y, clip.Min.y));
    const ImVec2 b(std::min(max.x, clip.Max.x), std::min(max.y, clip.Max.y));
    if (a.x >= b.x || a.y >= b.y) return;
    const bool clipped = a.x != min.x || a.y != min.y || b.x != max.x || b.y != max.y;
    g_current.targets.push_back({label, a, b, clipped});
}

}  // namespace kt::ui
