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

namespace {

void client_row(const present::ClientRow& row, Commands& out) {
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = std::max(scale().min_target(), dp(80));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(row.id.c_str());
    bool held = false;
    if (tap_area("row", row.label, ImVec2(w, h), &held)) out.push_back(flow::OpenClient{row.id});
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + w, pos.y + h);
    dl->AddRectFilled(pos, end, held ? color::accent_soft : color::surface, dp(12));
    dl->AddRect(pos, end, color::border, dp(12), 0, dp(1));
    const float ty = pos.y + (h - fonts().card->FontSize) * 0.5f;
    draw_text(dl, fonts().card, ImVec2(pos.x + dp(24), ty), color::text, row.label, 0);
    draw_chevron(dl, ImVec2(end.x - dp(40), pos.y + h * 0.5f), dp(20), Icon::forward,
                 color::accent);
    ImGui::Dummy(ImVec2(0, dp(4)));
}

// Search field, then "new client" and "settings" at the right, within thumb reach.
void search_row(const present::ClientsView& v, ClientsState& st, Commands& out) {
    const float new_w = text_size(fonts().body_bold, v.new_client).x + dp(64);
    const float set_w = text_size(fonts().body, v.settings).x + dp(56);
    const float field_w = ImGui::GetContentRegionAvail().x - new_w - set_w - dp(32);
    const float y = ImGui::GetCursorPosY();
    text_field("search", v.search_hint, &st.query, field_w);
    const float button_y = ImGui::GetItemRectMin().y - ImGui::GetWindowPos().y;
    ImGui::SetCursorPos(
        ImVec2(ImGui::GetWindowWidth() - new_w - set_w - dp(16) - ImGui::GetStyle().WindowPadding.x,
               button_y));
    if (button("settings.title", v.settings, ButtonKind::quiet, set_w))
        out.push_back(flow::OpenSettings{});
    ImGui::SameLine(0, dp(16));
    if (button("clients.new", v.new_client, ButtonKind::primary, new_w))
        out.push_back(flow::NewClient{});
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), y) + dp(4));
}

// What waits to go to the municipality, and a button to send it now; a failure in words.
void sync_row(const present::SyncView& v, Commands& out) {
    const float send_w = text_size(fonts().body, v.send).x + dp(56);
    const float text_w = ImGui::GetContentRegionAvail().x - send_w - dp(24);
    const float y = ImGui::GetCursorPosY();
    text(v.status, fonts().body, color::muted, text_w);
    if (!v.message.empty())
        text(v.message, fonts().body_bold, v.failed ? color::danger : color::accent, text_w);
    const float below = ImGui::GetCursorPosY();
    if (v.enrolled) {
        ImGui::SetCursorPos(
            ImVec2(ImGui::GetWindowWidth() - send_w - ImGui::GetStyle().WindowPadding.x, y));
        if (button("sync.send", v.send, ButtonKind::quiet, send_w, v.can_send))
            out.push_back(SyncNow{});
    }
    ImGui::SetCursorPosY(std::max(below, ImGui::GetCursorPosY()) + dp(4));
}

}  // namespace

void draw_clients_screen(const present::ClientsView& v, const present::SyncView& sync,
                         ClientsState& st, Commands& out) {
    begin_screen("##clients");
    top_bar("", v.title, v.count_line, v.lock, out);
    if (!v.warning.empty()) notice_band(v.warning);
    search_row(v, st, out);
    sync_row(sync, out);
    ImGui::BeginChild("##list", ImVec2(0, ImGui::GetContentRegionAvail().y - keyboard_height()),
                      false, ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    if (v.rows.empty()) text(st.query.empty() ? v.empty : v.no_match, fonts().body, color::muted);
    for (const auto& row : v.rows)
        client_row(row, out);
    ImGui::EndChild();
    end_screen();
}

}  // namespace kt::kiosk
