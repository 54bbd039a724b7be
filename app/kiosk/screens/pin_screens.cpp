// PIN setup at first unlock, and the idle-lock screen (the app's name and the time only).
#include <imgui.h>

#include <algorithm>

#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/frame_record.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

// A digits-only secret field in wiped memory; returns true on Enter.
bool pin_field(const char* id, const std::string& label, crypto::SecretBytes& buf, float w,
               bool focus) {
    text(label, fonts().body_bold, color::text, w);
    ImGui::PushFont(fonts().card);
    ImGui::SetNextItemWidth(w);
    if (focus) ImGui::SetKeyboardFocusHere();
    const float pad_y = (std::max(scale().min_target(), dp(72)) - fonts().card->FontSize) * 0.5f;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(16), pad_y));
    const bool enter =
        ImGui::InputText(id, buf.chars(), 7,
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                             ImGuiInputTextFlags_EnterReturnsTrue);
    keyboard_digits_only();
    record_target(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopStyleVar();
    ImGui::PopFont();
    return enter;
}

namespace {

float column(float max_w) {
    const float w = std::min(dp(max_w), ImGui::GetWindowWidth() - dp(48));
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - w) * 0.5f);
    return w;
}

void full_lock_button(const present::LockView& v, float w, Commands& out) {
    if (button("lock.full", v.full_lock, ButtonKind::quiet, w)) out.push_back(flow::Lock{});
}

}  // namespace

void draw_pin_setup_screen(const present::PinSetupView& v, PinFields& pins, Commands& out) {
    begin_screen("##pin_setup");
    // Up to the top while the on-screen keyboard shows, with the two fields side by side, so
    // the button stays above it.
    const bool keyboard = keyboard_height() > 0;
    ImGui::SetCursorPosY(keyboard ? dp(16) : ImGui::GetWindowHeight() * 0.10f);
    const float w = column(640);
    const float fw = keyboard ? (w - dp(16)) * 0.5f : w;
    ImGui::BeginGroup();
    text(v.title, fonts().heading, color::text, w);
    text(v.hint, fonts().body, color::muted, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    const bool none_active = !ImGui::IsAnyItemActive();
    const bool first_empty = pins.first.text().empty();
    ImGui::BeginGroup();
    const bool enter1 =
        pin_field("##pin1", v.first_label, pins.first, fw, none_active && first_empty);
    ImGui::EndGroup();
    if (keyboard) ImGui::SameLine(0, dp(16));
    if (enter1) ImGui::SetKeyboardFocusHere();
    ImGui::BeginGroup();
    const bool enter2 =
        pin_field("##pin2", v.repeat_label, pins.repeat, fw, none_active && !first_empty);
    ImGui::EndGroup();
    if (!v.error.empty()) text(v.error, fonts().body_bold, color::danger, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    if (button("pin.button", v.button, ButtonKind::primary, w) || enter2)
        out.push_back(ChoosePin{pins.first.text(), pins.repeat.text()});
    ImGui::EndGroup();
    end_screen();
}

void draw_lock_screen(const present::LockView& v, PinFields& pins, Commands& out) {
    begin_screen("##lock");
    // While the digits pad shows, the two buttons share one row above it.
    const bool keyboard = keyboard_height() > 0;
    ImGui::SetCursorPosY(keyboard ? dp(16) : ImGui::GetWindowHeight() * 0.10f);
    const float w = column(560);
    const float bw = keyboard ? (w - dp(16)) * 0.5f : w;
    ImGui::BeginGroup();
    text(v.app_name, fonts().heading, color::text, w);
    text(v.time, fonts().digit, color::muted, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    const bool enter = pin_field("##pin", v.prompt, pins.first, w, !ImGui::IsAnyItemActive());
    if (!v.error.empty()) text(v.error, fonts().body_bold, color::danger, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    // The primary action at the right in a row, within thumb reach (VISUAL.md).
    if (keyboard) {
        full_lock_button(v, bw, out);
        ImGui::SameLine(0, dp(16));
    }
    if (button("lock.button", v.button, ButtonKind::primary, bw) || enter)
        out.push_back(SubmitPin{pins.first.text()});
    if (!keyboard) {
        ImGui::Dummy(ImVec2(0, dp(8)));
        full_lock_button(v, bw, out);
    }
    ImGui::EndGroup();
    end_screen();
}

}  // namespace kt::kiosk
