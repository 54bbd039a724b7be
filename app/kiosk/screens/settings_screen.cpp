// Settings: measurement interval, idle lock, the wijk list.
#include <imgui.h>

#include <algorithm>
#include <sstream>

#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/form.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

void choose(const std::vector<present::Option>& options, int* value, const char* id) {
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (i > 0) ImGui::SameLine(0, dp(8));
        ImGui::PushID(id);
        ImGui::PushID(int(i));
        const int v = std::stoi(options[i].key);
        if (chip("opt", options[i].label, *value == v)) *value = v;
        ImGui::PopID();
        ImGui::PopID();
    }
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

// Current, new and repeated passphrase, then the button (Enter in a field does the same).
void passphrase_section(const present::SettingsView& v, PassphraseFields& f, Commands& out) {
    section(v.passphrase_title);
    const float w = std::min(dp(560), ImGui::GetContentRegionAvail().x);
    text(v.passphrase_hint, fonts().body, color::muted, w);
    // The outcome stands above the fields, where the eye is after the keyboard's Klaar.
    if (!v.passphrase_error.empty())
        text(v.passphrase_error, fonts().body_bold, color::danger, w);
    else if (!v.passphrase_done.empty())
        text(v.passphrase_done, fonts().body_bold, color::accent, w);
    ImGui::Dummy(ImVec2(0, dp(4)));
    bool enter =
        secret_field("pass_old", v.old_passphrase, f.old_pass.chars(), f.old_pass.size(), w);
    enter |= secret_field("pass_new", v.new_passphrase, f.new_pass.chars(), f.new_pass.size(), w);
    enter |= secret_field("pass_repeat", v.repeat_passphrase, f.repeat.chars(), f.repeat.size(), w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    const bool ready = !f.old_pass.text().empty() && !f.new_pass.text().empty() &&
                       !f.repeat.text().empty() && !v.passphrase_waiting;
    const bool tap =
        button("settings.passphrase.button", v.change_passphrase, ButtonKind::secondary, w, ready);
    if ((tap || enter) && ready)
        out.push_back(ChangePassphrase{f.old_pass.text(), f.new_pass.text(), f.repeat.text()});
}

}  // namespace

// Enrollment with the municipality's one-time code, then who this device is and a send button.
void draw_sync_section(const present::SyncView& v, SettingsState& st, Commands& out) {
    section(v.title);
    const float w = std::min(dp(560), ImGui::GetContentRegionAvail().x);
    text(v.hint, fonts().body, color::muted, w);
    if (v.enrolled) {
        text(v.enrolled_line, fonts().body_bold, color::text, w);
        text(v.url, fonts().body, color::text, w);
        text(v.status, fonts().body, color::muted, w);
    }
    if (!v.message.empty())
        text(v.message, fonts().body_bold, v.failed ? color::danger : color::accent, w);
    ImGui::Dummy(ImVec2(0, dp(4)));
    if (v.enrolled && !st.reenroll && !v.running) {
        if (button("sync.enroll_again", v.enroll, ButtonKind::quiet, w)) st.reenroll = true;
        return;
    }
    text_field("sync_url", v.url_label, &st.receiver_url, w);
    text_field("sync_code", v.code_label, &st.enroll_code, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    const bool ready = st.receiver_url.size() > 8 && st.enroll_code.size() >= 16 && !v.running;
    if (button("sync.enroll", v.running ? v.send : v.enroll, ButtonKind::secondary, w, ready)) {
        out.push_back(EnrollDevice{st.receiver_url, st.enroll_code});
        st.enroll_code.clear();  // one use only; never kept on screen afterwards
        st.reenroll = false;
    }
}

void draw_settings_screen(const present::SettingsView& v, const present::SyncView& sync,
                          SettingsState& st, Commands& out) {
    begin_screen("##settings");
    top_bar(v.back, v.title, "", v.lock, out);
    if (!st.loaded) {
        st.edit = v.current;
        st.wijken_text.clear();
        for (const auto& w : v.current.wijken)
            st.wijken_text += w + "\n";
        st.loaded = true;
    }
    const float body_h = body_height();
    ImGui::BeginChild("##settings_body", ImVec2(0, body_h), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    // Two columns on a landscape tablet (the passphrase has its own button, apart from
    // Opslaan); one below the other on narrow screens.
    const bool columns = ImGui::GetContentRegionAvail().x >= dp(560) * 2 + dp(64) &&
                         ImGui::BeginTable("##columns", 2);
    if (columns) ImGui::TableNextColumn();
    section(v.interval);
    choose(v.intervals, &st.edit.interval_months, "interval");
    section(v.idle);
    choose(v.idle_options, &st.edit.idle_lock_seconds, "idle");
    section(v.wijken);
    text_field("wijken", v.wijken_hint, &st.wijken_text,
               std::min(dp(560), ImGui::GetContentRegionAvail().x), 6);
    draw_sync_section(sync, st, out);
    if (columns) ImGui::TableNextColumn();
    passphrase_section(v, st.passphrase, out);
    if (columns) ImGui::EndTable();
    ImGui::Dummy(ImVec2(0, dp(24)));
    ImGui::EndChild();
    begin_bottom_bar();
    // Only what came of the last tap on Opslaan: "Opgeslagen." once written, or why not.
    if (!v.save_error.empty())
        text(v.save_error, fonts().body_bold, color::danger, dp(400));
    else if (!v.saved.empty())
        text(v.saved, fonts().body_bold, color::accent, dp(400));
    const float bw = dp(240);
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - bw - ImGui::GetStyle().WindowPadding.x,
                               ImGui::GetWindowHeight() - bottom_bar_height() + dp(8)));
    if (button("settings.save", v.save, ButtonKind::primary, bw)) {
        store::Settings next = st.edit;
        const auto wijken = lines_of(st.wijken_text);
        if (!wijken.empty()) next.wijken = wijken;
        out.push_back(SaveSettings{next});
    }
    end_screen();
}

}  // namespace kt::kiosk
