#include <imgui.h>

#include <algorithm>

#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

// The line's words: "Intake · 12 mei 2026 · 13 van 13 gescoord  Afgerond", and under it who
// was present. Returns the height they take.
float line_texts(const present::AssessmentLine& line, ImVec2 pos, float wrap, bool draw) {
    const float top = fonts().body->FontSize;
    const float gap = line.present.empty() ? 0 : dp(8);
    const float below = line.present.empty() ? 0 : text_size(fonts().small, line.present, wrap).y;
    if (!draw) return top + gap + below;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    draw_text(dl, fonts().body, pos, color::text, line.text, 0);
    const float sx = pos.x + text_size(fonts().body, line.text).x + dp(24);
    draw_text(dl, fonts().body_bold, ImVec2(sx, pos.y), color::muted, line.status, 0);
    if (!line.present.empty())
        draw_text(dl, fonts().small, ImVec2(pos.x, pos.y + top + gap), color::muted, line.present,
                  wrap);
    return top + gap + below;
}

// A line's action: "Verder" for a draft, "Geef de tablet aan de cliënt" for a finished one
// that is not sealed yet.
void assessment_line(const present::AssessmentLine& line, const present::ClientView& v,
                     Commands& out) {
    const bool action = line.resumable || line.can_hand_over || line.can_reopen;
    const std::string& label =
        line.resumable ? v.resume : (line.can_hand_over ? v.hand_over : v.reopen);
    const float w = ImGui::GetContentRegionAvail().x;
    const float bw = action ? text_size(fonts().body_bold, label).x + dp(64) : 0;
    const float wrap = w - dp(48) - (action ? bw + dp(16) : 0);
    const float th = line_texts(line, ImVec2(), wrap, false);
    const float h = std::max({scale().min_target(), dp(80), th + dp(40)});
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), color::surface, dp(12));
    dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), color::border, dp(12), 0, dp(1));
    line_texts(line, ImVec2(pos.x + dp(24), pos.y + (h - th) * 0.5f), wrap, true);
    ImGui::Dummy(ImVec2(w, h));
    if (!action) return;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + w - bw - dp(4), pos.y + (h - dp(72)) * 0.5f));
    ImGui::PushID(line.id.c_str());
    if (button("line_action", label, ButtonKind::primary, bw)) {
        if (line.resumable)
            out.push_back(ResumeAssessment{line.id});
        else if (line.can_hand_over)
            out.push_back(HandOver{line.id});
        else
            out.push_back(ReopenAssessment{line.id});
    }
    ImGui::PopID();
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + dp(8)));
}

}  // namespace

void draw_client_screen(const present::ClientView& v, Commands& out) {
    begin_screen("##client");
    top_bar(v.back, v.name, v.born, v.lock, out);
    const float info_w = ImGui::GetContentRegionAvail().x - dp(300);
    const float y = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    if (!v.details.empty()) text(v.details, fonts().body, color::text, info_w);
    text(v.household, fonts().body, color::text, info_w);
    text(v.consent, fonts().body, color::text, info_w);
    text(v.next_measure, fonts().body_bold, color::accent, info_w);
    ImGui::EndGroup();
    const float after = ImGui::GetCursorPosY();
    const float ew = dp(280);
    ImGui::SetCursorPos(
        ImVec2(ImGui::GetWindowWidth() - ew - ImGui::GetStyle().WindowPadding.x, y));
    if (button("client.edit", v.edit, ButtonKind::secondary, ew))
        out.push_back(Navigate{flow::EditClient{}});
    ImGui::SetCursorPosY(std::max(after, ImGui::GetCursorPosY()) + dp(8));
    text(v.heading, fonts().body_bold, color::text);
    const float list_h = body_height();
    ImGui::BeginChild("##assessments", ImVec2(0, list_h), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    if (v.lines.empty()) text(v.none, fonts().body, color::muted);
    for (const auto& line : v.lines)
        assessment_line(line, v, out);
    ImGui::EndChild();
    begin_bottom_bar();
    // Primary actions at the bottom right, within thumb reach.
    float total = 0;
    for (const auto& s : v.starts)
        total += text_size(fonts().body_bold, s.label).x + dp(56) + dp(16);
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - total - dp(8));
    for (std::size_t i = 0; i < v.starts.size(); ++i) {
        const auto& s = v.starts[i];
        const auto kind = i + 1 == v.starts.size() ? ButtonKind::primary : ButtonKind::secondary;
        ImGui::PushID(static_cast<int>(i));
        if (button("start", s.label, kind)) out.push_back(BeginAssessment{s.kind});
        ImGui::PopID();
        ImGui::SameLine(0, dp(16));
    }
    end_screen();
}

}  // namespace kt::kiosk
