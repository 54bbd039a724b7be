// The client form: name, date of birth, wijk, team, household and consent. Saved on "Opslaan".
#include <imgui.h>

#include <algorithm>

#include "screens/client_form_logic.hpp"
#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/form.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

void name_fields(const present::ClientFormView& v, ClientForm& f) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = dp(16);
    const float small = std::min(dp(240), avail * 0.2f);
    const float wide = (avail - small - 2 * gap) / 2;
    ImGui::BeginGroup();
    text_field("given", v.given, &f.given, wide);
    ImGui::EndGroup();
    ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    text_field("tv", v.tussenvoegsel, &f.tussenvoegsel, small);
    ImGui::EndGroup();
    ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    text_field("family", v.family, &f.family, wide);
    ImGui::EndGroup();
    ImGui::BeginGroup();
    text_field("birth", v.birth_date + " (" + v.birth_hint + ")", &f.birth, wide);
    ImGui::EndGroup();
    ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    text_field("team", v.team, &f.team, wide);
    ImGui::EndGroup();
}

void wijk_chips(const present::ClientFormView& v, ClientForm& f) {
    section(v.wijk);
    for (std::size_t i = 0; i < v.wijken.size(); ++i) {
        if (i > 0) chip_flow(text_size(fonts().body, v.wijken[i]).x + dp(70));
        ImGui::PushID(int(i));
        const bool on = f.wijk == v.wijken[i];
        if (chip("wijk", v.wijken[i], on)) f.wijk = on ? std::string() : v.wijken[i];
        ImGui::PopID();
    }
}

void household(const present::ClientFormView& v, ClientForm& f) {
    section(v.household);
    for (std::size_t i = 0; i < f.household.size(); ++i) {
        auto& m = f.household[i];
        ImGui::PushID(int(i));
        const std::string who = v.relations[std::size_t(m.relation)].label;
        stepper("age", who + ", " + v.age, &m.age, 1, 0, 125);
        ImGui::SameLine(0, dp(24));
        if (button("remove", v.remove, ButtonKind::quiet))
            f.household.erase(f.household.begin() + long(i));
        ImGui::PopID();
    }
    text(v.add_member, fonts().small, color::muted);
    for (std::size_t i = 0; i < v.relations.size(); ++i) {
        if (i > 0) chip_flow(text_size(fonts().body, v.relations[i].label).x + dp(70));
        if (chip(("add." + v.relations[i].key).c_str(), "+ " + v.relations[i].label, false))
            f.household.push_back(default_member(model::kRelations[i]));
    }
}

void consents(const present::ClientFormView& v, ClientForm& f) {
    section(v.consent);
    // The two chips beside each purpose where they fit (landscape), else on the line below it,
    // under the purpose's words (an upright tablet).
    const float avail = ImGui::GetContentRegionAvail().x;
    const float chips_w = chip_width(v.consent_by_client, true) + dp(8) +
                          chip_width(v.consent_by_representative, true);
    const float beside_w = std::min(dp(560), avail * 0.55f);
    const bool beside = beside_w + dp(16) + chips_w <= avail;
    const float w = beside ? beside_w : avail;
    for (std::size_t i = 0; i < v.purposes.size(); ++i) {
        model::Consent& k = consent_slot(f, model::kConsentPurposes[i]);
        ImGui::PushID(int(i));
        if (toggle("given", v.purposes[i].label, &k.given, w)) k.recorded_at = 0;
        if (beside)
            ImGui::SameLine(0, dp(16));
        else
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + dp(56));
        if (chip("client", v.consent_by_client, k.given_by == model::ConsentGiver::client)) {
            k.given_by = model::ConsentGiver::client;
            k.recorded_at = 0;
        }
        ImGui::SameLine(0, dp(8));
        if (chip("rep", v.consent_by_representative,
                 k.given_by == model::ConsentGiver::representative)) {
            k.given_by = model::ConsentGiver::representative;
            k.recorded_at = 0;
        }
        ImGui::PopID();
    }
}

}  // namespace

void draw_client_form_screen(const present::ClientFormView& v, ClientForm& f, Commands& out) {
    begin_screen("##client_form");
    top_bar(v.cancel, v.title, "", "", out);
    const float body_h = body_height();
    ImGui::BeginChild("##form", ImVec2(0, body_h), false, ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    name_fields(v, f);
    wijk_chips(v, f);
    household(v, f);
    consents(v, f);
    ImGui::EndChild();
    // The bar sits on the keyboard while it shows: "Opslaan" stays in reach.
    begin_bottom_bar();
    const float bar_y = ImGui::GetCursorPosY();
    if (!v.error.empty())
        text(v.error, fonts().body_bold, color::danger, ImGui::GetWindowWidth() * 0.6f);
    const float bw = dp(240);
    ImGui::SetCursorPos(
        ImVec2(ImGui::GetWindowWidth() - bw - ImGui::GetStyle().WindowPadding.x, bar_y));
    if (button("form.save", v.save, ButtonKind::primary, bw)) {
        model::Client c;
        if (form_to_client(f, c)) out.push_back(SaveClient{c});
    }
    end_screen();
}

}  // namespace kt::kiosk
