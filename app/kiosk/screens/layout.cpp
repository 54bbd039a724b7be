#include "screens/layout.hpp"

#include <imgui.h>

#include <algorithm>

#include "widgets/frame_record.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/pictograms.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

void begin_screen(const char* id) {
    keyboard_state().language = "nl";  // the worker's; client mode sets the client's after this
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);
}

void end_screen() {
    ImGui::End();
}

void top_bar(const std::string& back_label, const std::string& title, const std::string& subtitle,
             const std::string& lock_label, Commands& out, int pictogram) {
    const float y0 = ImGui::GetCursorPosY();
    const float min_h = std::max(scale().min_target(), dp(72));
    if (!back_label.empty()) {
        if (button("nav.back", back_label, ButtonKind::quiet, 0, true, Icon::back))
            out.push_back(flow::Back{});
        ImGui::SameLine(0, dp(24));
    }
    if (pictogram >= 0) {
        const float size = dp(48);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        draw_pictogram(ImGui::GetWindowDrawList(), pictogram,
                       ImVec2(at.x, at.y + (min_h - size) / 2), size, color::text);
        ImGui::Dummy(ImVec2(size, min_h));
        ImGui::SameLine(0, dp(16));
    }
    const float text_x = ImGui::GetCursorPosX();
    const float lock_w = text_size(fonts().body, lock_label).x + dp(56);
    const float avail = ImGui::GetWindowWidth() - text_x - lock_w - dp(48);
    const float top = subtitle.empty() ? dp(14) : 0;
    ImGui::SetCursorPosY(y0 + top);
    // The title and subtitle belong above the divider (checked by expect-no-overlap): on a
    // narrow, upright screen they wrap and the bar grows with them.
    const float text_h = top + text_size(fonts().heading, title, avail).y +
                         (subtitle.empty() ? 0
                                           : ImGui::GetStyle().ItemSpacing.y +
                                                 text_size(fonts().small, subtitle, avail).y);
    const float h = std::max(min_h, text_h);
    const float bar_top = ImGui::GetWindowPos().y + y0;
    push_text_box(ImVec2(ImGui::GetWindowPos().x, bar_top),
                  ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), bar_top + h + dp(5)));
    ImGui::BeginGroup();
    text(title, fonts().heading, color::text, avail);
    if (!subtitle.empty()) text(subtitle, fonts().small, color::muted, avail);
    ImGui::EndGroup();
    pop_text_box();
    ImGui::SetCursorPos(
        ImVec2(ImGui::GetWindowWidth() - lock_w - ImGui::GetStyle().WindowPadding.x, y0));
    if (!lock_label.empty() && button("nav.lock", lock_label, ButtonKind::quiet, lock_w))
        out.push_back(flow::Lock{});
    // Back to the left edge: the body starts below the bar, whether or not a lock button was drawn.
    ImGui::SetCursorPos(ImVec2(ImGui::GetStyle().WindowPadding.x,
                               std::max(ImGui::GetCursorPosY(), y0 + h + dp(10))));
    const float line_y = ImGui::GetCursorScreenPos().y - dp(5);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(0, line_y), ImVec2(ImGui::GetWindowWidth(), line_y),
                                        color::border, dp(1));
}

float bottom_bar_height() {
    return std::max(scale().min_target(), dp(72)) + dp(24);
}

float body_height() {
    return ImGui::GetContentRegionAvail().y - bottom_bar_height() - keyboard_height();
}

void begin_bottom_bar() {
    const float h = bottom_bar_height();
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - keyboard_height() - h + dp(8));
}

void notice_band(const std::string& message) {
    const float w = ImGui::GetContentRegionAvail().x;
    const float pad = dp(16);
    const ImVec2 ts = text_size(fonts().body, message, w - 2 * pad - dp(8));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 e(p.x + w, p.y + ts.y + 2 * pad);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, e, color::surface, dp(8));
    dl->AddRect(p, e, color::danger, dp(8), 0, dp(2));
    dl->AddRectFilled(p, ImVec2(p.x + dp(8), e.y), color::danger, dp(8),
                      ImDrawFlags_RoundCornersLeft);
    draw_text(dl, fonts().body, ImVec2(p.x + pad + dp(8), p.y + pad), color::text, message,
              w - 2 * pad - dp(8));
    ImGui::Dummy(ImVec2(w, e.y - p.y));
    ImGui::Dummy(ImVec2(0, dp(8)));
}

}  // namespace kt::kiosk
