// The first run on a tablet without a vault: welcome, name and team, passphrase with its
// strength meter, PIN; one thing per page, the step on top, Terug and the next step at the
// bottom (above the on-screen keyboard while it shows). Then the municipality, or later.
#include <imgui.h>

#include <algorithm>

#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/form.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;
using Page = present::Session::SetupPage;

namespace {

float column_width(bool wide = false) {
    return std::min(dp(wide ? 1100 : 720), ImGui::GetWindowWidth() - dp(48));
}

float field_height() {
    return std::max(scale().min_target(), dp(72));
}

float header_height(const present::FirstRunView& v, float w) {
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    const float step = v.step_line.empty() ? 0 : text_size(fonts().small, v.step_line, w).y + sp;
    return dp(24) + step + text_size(fonts().heading, v.title, w).y + sp + dp(8) + sp;
}

// The strength meter's height: the bar, the score line and an advice of two lines.
float meter_height() {
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    return dp(16) + sp + fonts().body_bold->FontSize + sp + 2 * fonts().body->FontSize;
}

// With the on-screen keyboard up the worker must see the meter and its reason while typing
// the passphrase. When the field with the meter under it does not fit above the keyboard (a
// landscape tablet), the meter goes beside the field.
bool meter_beside(const present::FirstRunView& v) {
    if (v.page != Page::passphrase || keyboard_height() <= 0) return false;
    const float w = column_width();
    const float space = ImGui::GetWindowHeight() - header_height(v, w) - bottom_bar_height() -
                        keyboard_height() - ImGui::GetStyle().WindowPadding.y;
    const float field = text_size(fonts().small, v.pass_first, w).y + field_height();
    return field + meter_height() + dp(8) > space;
}

// While the first field is typed in, scrolls the body so that what ends at `bottom` (the
// meter's reason) is in view too, without moving the field's label above the top.
void keep_meter_in_view(float label_y, float bottom) {
    const float top = ImGui::GetWindowPos().y;
    const float over = bottom - (top + ImGui::GetWindowHeight());
    const float room = label_y - top;
    if (over > 0.5f && room > 0.5f) ImGui::SetScrollY(ImGui::GetScrollY() + std::min(over, room));
}

void header(const std::string& step_line, const std::string& title, float w) {
    ImGui::SetCursorPos(ImVec2((ImGui::GetWindowWidth() - w) * 0.5f, dp(24)));
    ImGui::BeginGroup();
    if (!step_line.empty()) text(step_line, fonts().small, color::muted, w);
    text(title, fonts().heading, color::text, w);
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, dp(8)));
}

