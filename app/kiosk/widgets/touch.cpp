#include "widgets/touch.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "i18n/bidi.hpp"
#include "widgets/frame_record.hpp"
#include "widgets/rtl_text.hpp"
#include "widgets/theme.hpp"

namespace kt::ui {

namespace {

// True when the pointer was released over the item and never travelled past the drag
// threshold since it went down: a scroll gesture must never score.
bool tapped(ImGuiID id, const ImRect& bb, bool* held_out) {
    bool hovered = false, held = false;
    const bool released = ImGui::ButtonBehavior(bb, id, &hovered, &held);
    if (held_out) *held_out = held;
    const ImGuiIO& io = ImGui::GetIO();
    const float limit = io.MouseDragThreshold * io.MouseDragThreshold;
    return released && io.MouseDragMaxDistanceSqr[0] < limit;
}

}  // namespace

// Arabic (or any text on a right-to-left screen) goes through rtl_text, so every widget's
// label is shaped and laid out right to left, not only the ones that ask for it.
static bool needs_direction(const std::string& s) {
    return text_direction_rtl() || i18n::needs_bidi(s);
}

ImVec2 text_size(ImFont* font, const std::string& s, float wrap_width) {
    if (needs_direction(s)) return text_size_dir(font, s, wrap_width);
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap_width, s.c_str(),
                               s.c_str() + s.size());
}

float draw_text(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color, const std::string& s,
                float wrap_width) {
    if (needs_direction(s)) return draw_text_dir(dl, font, pos, color, s, wrap_width);
    dl->AddText(font, font->FontSize, pos, color, s.c_str(), s.c_str() + s.size(), wrap_width);
    record_text(s);
    const ImVec2 size = text_size(font, s, wrap_width);
    record_text_box(s, pos, size, pos.x, wrap_width);
    return size.y;
}

void text(const std::string& s, ImFont* font, ImU32 color, float width) {
    const float w = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    const ImVec2 size = text_size(font, s, w);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    draw_text(ImGui::GetWindowDrawList(), font, pos, color, s, w);
    ImGui::Dummy(ImVec2(w, size.y));
}

bool tap_area(const char* id, const std::string& label, ImVec2 size, bool* pressed) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    const ImGuiID gid = ImGui::GetID(id);
    ImGui::ItemSize(size);
    if (!ImGui::ItemAdd(bb, gid)) return false;
    record_target(label, bb.Min, bb.Max);
    return tapped(gid, bb, pressed);
}

void draw_chevron(ImDrawList* dl, ImVec2 c, float size, Icon dir, ImU32 color) {
    if (dir == Icon::none) return;
    const float h = size * 0.5f, q = size * 0.25f;
    const float s = dir == Icon::back ? 1.0f : -1.0f;
    const ImVec2 pts[3] = {ImVec2(c.x + s * q, c.y - h), ImVec2(c.x - s * q, c.y),
                           ImVec2(c.x + s * q, c.y + h)};
    dl->AddPolyline(pts, 3, color, 0, dp(3));
}

bool button(const char* id, const std::string& label, ButtonKind kind, float width, bool enabled,
            Icon icon) {
    ImFont* font = kind == ButtonKind::primary ? fonts().body_bold : fonts().body;
    // Through rtl_text, so Arabic labels are shaped; the target keeps the logical label.
    const ImVec2 ts = text_size_dir(font, label);
    const float h = std::max(scale().min_target(), dp(72));
    const float icon_w = icon == Icon::none ? 0.0f : dp(28);
    const float w =
        width > 0 ? width : std::max(ts.x + icon_w + dp(56), scale().min_target() * 1.5f);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    bool held = false;
    const bool hit = enabled && tap_area(id, label, ImVec2(w, h), &held);
    if (!enabled) ImGui::ItemSize(ImVec2(w, h));  // keep layout when disabled
    ImU32 bg = color::surface, fg = color::accent, edge = color::accent;
    if (kind == ButtonKind::primary) bg = color::accent, fg = color::on_accent;
    if (kind == ButtonKind::quiet) edge = color::border;
    if (held) bg = kind == ButtonKind::primary ? color::accent_pressed : color::accent_soft;
    if (!enabled) bg = color::background, fg = color::muted, edge = color::border;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + w, pos.y + h);
    dl->AddRectFilled(pos, end, bg, dp(8));
    dl->AddRect(pos, end, edge, dp(8), 0, dp(2));
    const float content = ts.x + icon_w;
    float x = pos.x + (w - content) * 0.5f;
    const float cy = pos.y + h * 0.5f;
    if (icon == Icon::back) draw_chevron(dl, ImVec2(x + dp(8), cy), dp(18), icon, fg), x += icon_w;
    draw_text_dir(dl, font, ImVec2(x, pos.y + (h - ts.y) * 0.5f), fg, label, 0);
    if (icon == Icon::forward) draw_chevron(dl, ImVec2(x + ts.x + dp(20), cy), dp(18), icon, fg);
    return hit;
}

namespace {
int g_glide_frame = -1;  // the last frame in which a list glided
}

bool scroll_gliding() {
    return g_glide_frame >= ImGui::GetFrameCount() - 1;
}

// The finger's speed is smoothed over the last frames of the drag; after release it decays
// with a time constant of ~0.33 s (as touch platforms do), and stops at either end.
void drag_scroll() {
    const ImGuiIO& io = ImGui::GetIO();
    ImGuiStorage* store = ImGui::GetStateStorage();
    const ImGuiID id = ImGui::GetID("##glide");
    float speed = store->GetFloat(id, 0.0f);  // px per second, + scrolls down
    const float dt = std::max(io.DeltaTime, 1.0f / 240.0f);
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (ImGui::IsMouseDown(0)) {
        if (hovered && ImGui::IsMouseDragging(0)) {
            ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
            speed = 0.5f * speed + 0.5f * (-io.MouseDelta.y / dt);
        } else {
            speed = 0.0f;  // a finger down stops the glide
        }
        store->SetFloat(id, speed);
        return;
    }
    constexpr float kTimeConstant = 0.33f;
    if (std::abs(speed) < dp(40)) {
        store->SetFloat(id, 0.0f);
        return;
    }
    const float max = ImGui::GetScrollMaxY();
    const float next = std::clamp(ImGui::GetScrollY() + speed * dt, 0.0f, max);
    ImGui::SetScrollY(next);
    speed *= std::exp(-dt / kTimeConstant);
    if (next <= 0.0f || next >= max) speed = 0.0f;
    store->SetFloat(id, speed);
    g_glide_frame = ImGui::GetFrameCount();
}

}  // namespace kt::ui
