// Who sits at the table: chosen before the matrix opens.
#include <imgui.h>

#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/form.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

std::vector<model::Participant> chosen(const SetupState& st) {
    std::vector<model::Participant> out;
    for (std::size_t i = 0; i < st.chosen.size(); ++i) {
        if (!st.chosen[i]) continue;
        const auto role = model::kParticipantRoles[i];
        std::string detail;
        if (role == model::ParticipantRole::representative) detail = st.representative_role;
        if (role == model::ParticipantRole::professional) detail = st.professional_role;
        out.push_back({role, detail});
    }
    return out;
}

}  // namespace

void draw_setup_screen(const present::SetupView& v, SetupState& st, Commands& out) {
    begin_screen("##setup");
    top_bar(v.back, v.title, v.subtitle, v.lock, out);
    if (st.chosen.size() != v.roles.size()) st.chosen.assign(v.roles.size(), false);
    text(v.hint, fonts().body, color::muted);
    const float list_h = body_height();
    ImGui::BeginChild("##roles", ImVec2(0, list_h), false, ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    for (std::size_t i = 0; i < v.roles.size(); ++i) {
        if (i > 0) chip_flow(text_size(fonts().body, v.roles[i].label).x + dp(70));
        if (chip(v.roles[i].key.c_str(), v.roles[i].label, st.chosen[i]))
            st.chosen[i] = !st.chosen[i];
    }
    const float w = std::min(dp(640), ImGui::GetContentRegionAvail().x);
    for (std::size_t i = 0; i < v.roles.size(); ++i) {
        const auto role = model::kParticipantRoles[i];
        if (!st.chosen[i]) continue;
        if (role == model::ParticipantRole::representative)
            text_field("rep", v.roles[i].label + ": " + v.detail_label, &st.representative_role, w);
        if (role == model::ParticipantRole::professional)
            text_field("prof", v.roles[i].label + ": " + v.detail_label, &st.professional_role, w);
    }
    ImGui::EndChild();
    begin_bottom_bar();
    const auto present = chosen(st);
    const float bw = text_size(fonts().body_bold, v.start).x + dp(100);
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - bw - ImGui::GetStyle().WindowPadding.x);
    if (button("setup.start", v.start, ButtonKind::primary, bw, !present.empty(), Icon::forward))
        out.push_back(StartAssessment{present});
    end_screen();
}

}  // namespace kt::kiosk