void welcome_page(const present::FirstRunView& v, float w) {
    text(v.what, fonts().body, color::text, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    text(v.where, fonts().body, color::text, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    text(v.steps, fonts().body, color::text, w);
    ImGui::Dummy(ImVec2(0, dp(16)));
    text(v.place, fonts().small, color::muted, w);
}

bool worker_page(const present::FirstRunView& v, FirstRunState& st, float w) {
    text(v.worker_hint, fonts().body, color::muted, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    if (text_field("worker_name", v.name_label, &st.name, w))
        ImGui::SetKeyboardFocusHere();  // Klaar moves on to the team
    ImGui::Dummy(ImVec2(0, dp(8)));
    return text_field("worker_team", v.team_label, &st.team, w);
}

// Four segments, filled up to the score; the word beside the colour says the same.
void strength_meter(const present::FirstRunView& v, float w) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float gap = dp(8), h = dp(12), seg = (w - 3 * gap) / 4;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 fill = v.strong_enough   ? color::level(5)
                       : v.strength >= 2 ? color::level(2)
                                         : color::level(1);
    for (int i = 0; i < 4; ++i) {
        const ImVec2 a(p.x + i * (seg + gap), p.y);
        dl->AddRectFilled(a, ImVec2(a.x + seg, a.y + h), i < v.strength ? fill : color::border,
                          dp(4));
    }
    ImGui::Dummy(ImVec2(w, h + dp(4)));
    text(v.strength_line, fonts().body_bold, color::text, w);
    text(v.advice, fonts().body, v.strong_enough ? color::accent : color::text, w);
}

// The first field with its meter under it, or beside it (meter_beside).
bool passphrase_page(const present::FirstRunView& v, FirstRunState& st, float w, bool beside) {
    text(v.pass_hint, fonts().body, color::muted, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    const float gap = dp(32), fw = beside ? (w - gap) * 0.5f : w;
    const ImVec2 row = ImGui::GetCursorPos();
    const float label_y = ImGui::GetCursorScreenPos().y;
    const bool first =
        secret_field("pass_first", v.pass_first, st.pass.chars(), st.pass.size(), fw);
    const bool typing = ImGui::IsItemActive();
    const float field_top = row.y + ImGui::GetItemRectMin().y - label_y;
    const float below_field = ImGui::GetCursorPosY();
    if (beside) ImGui::SetCursorPos(ImVec2(row.x + fw + gap, field_top));
    ImGui::BeginGroup();
    if (v.strength >= 0) strength_meter(v, beside ? ImGui::GetContentRegionAvail().x : w);
    ImGui::EndGroup();
    if (typing && v.strength >= 0) keep_meter_in_view(label_y, ImGui::GetItemRectMax().y);
    if (beside) ImGui::SetCursorPos(ImVec2(row.x, std::max(below_field, ImGui::GetCursorPosY())));
    ImGui::Dummy(ImVec2(0, dp(8)));
    if (first) ImGui::SetKeyboardFocusHere();  // Klaar moves on to the repetition
    return secret_field("pass_repeat", v.pass_repeat, st.repeat.chars(), st.repeat.size(), fw);
}

bool pin_page(const present::FirstRunView& v, FirstRunState& st, float w) {
    text(v.pin_hint, fonts().body, color::muted, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    const bool none_active = !ImGui::IsAnyItemActive();
    const bool first_empty = st.pins.first.text().empty();
    const float fw = w >= dp(560) ? (w - dp(16)) * 0.5f : w;
    ImGui::BeginGroup();
    const bool enter1 =
        pin_field("##pin1", v.pin_first, st.pins.first, fw, none_active && first_empty);
    ImGui::EndGroup();
    if (fw < w) ImGui::SameLine(0, dp(16));
    if (enter1) ImGui::SetKeyboardFocusHere();
    ImGui::BeginGroup();
    const bool enter2 = pin_field("##pin2", v.pin_repeat, st.pins.repeat, fw, false);
    ImGui::EndGroup();
    return enter2;
}

// The page's intent: what the bottom-right button and Enter in the last field ask for. The
// secrets are views of the page's wiped fields (wiped again once dispatched).
void next_intent(const present::FirstRunView& v, FirstRunState& st, Commands& out) {
    switch (v.page) {
        case Page::welcome:
            out.push_back(SetupStart{});
            break;
        case Page::worker:
            out.push_back(SetupWorker{store::Worker{st.name, st.team}});
            break;
        case Page::passphrase:
            out.push_back(SetupPassphrase{st.pass.text(), st.repeat.text()});
            break;
        case Page::pin:
            out.push_back(SetupCreate{st.pins.first.text(), st.pins.repeat.text()});
            break;
    }
}

bool page_ready(const present::FirstRunView& v, const FirstRunState& st) {
    if (v.page == Page::passphrase) return !st.pass.text().empty() && !st.repeat.text().empty();
    if (v.page == Page::pin) return !st.pins.first.text().empty() && !st.pins.repeat.text().empty();
    return true;
}

void bottom_buttons(const present::FirstRunView& v, FirstRunState& st, bool enter, Commands& out) {
    begin_bottom_bar();
    const float pad = ImGui::GetStyle().WindowPadding.x;
    const float y = ImGui::GetCursorPosY();
    if (v.page != Page::welcome) {
        ImGui::SetCursorPosX(pad);
        if (button("first_run.back", v.back, ButtonKind::quiet, 0, true, Icon::back))
            out.push_back(SetupBack{});
    }
    const std::string& label = v.page == Page::welcome ? v.start
                               : v.page == Page::pin   ? v.create
                                                       : v.next;
    const float bw = std::max(dp(240), text_size(fonts().body_bold, label).x + dp(64));
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - bw - pad, y));
    const bool ready = page_ready(v, st);
    if ((button("first_run.next", label, ButtonKind::primary, bw, ready) || enter) && ready)
        next_intent(v, st, out);
}

}  // namespace

void draw_first_run_screen(const present::FirstRunView& v, FirstRunState& st, Commands& out) {
    begin_screen("##first_run");
    if (!st.loaded) {
        st.name = v.worker.name;
        st.team = v.worker.team;
        st.loaded = true;
    }
    const bool beside = meter_beside(v);
    const float w = column_width(beside);
    header(v.step_line, v.title, w);
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - w) * 0.5f);
    ImGui::BeginChild("##first_run_body", ImVec2(w, body_height()), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    if (!v.error.empty()) {
        text(v.error, fonts().body_bold, color::danger, w);
        ImGui::Dummy(ImVec2(0, dp(8)));
    }
    bool enter = false;
    switch (v.page) {
        case Page::welcome:
            welcome_page(v, w);
            break;
        case Page::worker:
            enter = worker_page(v, st, w);
            break;
        case Page::passphrase:
            enter = passphrase_page(v, st, w, beside);
            break;
        case Page::pin:
            enter = pin_page(v, st, w);
            break;
    }
    ImGui::EndChild();
    bottom_buttons(v, st, enter, out);
    end_screen();
}

void draw_first_enroll_screen(const present::FirstEnrollView& v, const present::SyncView& sync,
                              SettingsState& st, Commands& out) {
    begin_screen("##first_enroll");
    const float w = column_width();
    header("", v.title, w);
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - w) * 0.5f);
    ImGui::BeginChild("##first_enroll_body", ImVec2(w, body_height()), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    text(v.hint, fonts().body, color::text, w);
    draw_sync_section(sync, st, out);
    ImGui::EndChild();
    begin_bottom_bar();
    const std::string& label = v.enrolled ? v.next : v.later;
    const float bw = std::max(dp(240), text_size(fonts().body_bold, label).x + dp(64));
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - bw - ImGui::GetStyle().WindowPadding.x);
    if (button("first_run.enroll.later", label,
               v.enrolled ? ButtonKind::primary : ButtonKind::secondary, bw, !sync.running))
        out.push_back(flow::FirstRunDone{});
    end_screen();
}

}  // namespace kt::kiosk
