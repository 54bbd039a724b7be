// The network map (netwerkkaart): the map on the left (on an upright screen on top), where
// people are tapped to choose and dragged to another ring; on the right (or under it) the
// summary, the add form or the chosen person's details, and the reasons for not asking more
// with a note. Every change is a command.
#include <imgui.h>

#include <algorithm>

#include "screens/layout.hpp"
#include "screens/network_map_draw.hpp"
#include "screens/screens.hpp"
#include "widgets/form.hpp"
#include "widgets/frame_record.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

const present::NetworkPersonView* find(const present::NetworkView& v, const std::string& id) {
    for (const auto& p : v.people)
        if (p.person.id == id) return &p;
    return nullptr;
}

// One marker: a tap chooses the person, a drag moves them to the ring where the finger lifts.
void person_target(const present::NetworkView& v, std::size_t i, NetworkState& st, Commands& out) {
    const auto& p = v.people[i];
    const float r = v.layout.marker_radius;
    const ImVec2 c(p.pos.x, p.pos.y);
    ImGui::SetCursorScreenPos(ImVec2(c.x - r, c.y - r));
    ImGui::PushID(p.person.id.c_str());
    ImGui::InvisibleButton("person", ImVec2(2 * r, 2 * r));
    ImGui::PopID();
    record_target(p.person.label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (v.read_only) {
        if (ImGui::IsItemClicked()) st.selected = p.person.id;
        return;
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(0)) st.dragging = int(i);
    if (!ImGui::IsItemDeactivated()) return;
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (st.dragging == int(i)) {
        const int ring = present::ring_at(v.layout, {m.x, m.y});
        if (ring >= 0 && ring != p.person.ring) out.push_back(MovePerson{p.person.id, ring});
        st.dragging = -1;
    } else {
        st.selected = st.selected == p.person.id ? "" : p.person.id;
        st.panel_to_top = true;  // the chosen person's name heads the panel
    }
}

void draw_map(const present::NetworkView& v, NetworkState& st, Commands& out) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    std::vector<present::Vec2> people;
    for (const auto& p : v.people)
        people.push_back(p.pos);
    draw_rings(dl, v.layout, v.ring_names, people);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t i = 0; i < v.people.size(); ++i) {
        const bool moving = st.dragging == int(i);
        const ImVec2 at = moving ? mouse : ImVec2(v.people[i].pos.x, v.people[i].pos.y);
        draw_tie(dl, v.layout, v.people[i], at);
    }
    draw_client(dl, v.layout, v.client_label);
    for (std::size_t i = 0; i < v.people.size(); ++i) {
        const bool moving = st.dragging == int(i);
        const ImVec2 at = moving ? mouse : ImVec2(v.people[i].pos.x, v.people[i].pos.y);
        draw_person(dl, v.people[i], at, v.layout.marker_radius,
                    st.selected == v.people[i].person.id);
    }
    for (std::size_t i = 0; i < v.people.size(); ++i) {
        const bool moving = st.dragging == int(i);
        const ImVec2 at = moving ? mouse : ImVec2(v.people[i].pos.x, v.people[i].pos.y);
        draw_person_name(dl, v.people[i], at, v.layout.marker_radius,
                         st.selected == v.people[i].person.id);
    }
    for (std::size_t i = 0; i < v.people.size(); ++i)
        person_target(v, i, st, out);
}

void add_form(const present::NetworkView& v, NetworkState& st, float w, Commands& out) {
    section(v.add_title);
    text_field("new_label", v.label_field, &st.new_label, w);
    text(v.label_hint, fonts().small, color::muted, w);
    section(v.kind_title);
    for (std::size_t i = 0; i < v.kinds.size(); ++i) {
        if (i > 0) chip_flow(text_size(fonts().body, v.kinds[i].label).x + dp(70));
        ImGui::PushID(int(i));
        if (chip("kind", v.kinds[i].label, st.new_kind == int(i))) st.new_kind = int(i);
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(0, dp(8)));
    const bool ready = !st.new_label.empty() && v.map.people.size() < model::kMaxNetworkPeople;
    if (button("network.screen.add", v.add_button, ButtonKind::primary, w, ready)) {
        model::NetworkPerson p;
        p.label = st.new_label;
        p.kind = model::kPersonKinds[std::size_t(st.new_kind)];
        p.ring = 1;
        out.push_back(AddPerson{p});
        st.new_label.clear();
    }
}

template <class E, std::size_t N>
void one_of(const std::vector<present::Option>& options, const E (&values)[N], E current, E none,
            const char* id, const model::NetworkPerson& person, E model::NetworkPerson::*field,
            Commands& out) {
    ImGui::PushID(id);
    for (std::size_t i = 0; i < N && i < options.size(); ++i) {
        if (i > 0) chip_flow(text_size(fonts().body, options[i].label).x + dp(70));
        ImGui::PushID(int(i));
        if (chip("opt", options[i].label, current == values[i])) {
            model::NetworkPerson p = person;
            p.*field = current == values[i] ? none : values[i];
            out.push_back(UpdatePerson{p});
        }
        ImGui::PopID();
    }
    ImGui::PopID();
}

