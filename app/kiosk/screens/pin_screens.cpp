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

namespace {

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
    record_target(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopStyleVar();
    ImGui::PopFont();
    return enter;
}

float column(float max_w) {
    const float w = std::min(dp(max_w), ImGui::GetWindowWidth() - dp(48));
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - w) * 0.5f);
    return w;
}

}  // namespace

void draw_pin_setup_screen(const present::PinSetupView& v, PinFields& pins, Commands& out) {
    begin_screen("##pin_setup");
    // Up to the top while the on-screen keyboard shows, so the button stays above it.
    ImGui::SetCursorPosY(keyboard_height() > 0 ? dp(16) : ImGui::GetWindowHeight() * 0.10f);
    const float w = column(640);
    ImGui::BeginGroup();
    text(v.title, fonts().heading, color::text, w);
    text(v.hint, fonts().body, color::muted, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    const bool none_active = !ImGui::IsAnyItemActive();
    const bool first_empty = pins.first.text().empty();
    const bool enter1 =
        pin_field("##pin1", v.first_label, pins.first, w, none_active && first_empty);
    if (enter1) ImGui::SetKeyboardFocusHere();
    const bool enter2 =
        pin_field("##pin2", v.repeat_label, pins.repeat, w, none_active && !first_empty);
    if (!v.error.empty()) text(v.error, fonts().body_bold, color::danger, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    if (button("pin.button", v.button, ButtonKind::primary, w) || enter2)
        out.push_back(ChoosePin{});
    ImGui::EndGroup();
    end_screen();
}

void draw_lock_screen(const present::LockView& v, PinFields& pins, Commands& out) {
    begin_screen("##lock");
    ImGui::SetCursorPosY(keyboard_height() > 0 ? dp(16) : ImGui::GetWindowHeight() * 0.10f);
    const float w = column(560);
    ImGui::BeginGroup();
    text(v.app_name, fonts().heading, color::text, w);
    text(v.time, fonts().digit, color::muted, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    const bool enter = pin_field("##pin", v.prompt, pins.first, w, !ImGui::IsAnyItemActive());
    if (!v.error.empty()) text(v.error, fonts().body_bold, color::danger, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    if (button("lock.button", v.button, ButtonKind::primary, w) || enter)
        out.push_back(SubmitPin{});
    ImGui::Dummy(ImVec2(0, dp(8)));
    if (button("lock.full", v.full_lock, ButtonKind::quiet, w))
        out.push_back(Navigate{flow::Lock{}});
    ImGui::EndGroup();
    end_screen();
}

}  // namespace kt::kiosk
