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

// The lock screen shows the app's name and nothing about any client.
void draw_unlock_screen(const present::UnlockView& v, crypto::SecretBytes& passphrase,
                        Commands& out) {
    begin_screen("##unlock");
    const float w = std::min(dp(640), ImGui::GetWindowWidth() - dp(48));
    const float x = (ImGui::GetWindowWidth() - w) * 0.5f;
    // With the on-screen keyboard up the field and its button stay above it: start near the
    // top, and a wrong try's message takes the hint's place.
    const bool keyboard = keyboard_height() > 0;
    ImGui::SetCursorPos(ImVec2(x, keyboard ? dp(24) : ImGui::GetWindowHeight() * 0.18f));
    ImGui::BeginGroup();
    text(v.app_name, fonts().heading, color::text, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    if (keyboard && !v.error.empty())
        text(v.error, fonts().body_bold, color::danger, w);
    else
        text(v.hint, fonts().body, color::muted, w);
    ImGui::Dummy(ImVec2(0, dp(16)));
    text(v.prompt, fonts().body_bold, color::text, w);
    ImGui::PushFont(fonts().card);
    ImGui::SetNextItemWidth(w);
    // The field keeps the keyboard: after a wrong try the worker just types again.
    if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const float pad_y = (std::max(scale().min_target(), dp(72)) - fonts().card->FontSize) * 0.5f;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(16), pad_y));
    const bool enter =
        ImGui::InputText("##passphrase", passphrase.chars(), passphrase.size(),
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    record_target(v.prompt, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopStyleVar();
    ImGui::PopFont();
    if (!v.error.empty() && !keyboard) {
        ImGui::Dummy(ImVec2(0, dp(4)));
        text(v.error, fonts().body_bold, color::danger, w);
    }
    ImGui::Dummy(ImVec2(0, dp(16)));
    const bool ready = !passphrase.text().empty() && !v.waiting;
    const bool tap = button("unlock.button", v.button, ButtonKind::primary, w, ready);
    if ((enter || tap) && ready) out.push_back(SubmitPassphrase{});
    ImGui::EndGroup();
    end_screen();
}

}  // namespace kt::kiosk
