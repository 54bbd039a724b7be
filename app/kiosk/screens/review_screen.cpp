// Client mode, reviewing: per domain the worker's level in plain words and "this is right" /
// "this is not right" with the client's own level and words; then the network and the goals.
#include <imgui.h>

#include <algorithm>

#include "screens/client_mode_frame.hpp"
#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/form.hpp"
#include "widgets/frame_record.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/pictograms.hpp"
#include "widgets/rtl_text.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

// A level as a card: the colour square with its digit at the start edge, then the words.
bool level_card(const present::ReviewView& v, int level, const std::string& name,
                const std::string& words, bool chosen, bool tappable, float w) {
    const float sq = dp(64), pad = dp(16);
    const float text_w = w - sq - 3 * pad;
    const float h = std::max(scale().min_target(),
                             text_size_dir(fonts().body_bold, name, text_w).y +
                                 text_size_dir(fonts().card, words, text_w).y + 2 * pad + dp(4));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    bool tap = false;
    if (tappable) {
        ImGui::PushID(level);
        tap = tap_area("own_level", words, ImVec2(w, h));
        ImGui::PopID();
    } else {
        ImGui::Dummy(ImVec2(w, h));
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 e(p.x + w, p.y + h);
    dl->AddRectFilled(p, e, chosen ? color::accent_soft : color::surface, dp(12));
    dl->AddRect(p, e, chosen ? color::accent : color::border, dp(12), 0, chosen ? dp(3) : dp(1));
    const float sq_x = v.rtl ? e.x - pad - sq : p.x + pad;
    const ImVec2 s(sq_x, p.y + (h - sq) / 2);
    dl->AddRectFilled(s, ImVec2(s.x + sq, s.y + sq), color::level(level), dp(8));
    const std::string digit = std::to_string(level);
    const ImVec2 ds = text_size(fonts().digit, digit);
    draw_text(dl, fonts().digit, ImVec2(s.x + (sq - ds.x) / 2, s.y + (sq - ds.y) / 2),
              color::on_level(level), digit, 0);
    const float tx = v.rtl ? p.x + pad : p.x + sq + 2 * pad;
    float y = p.y + pad;
    y += draw_text_dir(dl, fonts().body_bold, ImVec2(tx, y), color::text, name, text_w);
    draw_text_dir(dl, fonts().card, ImVec2(tx, y + dp(4)), color::text, words, text_w);
    return tap;
}

// Two big answers side by side; the chosen one filled.
model::Agreement agree_row(const present::ReviewView& v, model::Agreement current, float w,
                           const char* id) {
    const float bw = (w - dp(16)) / 2;
    model::Agreement picked = model::Agreement::none;
    ImGui::PushID(id);
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(start_x(v, 0, bw), y));
    if (button("review.agree", v.agree,
               current == model::Agreement::agree ? ButtonKind::primary : ButtonKind::secondary,
               bw))
        picked = model::Agreement::agree;
    ImGui::SetCursorPos(ImVec2(start_x(v, bw + dp(16), bw), y));
    if (button("review.disagree", v.disagree,
               current == model::Agreement::disagree ? ButtonKind::primary : ButtonKind::secondary,
               bw))
        picked = model::Agreement::disagree;
    ImGui::PopID();
    return picked;
}

void own_view(const present::ReviewView& v, ReviewState& st, float w, Commands& out) {
    ImGui::Dummy(ImVec2(0, dp(8)));
    ImGui::SetCursorPosX(start_x(v, 0, w));
    text_dir(v.own_level, fonts().body_bold, color::text, w);
    for (const auto& o : v.own_levels) {
        ImGui::SetCursorPosX(start_x(v, 0, w));
        if (level_card(v, o.level, o.name, o.text, o.chosen, true, w)) {
            model::DomainAnswer a = v.answer;
            a.own_level = o.level;
            a.own_words = st.own_words;
            out.push_back(AnswerDomain{a});
        }
        ImGui::Dummy(ImVec2(0, dp(4)));
    }
    ImGui::SetCursorPosX(start_x(v, 0, w));
    if (text_field("own_words", v.own_words, &st.own_words, w, 3)) {
        model::DomainAnswer a = v.answer;
        a.own_words = st.own_words;
        out.push_back(AnswerDomain{a});
    }
}

