#include "widgets/form.hpp"

#include <imgui_stdlib.h>

#include <algorithm>

#include "widgets/frame_record.hpp"
#include "widgets/rtl_text.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::ui {

namespace {

float target_h() {
    return std::max(scale().min_target(), dp(72));
}

void check_mark(ImDrawList* dl, ImVec2 c, float size, ImU32 col) {
    const ImVec2 pts[3] = {ImVec2(c.x - size * 0.45f, c.y),
                           ImVec2(c.x - size * 0.1f, c.y + size * 0.35f),
                           ImVec2(c.x + size * 0.5f, c.y - size * 0.4f)};
    dl->AddPolyline(pts, 3, col, 0, dp(3));
}

// The field being typed in stays in view with its label: when the keyboard comes up and
// shrinks the list, or the field was reached by Tab, the list scrolls to it.
void keep_in_view(float label_y) {
    if (!ImGui::IsItemActive()) return;
    const float top = ImGui::GetWindowPos().y;
    const float bottom = top + ImGui::GetWindowHeight();
    const bool above = label_y < top - 0.5f;
    const bool below = ImGui::GetItemRectMax().y > bottom + 0.5f;
    if (above || below) ImGui::SetScrollFromPosY(label_y - top - dp(8), 0.0f);
}

}  // namespace

void section(const std::string& title) {
    ImGui::Dummy(ImVec2(0, dp(8)));
    text(title, fonts().body_bold, color::text);
}

bool text_field(const char* id, const std::string& label, std::string* value, float width,
                int lines, ImGuiInputTextFlags flags) {
    const float label_y = ImGui::GetCursorScreenPos().y;
    text(label, fonts().small, color::muted, width);
    ImGui::PushID(id);
    ImGui::PushFont(fonts().card);
    const float pad_y = (target_h() - fonts().card->FontSize) * 0.5f;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(16), pad_y));
    if (lines > 1) {
        const float h = fonts().card->FontSize * float(lines) + dp(32);
        // Enter (the keyboard's "Klaar") ends the edit; Ctrl+Enter makes a new line.
        ImGui::InputTextMultiline("##f", value, ImVec2(width, std::max(h, target_h())),
                                  flags | ImGuiInputTextFlags_CtrlEnterForNewLine);
    } else {
        ImGui::SetNextItemWidth(width);
        ImGui::InputText("##f", value, flags);
    }
    record_target(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    keep_in_view(label_y);
    const bool done = ImGui::IsItemDeactivatedAfterEdit();
    ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::PopID();
    if (!value->empty()) record_text(*value);
    return done;
}

bool secret_field(const char* id, const std::string& label, char* buffer, std::size_t size,
                  float width) {
    const float label_y = ImGui::GetCursorScreenPos().y;
    text(label, fonts().small, color::muted, width);
    ImGui::PushID(id);
    ImGui::PushFont(fonts().card);
    const float pad_y = (target_h() - fonts().card->FontSize) * 0.5f;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(16), pad_y));
    ImGui::SetNextItemWidth(width);
    const bool enter = ImGui::InputText(
        "##s", buffer, size, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    record_target(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    keep_in_view(label_y);
    ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::PopID();
    return enter;
}

void chip_flow(float next_width) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float x = ImGui::GetItemRectMax().x + dp(8);
    if (x + next_width <= right) ImGui::SameLine(0, dp(8));
}

float chip_width(const std::string& label, bool selected) {
    const float mark = selected ? dp(30) : 0.0f;
    return std::max(scale().min_target(), text_size(fonts().body, label).x + mark + dp(40));
}

bool chip(const char* id, const std::string& label, bool selected) {
    const ImVec2 ts = text_size(fonts().body, label);
    const float mark = selected ? dp(30) : 0.0f;
    const ImVec2 size(chip_width(label, selected), target_h());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    bool held = false;
    const bool tap = tap_area(id, label, size, &held);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 e(p.x + size.x, p.y + size.y);
    const ImU32 bg = selected ? color::accent : held ? color::accent_soft : color::surface;
    dl->AddRectFilled(p, e, bg, size.y * 0.5f);
    dl->AddRect(p, e, selected ? color::accent : color::border, size.y * 0.5f, 0, dp(1.5f));
    const ImU32 fg = selected ? color::on_accent : color::text;
    if (selected) check_mark(dl, ImVec2(p.x + dp(30), p.y + size.y / 2), dp(16), fg);
    draw_text(dl, fonts().body, ImVec2(p.x + dp(20) + mark, p.y + (size.y - ts.y) / 2), fg, label,
              0);
    return tap;
}

