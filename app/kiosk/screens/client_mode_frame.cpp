#include "screens/client_mode_frame.hpp"

#include <imgui.h>

#include <algorithm>

#include "screens/layout.hpp"
#include "widgets/form.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/rtl_text.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

// The worker's PIN, asked in the client's language and, when that is another one, in the
// worker's own (left to right) below it; nothing of the review shows meanwhile.
void pin_prompt(const present::ReviewView& v, ReviewState& st, Commands& out) {
    const float w = std::min(dp(560), ImGui::GetContentRegionAvail().x);
    ImGui::SetCursorPosX(start_x(v, (ImGui::GetContentRegionAvail().x - w) / 2, w));
    ImGui::BeginGroup();
    text_dir(v.back_to_worker, fonts().heading, color::text, w);
    if (!v.worker_pin_own.empty()) {
        TextDirectionScope own(false);
        text_dir(v.worker_pin_own, fonts().body, color::muted, w);
    }
    if (!ImGui::IsAnyItemActive() && st.pin.text().empty()) ImGui::SetKeyboardFocusHere();
    const bool enter = secret_field("worker_pin", v.worker_pin, st.pin.chars(), 7, w);
    if (!v.error.empty()) text_dir(v.error, fonts().body_bold, color::danger, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    const float bw = (w - dp(16)) / 2;
    if (button("pin_cancel", v.cancel, ButtonKind::quiet, bw)) {
        st.asking_pin = false;
        st.pin.wipe();
    }
    ImGui::SameLine(0, dp(16));
    if ((button("review.back_to_worker", v.back_to_worker, ButtonKind::primary, bw) || enter) &&
        !st.pin.text().empty())
        out.push_back(ReturnToWorker{st.pin.text()});
    ImGui::EndGroup();
}

void language_row(const present::ReviewView& v, Commands& out) {
    float x = 0;
    for (const auto& lang : v.languages) {
        const float w = text_size_dir(fonts().body, lang.label).x + dp(48);
        ImGui::SetCursorPosX(start_x(v, x, w));
        ImGui::PushID(lang.key.c_str());
        const bool current = lang.key == v.locale;
        if (button("lang", lang.label, current ? ButtonKind::primary : ButtonKind::quiet, w) &&
            !current)
            out.push_back(SetClientLocale{lang.key});
        ImGui::PopID();
        ImGui::SameLine(0, 0);
        x += w + dp(12);
    }
    ImGui::NewLine();
}

}  // namespace

float start_x(const present::ReviewView& v, float from_start, float w) {
    const float region_x = ImGui::GetWindowContentRegionMin().x;
    const float region_w = ImGui::GetWindowContentRegionMax().x - region_x;
    const float x = region_x + from_start;
    return v.rtl ? mirror_x(x, w, region_x, region_w) : x;
}

bool client_top(const present::ReviewView& v, ReviewState& st, Commands& out) {
    const float y0 = ImGui::GetCursorPosY();
    const float back_w = text_size_dir(fonts().body, v.back_to_worker).x + dp(56);
    const float lock_w = text_size(fonts().body, v.lock).x + dp(56);
    const float title_w = ImGui::GetContentRegionAvail().x - back_w - lock_w - dp(48);
    ImGui::SetCursorPos(ImVec2(start_x(v, 0, title_w), y0 + dp(14)));
    text_dir(v.title, fonts().heading, color::text, title_w);
    ImGui::SetCursorPos(ImVec2(start_x(v, title_w + dp(24), back_w), y0));
    if (button("back_to_worker_top", v.back_to_worker, ButtonKind::quiet, back_w))
        st.asking_pin = true;
    ImGui::SetCursorPos(ImVec2(start_x(v, title_w + back_w + dp(40), lock_w), y0));
    if (button("nav.lock", v.lock, ButtonKind::quiet, lock_w)) out.push_back(flow::Lock{});
    ImGui::SetCursorPosY(y0 + std::max(scale().min_target(), dp(72)) + dp(12));
    if (st.asking_pin) {
        pin_prompt(v, st, out);
        return false;
    }
    language_row(v, out);
    const float line_y = ImGui::GetCursorScreenPos().y + dp(4);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(0, line_y), ImVec2(ImGui::GetWindowWidth(), line_y),
                                        color::border, dp(1));
    ImGui::Dummy(ImVec2(0, dp(12)));
    return true;
}

void client_bottom(const present::ReviewView& v, const std::string& prev, bool can_prev,
                   const std::string& next, bool next_enabled, Commands& out,
                   const Command& on_prev, const Command& on_next) {
    begin_bottom_bar();
    const float y = ImGui::GetCursorPosY();
    const float bw = dp(260);
    const float region =
        ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
    ImGui::SetCursorPos(ImVec2(start_x(v, 0, bw), y));
    if (button("review.previous", prev, ButtonKind::secondary, bw, can_prev,
               v.rtl ? Icon::none : Icon::back))
        out.push_back(on_prev);
    ImGui::SetCursorPos(ImVec2(start_x(v, region - bw, bw), y));
    if (button("review.next", next, ButtonKind::primary, bw, next_enabled,
               v.rtl ? Icon::none : Icon::forward))
        out.push_back(on_next);
}

void read_aloud_button(const present::ReviewView& v, ReviewState& st, float x, Commands& out) {
    const float w = text_size_dir(fonts().body, v.read_aloud).x + dp(56);
    ImGui::SetCursorPosX(x >= 0 ? x : start_x(v, 0, w));
    if (button("review.read_aloud", v.read_aloud, ButtonKind::secondary, w)) {
        st.speech_note.clear();
        out.push_back(ReadAloud{v.speech, v.locale});
    }
    if (!st.speech_note.empty()) text_dir(st.speech_note, fonts().small, color::muted);
}

}  // namespace kt::kiosk
