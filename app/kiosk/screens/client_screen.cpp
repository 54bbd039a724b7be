#include <imgui.h>

#include <algorithm>

#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

// The line's words: "Intake · 12 mei 2026 · 13 van 13 gescoord  Afgerond", wrapped in `wrap`
// (the status beside the words where it fits, else under them), and under it who was present.
// Returns the height they take.
float line_texts(const present::AssessmentLine& line, ImVec2 pos, float wrap, bool draw) {
    const ImVec2 ts = text_size(fonts().body, line.text, wrap);
    const ImVec2 ss = text_size(fonts().body_bold, line.status);
    const float one_line = text_size(fonts().body, line.text).x;
    const bool beside = line.status.empty() || one_line + dp(24) + ss.x <= wrap;
    const float top = beside ? std::max(ts.y, ss.y) : ts.y + ss.y;
    const float gap = line.present.empty() ? 0 : dp(8);
    const float below = line.present.empty() ? 0 : text_size(fonts().small, line.present, wrap).y;
    if (!draw) return top + gap + below;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    draw_text(dl, fonts().body, pos, color::text, line.text, wrap);
    const ImVec2 sp =
        beside ? ImVec2(pos.x + one_line + dp(24), pos.y) : ImVec2(pos.x, pos.y + ts.y);
    draw_text(dl, fonts().body_bold, sp, color::muted, line.status, 0);
    if (!line.present.empty())
        draw_text(dl, fonts().small, ImVec2(pos.x, pos.y + top + gap), color::muted, line.present,
                  wrap);
    return top + gap + below;
}

struct LineAction {
    const std::string* label;
    ButtonKind kind;
    Command command;
};

// A line's actions: "Verder" for a draft; "Geef de tablet aan de cliënt" for a finished one
// not sealed yet; for a sealed one the client's copy and "change (new version)".
std::vector<LineAction> actions_of(const present::AssessmentLine& line,
                                   const present::ClientView& v) {
    if (line.resumable) return {{&v.resume, ButtonKind::primary, ResumeAssessment{line.id}}};
    if (line.can_hand_over) return {{&v.hand_over, ButtonKind::primary, flow::HandOver{line.id}}};
    std::vector<LineAction> out;
    if (line.can_reopen) out.push_back({&v.reopen, ButtonKind::quiet, ReopenAssessment{line.id}});
    if (line.can_copy) out.push_back({&v.copy, ButtonKind::primary, ChooseCopyTarget{line.id}});
    return out;
}

void assessment_line(const present::AssessmentLine& line, const present::ClientView& v,
                     Commands& out) {
    const auto actions = actions_of(line, v);
    float bw_total = 0;
    for (const auto& a : actions)
        bw_total += text_size(fonts().body_bold, *a.label).x + dp(64) + dp(12);
    const float w = ImGui::GetContentRegionAvail().x;
    // The buttons beside the words, or under them where the words would get too narrow (an
    // upright tablet).
    const bool stacked = !actions.empty() && w - dp(48) - bw_total < dp(320);
    const float wrap = stacked ? w - dp(48) : w - dp(48) - bw_total;
    const float th = line_texts(line, ImVec2(), wrap, false);
    const float h = stacked ? th + dp(40) + dp(72) + dp(16)
                            : std::max({scale().min_target(), dp(80), th + dp(40)});
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), color::surface, dp(12));
    dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), color::border, dp(12), 0, dp(1));
    const float text_y = stacked ? pos.y + dp(20) : pos.y + (h - th) * 0.5f;
    line_texts(line, ImVec2(pos.x + dp(24), text_y), wrap, true);
    ImGui::Dummy(ImVec2(w, h));
    const float button_y = stacked ? text_y + th + dp(16) : pos.y + (h - dp(72)) * 0.5f;
    float x = pos.x + w - bw_total + dp(8);
    ImGui::PushID(line.id.c_str());
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const float bw = text_size(fonts().body_bold, *actions[i].label).x + dp(64);
        ImGui::SetCursorScreenPos(ImVec2(x, button_y));
        ImGui::PushID(int(i));
        if (button("line_action", *actions[i].label, actions[i].kind, bw))
            out.push_back(actions[i].command);
        ImGui::PopID();
        x += bw + dp(12);
    }
    ImGui::PopID();
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + dp(8)));
}

// Where the client's copy goes: the USB sticks found, or how to get one found.
void copy_panel(const present::ClientView& v, const ClientPageState& st, Commands& out) {
    const float w = std::min(dp(720), ImGui::GetContentRegionAvail().x);
    ImGui::Dummy(ImVec2(0, dp(8)));
    text(v.copy_where, fonts().heading, color::text, w);
    ImGui::Dummy(ImVec2(0, dp(4)));
    if (st.media.empty()) text(v.copy_none, fonts().body, color::muted, w);
    for (std::size_t i = 0; i < st.media.size(); ++i) {
        ImGui::PushID(int(i));
        if (button("drive", st.media[i].label, ButtonKind::primary, w))
            out.push_back(SaveClientCopy{st.copy_for, st.media[i].path, st.media[i].label});
        ImGui::PopID();
        ImGui::Dummy(ImVec2(0, dp(4)));
    }
    if (button("client.copy_rescan", v.copy_rescan, ButtonKind::secondary, w))
        out.push_back(ChooseCopyTarget{st.copy_for});
    if (button("form.cancel", v.copy_cancel, ButtonKind::quiet, w)) out.push_back(CloseCopyPanel{});
}

}  // namespace

void draw_client_screen(const present::ClientView& v, const ClientPageState& st, Commands& out) {
    begin_screen("##client");
    top_bar(v.back, v.name, v.born, v.lock, out);
    if (!st.copy_for.empty()) {
        copy_panel(v, st, out);
        end_screen();
        return;
    }
    if (!st.message.empty())
        text(st.message, fonts().body_bold, st.failed ? color::danger : color::accent);
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
    if (button("client.edit", v.edit, ButtonKind::secondary, ew)) out.push_back(flow::EditClient{});
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
        if (button("start", s.label, kind)) out.push_back(flow::BeginAssessment{s.kind});
        ImGui::PopID();
        ImGui::SameLine(0, dp(16));
    }
    end_screen();
}

}  // namespace kt::kiosk