bool toggle(const char* id, const std::string& label, bool* value, float width) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = target_h();
    bool held = false;
    const bool tap = tap_area(id, label, ImVec2(width, h), &held);
    if (tap) *value = !*value;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float box = dp(36);
    const bool rtl = text_direction_rtl();  // the box stands at the start of the reading line
    const ImVec2 b(rtl ? p.x + width - dp(4) - box : p.x + dp(4), p.y + (h - box) / 2);
    dl->AddRectFilled(b, ImVec2(b.x + box, b.y + box), *value ? color::accent : color::surface,
                      dp(6));
    dl->AddRect(b, ImVec2(b.x + box, b.y + box), *value ? color::accent : color::muted, dp(6), 0,
                dp(2));
    if (*value) check_mark(dl, ImVec2(b.x + box / 2, b.y + box / 2), dp(18), color::on_accent);
    const float tw = width - box - dp(24);
    const float th = text_size(fonts().body, label, tw).y;
    const float tx = rtl ? p.x : b.x + box + dp(16);
    draw_text(dl, fonts().body, ImVec2(tx, p.y + (h - th) / 2), color::text, label, tw);
    return tap;
}

// A square +/- key of a stepper; its tap label is "<label> +" so scripts can find it.
static bool step_key(const char* id, const std::string& glyph, const std::string& target,
                     bool enabled) {
    const float h = target_h();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    bool held = false;
    bool tap = false;
    if (enabled)
        tap = tap_area(id, target, ImVec2(h, h), &held);
    else
        ImGui::Dummy(ImVec2(h, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + h, p.y + h), held ? color::accent_soft : color::surface,
                      dp(8));
    dl->AddRect(p, ImVec2(p.x + h, p.y + h), enabled ? color::accent : color::border, dp(8), 0,
                dp(2));
    // Drawn as lines: our fonts lack a reliable minus sign.
    const ImU32 col = enabled ? color::accent : color::muted;
    const ImVec2 c(p.x + h / 2, p.y + h / 2);
    const float arm = h * 0.22f;
    dl->AddLine(ImVec2(c.x - arm, c.y), ImVec2(c.x + arm, c.y), col, dp(4));
    if (glyph == "+") dl->AddLine(ImVec2(c.x, c.y - arm), ImVec2(c.x, c.y + arm), col, dp(4));
    return tap;
}

bool stepper(const char* id, const std::string& label, int* value, int step, int min, int max,
             const std::string& suffix) {
    ImGui::PushID(id);
    const float h = target_h();
    const float label_w = dp(220);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw_text(ImGui::GetWindowDrawList(), fonts().body,
              ImVec2(p.x, p.y + (h - fonts().body->FontSize) / 2), color::text, label, label_w);
    ImGui::Dummy(ImVec2(label_w, h));
    ImGui::SameLine(0, dp(8));
    bool changed = false;
    if (step_key("minus", "-", label + " -", *value > min)) {
        *value = std::max(min, *value - step);
        changed = true;
    }
    ImGui::SameLine(0, dp(8));
    const std::string shown = std::to_string(*value) + suffix;
    const ImVec2 q = ImGui::GetCursorScreenPos();
    const float vw = dp(96);
    const ImVec2 ts = text_size(fonts().body_bold, shown);
    draw_text(ImGui::GetWindowDrawList(), fonts().body_bold,
              ImVec2(q.x + (vw - ts.x) / 2, q.y + (h - ts.y) / 2), color::text, shown, 0);
    ImGui::Dummy(ImVec2(vw, h));
    ImGui::SameLine(0, dp(8));
    if (step_key("plus", "+", label + " +", *value < max)) {
        *value = std::min(max, *value + step);
        changed = true;
    }
    ImGui::PopID();
    return changed;
}

}  // namespace kt::ui
