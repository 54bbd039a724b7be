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

float field_height() {
    return std::max(scale().min_target(), dp(72));
}

// The passphrase field, a finger high; it keeps the keyboard: after a wrong try the worker
// just types again. Returns true on Enter.
bool passphrase_input(const std::string& label, crypto::SecretBytes& passphrase, float w) {
    ImGui::PushFont(fonts().card);
    ImGui::SetNextItemWidth(w);
    if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const float pad_y = (field_height() - fonts().card->FontSize) * 0.5f;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(16), pad_y));
    const bool enter =
        ImGui::InputText("##passphrase", passphrase.chars(), passphrase.size(),
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    record_target(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopStyleVar();
    ImGui::PopFont();
    return enter;
}

bool ready(const present::UnlockView& v, crypto::SecretBytes& passphrase) {
    return !passphrase.text().empty() && !v.waiting;
}

// The name, the hint, the field and a wide button under it. With the keyboard up a wrong
// try's message takes the hint's place.
float stacked_height(const present::UnlockView& v, float w) {
    return text_size(fonts().heading, v.app_name, w).y + dp(8) +
           text_size(fonts().body, v.hint, w).y + dp(16) +
           text_size(fonts().body_bold, v.prompt, w).y + field_height() + dp(16) + field_height();
}

void draw_stacked(const present::UnlockView& v, crypto::SecretBytes& passphrase, float w,
                  bool keyboard, Commands& out) {
    ImGui::BeginGroup();
    text(v.app_name, fonts().heading, color::text, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    if (keyboard && !v.error.empty())
        text(v.error, fonts().body_bold, color::danger, w);
    else
        text(v.hint, fonts().body, color::muted, w);
    ImGui::Dummy(ImVec2(0, dp(16)));
    text(v.prompt, fonts().body_bold, color::text, w);
    const bool enter = passphrase_input(v.prompt, passphrase, w);
    if (!v.error.empty() && !keyboard) {
        ImGui::Dummy(ImVec2(0, dp(4)));
        text(v.error, fonts().body_bold, color::danger, w);
    }
    ImGui::Dummy(ImVec2(0, dp(16)));
    const bool tap =
        button("unlock.button", v.button, ButtonKind::primary, w, ready(v, passphrase));
    if ((enter || tap) && ready(v, passphrase)) out.push_back(SubmitPassphrase{passphrase.text()});
    ImGui::EndGroup();
}

// A short screen with the keyboard up (a 1280x800 screen at 220 dpi): the label (or the
// error) over the field with its button beside it, and the name only when it fits too.
void draw_compact(const present::UnlockView& v, crypto::SecretBytes& passphrase, float w,
                  float space, Commands& out) {
    const std::string& label = v.error.empty() ? v.prompt : v.error;
    ImFont* label_font = fonts().body_bold;
    const float bw = text_size(fonts().body_bold, v.button).x + dp(64);
    const float row = text_size(label_font, label, w).y + dp(8) + field_height();
    const float name = text_size(fonts().heading, v.app_name, w).y + dp(8);
    ImGui::BeginGroup();
    if (dp(16) + name + row + dp(16) <= space) {
        text(v.app_name, fonts().heading, color::text, w);
        ImGui::Dummy(ImVec2(0, dp(8) - ImGui::GetStyle().ItemSpacing.y));
    }
    text(label, label_font, v.error.empty() ? color::text : color::danger, w);
    const bool enter = passphrase_input(v.prompt, passphrase, w - bw - dp(16));
    ImGui::SameLine(0, dp(16));
    const bool tap =
        button("unlock.button", v.button, ButtonKind::primary, bw, ready(v, passphrase));
    if ((enter || tap) && ready(v, passphrase)) out.push_back(SubmitPassphrase{passphrase.text()});
    ImGui::EndGroup();
}

}  // namespace

// The lock screen shows the app's name and nothing about any client.
void draw_unlock_screen(const present::UnlockView& v, crypto::SecretBytes& passphrase,
                        Commands& out) {
    begin_screen("##unlock");
    if (v.wiped) {  // nothing to type: the vault can never open again on this device
        const float w = std::min(dp(640), ImGui::GetWindowWidth() - dp(48));
        ImGui::SetCursorPos(
            ImVec2((ImGui::GetWindowWidth() - w) * 0.5f, ImGui::GetWindowHeight() * 0.25f));
        ImGui::BeginGroup();
        text(v.app_name, fonts().heading, color::text, w);
        ImGui::Dummy(ImVec2(0, dp(16)));
        text(v.error, fonts().body_bold, color::danger, w);
        ImGui::EndGroup();
        end_screen();
        return;
    }
    const bool keyboard = keyboard_height() > 0;
    const float space = ImGui::GetWindowHeight() - keyboard_height();
    float w = std::min(dp(640), ImGui::GetWindowWidth() - dp(48));
    // With the on-screen keyboard up the field and its button stay above it: start near the
    // top, and when the stack does not fit, put the button beside the field.
    const bool stacked = !keyboard || dp(24) + stacked_height(v, w) + dp(16) <= space;
    if (!stacked) w = std::min(dp(1000), ImGui::GetWindowWidth() - dp(48));
    const float x = (ImGui::GetWindowWidth() - w) * 0.5f;
    ImGui::SetCursorPos(ImVec2(x, !keyboard ? ImGui::GetWindowHeight() * 0.18f
                                  : stacked ? dp(24)
                                            : dp(16)));
    if (stacked)
        draw_stacked(v, passphrase, w, keyboard, out);
    else
        draw_compact(v, passphrase, w, space, out);
    end_screen();
}

}  // namespace kt::kiosk