void person_form(const present::NetworkView& v, const present::NetworkPersonView& pv,
                 NetworkState& st, float w, Commands& out) {
    const model::NetworkPerson& p = pv.person;
    text(p.label + " \u00b7 " + pv.kind_label, fonts().heading, color::text, w);
    if (!pv.details.empty()) text(pv.details, fonts().body, color::muted, w);
    // Done and remove first, in view whatever the panel's length.
    const float bw = (w - dp(16)) / 2;
    if (button("network.screen.done", v.done, ButtonKind::primary, bw)) st.selected.clear();
    ImGui::SameLine(0, dp(16));
    if (button("network.screen.remove", v.remove, ButtonKind::quiet, bw)) {
        out.push_back(RemovePerson{p.id});
        st.selected.clear();
    }
    section(v.gives_title);
    for (std::size_t i = 0; i < std::size(model::kGives); ++i) {
        const auto g = model::kGives[i];
        if (i > 0) chip_flow(text_size(fonts().body, v.gives[i].label).x + dp(70));
        ImGui::PushID(int(i));
        if (chip("give", v.gives[i].label, p.has(g))) {
            model::NetworkPerson next = p;
            next.set(g, !p.has(g));
            out.push_back(UpdatePerson{next});
        }
        ImGui::PopID();
    }
    section(v.frequency_title);
    one_of(v.frequencies, model::kFrequencies, p.frequency, model::Frequency::none, "freq", p,
           &model::NetworkPerson::frequency, out);
    ImGui::Dummy(ImVec2(0, dp(8)));
    bool more = p.could_do_more, hinders = p.hinders;
    if (toggle("more", v.could_do_more, &more, w)) {
        model::NetworkPerson next = p;
        next.could_do_more = more;
        out.push_back(UpdatePerson{next});
    }
    if (toggle("hinders", v.hinders, &hinders, w)) {
        model::NetworkPerson next = p;
        next.hinders = hinders;
        out.push_back(UpdatePerson{next});
    }
    if (p.has(model::Give::care)) {
        section(v.carer_title);
        one_of(v.carer_loads, model::kCarerLoads, p.carer_load, model::CarerLoad::none, "load", p,
               &model::NetworkPerson::carer_load, out);
    }
}

void reasons_form(const present::NetworkView& v, NetworkState& st, float w, Commands& out) {
    section(v.reasons_title);
    for (std::size_t i = 0; i < std::size(model::kAskReasons); ++i) {
        const auto bit = static_cast<unsigned>(model::kAskReasons[i]);
        if (i > 0) chip_flow(text_size(fonts().body, v.reasons[i].label).x + dp(70));
        ImGui::PushID(int(i));
        if (chip("reason", v.reasons[i].label, (v.map.reasons & bit) != 0) && !v.read_only)
            out.push_back(SetNetworkReasons{v.map.reasons ^ bit, st.other_reason});
        ImGui::PopID();
    }
    if (v.map.has(model::AskReason::other) &&
        text_field("other_reason", v.other_reason, &st.other_reason, w) && !v.read_only)
        out.push_back(SetNetworkReasons{v.map.reasons, st.other_reason});
    section(v.note_title);
    if (text_field("network_note", v.note_title, &st.note, w, 3) && !v.read_only)
        out.push_back(SetNetworkNote{st.note});
}

void side_panel(const present::NetworkView& v, NetworkState& st, Commands& out) {
    const float w = ImGui::GetContentRegionAvail().x;
    text(v.summary, fonts().body_bold, color::text, w);
    if (!v.read_only_note.empty()) text(v.read_only_note, fonts().body_bold, color::muted, w);
    if (!v.error.empty()) text(v.error, fonts().body_bold, color::danger, w);
    text(v.drag_hint, fonts().small, color::muted, w);
    const present::NetworkPersonView* chosen = find(v, st.selected);
    if (chosen && !v.read_only)
        person_form(v, *chosen, st, w, out);
    else if (!v.read_only)
        add_form(v, st, w, out);
    reasons_form(v, st, w, out);
    ImGui::Dummy(ImVec2(0, dp(24)));
}

}  // namespace

void draw_network_screen(
    const std::function<present::NetworkView(const present::NetworkCanvas&)>& view_for,
    NetworkState& st, Commands& out) {
    begin_screen("##network");
    const ImVec2 win = ImGui::GetWindowPos();
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    const float top = pad.y + std::max(scale().min_target(), dp(72)) + dp(10);  // the top bar
    const float h = ImGui::GetWindowHeight() - top - pad.y;
    const float full_w = ImGui::GetWindowWidth() - 2 * pad.x;
    // Upright, the map spans the width with the panel under it; lying, side by side.
    const bool upright = ImGui::GetWindowHeight() > ImGui::GetWindowWidth();
    const float map_w =
        upright ? std::min(full_w, h * 0.5f) : std::min(h, ImGui::GetWindowWidth() * 0.55f);
    present::NetworkCanvas canvas;
    canvas.centre = upright ? present::Vec2{win.x + pad.x + full_w / 2, win.y + top + map_w / 2}
                            : present::Vec2{win.x + pad.x + map_w / 2, win.y + top + h / 2};
    canvas.radius = map_w / 2 - dp(4);
    canvas.marker = scale().min_target() / 2;
    canvas.min_marker = scale().min_target() * 0.4f;
    const present::NetworkView v = view_for(canvas);
    if (st.assessment_id != v.map.assessment_id) {
        st = NetworkState{};
        st.assessment_id = v.map.assessment_id;
        st.other_reason = v.map.other_reason;
        st.note = v.map.note;
    }
    top_bar(v.back, v.title, v.subtitle, v.lock, out);
    const float body_y = ImGui::GetCursorPosY();
    draw_map(v, st, out);
    ImGui::SetCursorPos(upright ? ImVec2(pad.x, body_y + map_w + dp(16))
                                : ImVec2(pad.x + map_w + dp(32), body_y));
    ImGui::BeginChild("##network_panel",
                      ImVec2(0, ImGui::GetContentRegionAvail().y - keyboard_height()), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    if (st.panel_to_top) ImGui::SetScrollY(0);
    st.panel_to_top = false;
    side_panel(v, st, out);
    ImGui::EndChild();
    end_screen();
}

}  // namespace kt::kiosk
