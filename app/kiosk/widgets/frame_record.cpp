#include "widgets/frame_record.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <utility>

namespace kt::ui {

namespace {
FrameRecord g_current, g_last;
std::vector<ImRect> g_boxes;  // pushed text boxes, innermost last
}  // namespace

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

void record_text_box(const std::string& text, ImVec2 pos, ImVec2 size, float box_left,
                     float box_width) {
    if (text.empty()) return;
    // Read access only: GetCurrentWindow() would mark the fallback window as used and show it.
    const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
    // Text on the foreground list (the keyboard) belongs to no window: its box is the screen.
    const ImRect screen(ImVec2(0, 0), ImGui::GetIO().DisplaySize);
    const ImRect clip = window->IsFallbackWindow ? screen : window->ClipRect;
    ImRect box = window->IsFallbackWindow ? screen : window->Rect();
    if (box_width > 0) {
        box.Min.x = std::max(box.Min.x, box_left);
        box.Max.x = std::min(box.Max.x, box_left + box_width);
    }
    if (!g_boxes.empty()) {
        box.Min = ImVec2(std::max(box.Min.x, g_boxes.back().Min.x),
                         std::max(box.Min.y, g_boxes.back().Min.y));
        box.Max = ImVec2(std::min(box.Max.x, g_boxes.back().Max.x),
                         std::min(box.Max.y, g_boxes.back().Max.y));
    }
    g_current.placed.push_back(
        {text, pos, ImVec2(pos.x + size.x, pos.y + size.y), box.Min, box.Max, clip.Min, clip.Max});
}

void push_text_box(ImVec2 min, ImVec2 max) {
    g_boxes.emplace_back(min, max);
}

void pop_text_box() {
    if (!g_boxes.empty()) g_boxes.pop_back();
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

namespace kt::ui {

namespace {

constexpr float kSlack = 1.0f;  // anti-aliased edges touch; a pixel is no overlap

ImRect visible(const PlacedText& t) {
    ImRect r(t.min, t.max);
    r.ClipWith(ImRect(t.clip_min, t.clip_max));
    return r;
}

bool shown(const ImRect& r) {
    return r.GetWidth() > kSlack && r.GetHeight() > kSlack;
}

bool overlap(const ImRect& a, const ImRect& b) {
    return std::min(a.Max.x, b.Max.x) - std::max(a.Min.x, b.Min.x) > kSlack &&
           std::min(a.Max.y, b.Max.y) - std::max(a.Min.y, b.Min.y) > kSlack;
}

bool inside(const ImRect& in, const ImRect& out) {
    return in.Min.x >= out.Min.x - kSlack && in.Min.y >= out.Min.y - kSlack &&
           in.Max.x <= out.Max.x + kSlack && in.Max.y <= out.Max.y + kSlack;
}

std::string quoted(const std::string& s) {
    return "\"" + (s.size() > 60 ? s.substr(0, 57) + "..." : s) + "\"";
}

void texts_with_targets(const FrameRecord& f, const std::vector<ImRect>& texts, std::string& out) {
    for (std::size_t i = 0; i < texts.size(); ++i)
        for (const auto& t : f.targets) {
            const ImRect r(t.min, t.max);
            if (shown(texts[i]) && overlap(texts[i], r) && !inside(texts[i], r))
                out += "text " + quoted(f.placed[i].text) + " runs over the touch target " +
                       quoted(t.label) + "\n";
        }
}

}  // namespace

std::string find_overlaps(const FrameRecord& f) {
    std::string out;
    std::vector<ImRect> texts;
    for (const auto& t : f.placed)
        texts.push_back(visible(t));
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (!shown(texts[i])) continue;
        const auto& t = f.placed[i];
        // Clipped by a scrolling list is fine; sticking out sideways or out of its box is not.
        const bool sideways = t.min.x < t.box_min.x - kSlack || t.max.x > t.box_max.x + kSlack;
        if (sideways || !inside(texts[i], ImRect(t.box_min, t.box_max)))
            out += "text " + quoted(t.text) + " leaves its box\n";
        for (std::size_t j = i + 1; j < texts.size(); ++j)
            if (shown(texts[j]) && overlap(texts[i], texts[j]))
                out +=
                    "texts " + quoted(t.text) + " and " + quoted(f.placed[j].text) + " overlap\n";
    }
    for (std::size_t i = 0; i < f.targets.size(); ++i)
        for (std::size_t j = i + 1; j < f.targets.size(); ++j)
            if (overlap(ImRect(f.targets[i].min, f.targets[i].max),
                        ImRect(f.targets[j].min, f.targets[j].max)))
                out += "touch targets " + quoted(f.targets[i].label) + " and " +
                       quoted(f.targets[j].label) + " overlap\n";
    texts_with_targets(f, texts, out);
    return out;
}

}  // namespace kt::ui