void domain_page(const present::ReviewView& v, ReviewState& st, Commands& out) {
    const float w = std::min(dp(900), ImGui::GetContentRegionAvail().x);
    // The domain's pictogram at the start edge, its number and name beside it.
    const float icon = dp(80), gap = dp(16), tw = w - icon - gap;
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(start_x(v, 0, icon), y));
    draw_pictogram(ImGui::GetWindowDrawList(), v.domain, ImGui::GetCursorScreenPos(), icon,
                   color::text);
    ImGui::SetCursorPos(ImVec2(start_x(v, icon + gap, tw), y));
    ImGui::BeginGroup();
    text_dir(v.topic_of, fonts().small, color::muted, tw);
    text_dir(v.domain_name, fonts().heading, color::text, tw);
    ImGui::EndGroup();
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), y + icon + dp(8)));
    read_aloud_button(v, st, -1, out);
    ImGui::Dummy(ImVec2(0, dp(4)));
    ImGui::SetCursorPosX(start_x(v, 0, w));
    text_dir(v.worker_chose, fonts().body, color::muted, w);
    ImGui::SetCursorPosX(start_x(v, 0, w));
    if (v.level > 0)
        level_card(v, v.level, v.level_name, v.level_text, false, false, w);
    else
        text_dir(v.no_score, fonts().card, color::text, w);
    ImGui::Dummy(ImVec2(0, dp(12)));
    const auto picked = agree_row(v, v.answer.agreement, w, "domain");
    if (picked != model::Agreement::none && picked != v.answer.agreement) {
        model::DomainAnswer a;
        a.agreement = picked;
        if (picked == model::Agreement::disagree) a.own_words = st.own_words;
        out.push_back(AnswerDomain{a});
    }
    if (v.answer.agreement == model::Agreement::disagree) own_view(v, st, w, out);
}

void more_page(const present::ReviewView& v, ReviewState& st, Commands& out) {
    const float w = std::min(dp(900), ImGui::GetContentRegionAvail().x);
    read_aloud_button(v, st, -1, out);
    ImGui::SetCursorPosX(start_x(v, 0, w));
    text_dir(v.network_title, fonts().heading, color::text, w);
    ImGui::SetCursorPosX(start_x(v, 0, w));
    text_dir(v.network_summary, fonts().card, color::text, w);
    ImGui::Dummy(ImVec2(0, dp(8)));
    const auto net = agree_row(v, v.network_agreed, w, "network");
    if (net != model::Agreement::none) out.push_back(AgreeNetwork{net});
    ImGui::Dummy(ImVec2(0, dp(16)));
    ImGui::SetCursorPosX(start_x(v, 0, w));
    text_dir(v.goals_title, fonts().heading, color::text, w);
    if (v.goals.empty()) {
        ImGui::SetCursorPosX(start_x(v, 0, w));
        text_dir(v.no_goals, fonts().card, color::muted, w);
        return;
    }
    const float icon = dp(40), gap = dp(12);
    for (std::size_t i = 0; i < v.goals.size(); ++i) {
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(start_x(v, 0, icon), y));
        draw_pictogram(ImGui::GetWindowDrawList(), v.goal_domains[i], ImGui::GetCursorScreenPos(),
                       icon, color::text);
        ImGui::SetCursorPos(ImVec2(start_x(v, icon + gap, w - icon - gap), y + dp(6)));
        text_dir(v.goals[i], fonts().card, color::text, w - icon - gap);
        ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), y + icon + dp(8)));
    }
    ImGui::Dummy(ImVec2(0, dp(8)));
    const auto goals = agree_row(v, v.goals_agreed, w, "goals");
    if (goals != model::Agreement::none) out.push_back(AgreeGoals{goals});
}

}  // namespace

void draw_review_screen(const present::ReviewView& v, ReviewState& st, Commands& out) {
    TextDirectionScope direction(v.rtl);
    if (st.words_domain != v.domain || st.assessment_id != v.assessment_id) {
        st.words_domain = v.domain;
        st.assessment_id = v.assessment_id;
        st.own_words = v.answer.own_words;
    }
    begin_screen("##review");
    keyboard_state().language = v.locale;  // the client types in their own script
    if (!client_top(v, st, out)) {
        end_screen();
        return;
    }
    // While the client types, the words get all the room above the keyboard: the previous and
    // next buttons wait (the keyboard's done key ends the typing).
    const bool typing = keyboard_height() > 0;
    const float body =
        typing ? ImGui::GetContentRegionAvail().y - keyboard_height() : body_height();
    ImGui::BeginChild("##review_body", ImVec2(0, body), false, ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    if (v.domain < 0)
        more_page(v, st, out);
    else
        domain_page(v, st, out);
    ImGui::Dummy(ImVec2(0, dp(24)));
    ImGui::EndChild();
    const bool on_domain = v.domain >= 0;
    if (!typing)
        client_bottom(v, v.previous, v.domain != 0, v.next, true, out, flow::PrevDomain{},
                      on_domain ? Command{flow::NextDomain{}} : Command{flow::ToSigning{}});
    end_screen();
}

}  // namespace kt::kiosk
