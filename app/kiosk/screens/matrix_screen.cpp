#include <imgui.h>

#include <algorithm>
#include <cfloat>

#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/form.hpp"
#include "widgets/frame_record.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/pictograms.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

// One chip of the domain strip: the domain's pictogram beside a dot holding the level
// (filled) or an empty ring, its short name below.
void domain_chip(const present::DomainDot& dot, int i, float w, float h, Commands& out) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(i);
    bool held = false;
    if (tap_area("domain", dot.name, ImVec2(w, h), &held)) out.push_back(flow::JumpToDomain{i});
    ImGui::PopID();
    const ImVec2 e(p.x + w, p.y + h);
    dl->AddRectFilled(p, e, dot.current || held ? color::accent_soft : color::surface, dp(8));
    dl->AddRect(p, e, dot.current ? color::accent : color::border, dp(8), 0,
                dot.current ? dp(3) : dp(1));
    const float icon = dp(34), r = dp(13), gap = dp(4);
    const float x0 = p.x + (w - icon - gap - 2 * r) / 2;
    draw_pictogram(dl, i, ImVec2(x0, p.y + dp(6)), icon, dot.current ? color::accent : color::text);
    // The short name in the small font, smaller still when the chip is narrow.
    ImFont* f = fonts().small;
    const float room = w - dp(8);
    const float full = text_size(f, dot.short_name).x;
    const float size = full > room ? f->FontSize * room / full : f->FontSize;
    const ImVec2 ns = f->CalcTextSizeA(size, FLT_MAX, 0, dot.short_name.c_str());
    dl->AddText(f, size, ImVec2(p.x + (w - ns.x) / 2, p.y + h - ns.y - dp(6)), color::muted,
                dot.short_name.c_str());
    record_text(dot.short_name);
    const ImVec2 c(x0 + icon + gap + r, p.y + dp(6) + icon / 2);
    if (!dot.level) {
        dl->AddCircle(c, r, color::muted, 0, dp(2));
        // Not scored, with a reason: a dash in the ring (shape, not colour alone).
        if (dot.unscored)
            dl->AddLine(ImVec2(c.x - r * 0.5f, c.y), ImVec2(c.x + r * 0.5f, c.y), color::muted,
                        dp(3));
        return;
    }
    dl->AddCircleFilled(c, r, color::level(*dot.level));
    const std::string d = std::to_string(*dot.level);
    const ImVec2 ds = text_size(fonts().body_bold, d);
    dl->AddText(fonts().body_bold, fonts().body_bold->FontSize,
                ImVec2(c.x - ds.x / 2, c.y - ds.y / 2), color::on_level(*dot.level), d.c_str());
}

// The 13-domain strip; on a screen too narrow for 13 chips of 12 mm it wraps into rows.
void domain_strip(const present::MatrixView& v, Commands& out) {
    const float gap = dp(8);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float min_w = scale().min_target();
    const int per_row = std::clamp(int((avail + gap) / (min_w + gap)), 1, zrm::kDomainCount);
    const int rows = (zrm::kDomainCount + per_row - 1) / per_row;
    const int cols = (zrm::kDomainCount + rows - 1) / rows;  // balance the rows
    const float w = (avail - gap * float(cols - 1)) / float(cols);
    const float h = std::max(min_w, dp(72));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (int i = 0; i < zrm::kDomainCount; ++i) {
        domain_chip(v.strip[std::size_t(i)], i, w, h, out);
        if ((i + 1) % cols != 0 && i + 1 < zrm::kDomainCount) ImGui::SameLine();
    }
    ImGui::PopStyleVar();
}

// A mark in the card's top-right corner, right-aligned: "Gekozen", "Vorige keer", "acuut".
float badge_width(const std::string& label) {
    return text_size(fonts().small, label).x + dp(24);
}

float badge(ImDrawList* dl, float right, float top, const std::string& label, ImU32 fg, ImU32 bg,
            ImU32 edge) {
    const ImVec2 ts = text_size(fonts().small, label);
    const ImVec2 a(right - badge_width(label), top);
    const ImVec2 b(right, top + ts.y + dp(6));
    dl->AddRectFilled(a, b, bg, dp(14));
    dl->AddRect(a, b, edge, dp(14), 0, dp(1.5f));
    draw_text(dl, fonts().small, ImVec2(a.x + dp(12), a.y + dp(3)), fg, label, 0);
    return a.x - dp(8);
}

// The marks a card carries, in the order they are drawn from the right.
std::vector<std::string> card_marks(const present::MatrixView& v, const present::LevelCard& c) {
    std::vector<std::string> marks;
    if (c.chosen) marks.push_back(v.chosen_mark);
    if (c.previous) marks.push_back(v.previous_mark);
    if (c.acute) marks.push_back(v.acute_mark);
    return marks;
}

struct CardLayout {
    float block, name_w, text_x, text_w, h;
};

// Digit and level name on the left, the descriptor beside them: five cards fit 1280x800. The
// descriptor wraps left of the card's marks, so no mark covers a word.
CardLayout card_layout(const present::MatrixView& v, const present::LevelCard& c, float w) {
    CardLayout l;
    l.block = dp(56);
    l.name_w = dp(150);
    l.text_x = dp(16) + l.block + dp(14) + l.name_w + dp(16);
    float marks_w = 0;
    for (const auto& m : card_marks(v, c))
        marks_w += badge_width(m) + dp(8);
    l.text_w = w - l.text_x - std::max(dp(20), marks_w + dp(16));
    const float name_h = text_size(fonts().body_bold, c.level_name, l.name_w).y;
    const float desc_h = text_size(fonts().card, c.descriptor, l.text_w).y;
    l.h = std::max({scale().min_target(), name_h + dp(24), desc_h + dp(26)});
    return l;
}

void card_badges(const present::MatrixView& v, const present::LevelCard& c, ImDrawList* dl,
                 ImVec2 p, float w) {
    float right = p.x + w - dp(16);
    if (c.chosen)
        right = badge(dl, right, p.y + dp(8), v.chosen_mark, color::on_accent, color::accent,
                      color::accent);
    if (c.previous)
        right = badge(dl, right, p.y + dp(8), v.previous_mark, color::text, color::surface,
                      color::muted);
    if (c.acute)
        badge(dl, right, p.y + dp(8), v.acute_mark, color::danger, color::surface, color::level(1));
}

void level_card(const present::MatrixView& v, const present::LevelCard& c, Commands& out) {
    const float w = ImGui::GetContentRegionAvail().x;
    const CardLayout l = card_layout(v, c, w);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(c.level);
    bool held = false;
    const bool tap = tap_area("card", c.descriptor, ImVec2(w, l.h), &held);
    ImGui::PopID();
    if (tap && !v.read_only) out.push_back(ScoreLevel{c.level});
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 e(p.x + w, p.y + l.h);
    const bool lit = c.chosen || (held && !v.read_only);
    dl->AddRectFilled(p, e, lit ? color::accent_soft : color::surface, dp(12));
    dl->AddRect(p, e, c.chosen ? color::accent : color::border, dp(12), 0,
                c.chosen ? dp(4) : dp(1));
    const ImVec2 bp(p.x + dp(16), p.y + (l.h - l.block) * 0.5f);
    dl->AddRectFilled(bp, ImVec2(bp.x + l.block, bp.y + l.block), color::level(c.level), dp(10));
    const std::string digit = std::to_string(c.level);
    const ImVec2 ds = text_size(fonts().digit, digit);
    draw_text(dl, fonts().digit, ImVec2(bp.x + (l.block - ds.x) / 2, bp.y + (l.block - ds.y) / 2),
              color::on_level(c.level), digit, 0);
    const float name_h = text_size(fonts().body_bold, c.level_name, l.name_w).y;
    draw_text(dl, fonts().body_bold, ImVec2(bp.x + l.block + dp(14), p.y + (l.h - name_h) / 2),
              color::text, c.level_name, l.name_w);
    const float desc_h = text_size(fonts().card, c.descriptor, l.text_w).y;
    draw_text(dl, fonts().card, ImVec2(p.x + l.text_x, p.y + (l.h - desc_h) / 2), color::text,
              c.descriptor, l.text_w);
    card_badges(v, c, dl, p, w);
}

// One change to the domain's details, with the text buffers' current content.
void emit_detail(const present::MatrixView& v, const MatrixState& st, model::DomainDetail d,
                 Commands& out) {
    d.note = st.note;
    d.hulpvraag = st.hulpvraag;
    if (d != v.panel.detail) out.push_back(SetDetail{d});
}

void shares(const present::DetailPanel& p, const present::MatrixView& v, const MatrixState& st,
            Commands& out) {
    section(p.shares);
    model::DomainDetail d = p.detail;
    if (!d.has_shares()) {
        if (button("detail.shares_start", p.shares_start, ButtonKind::secondary)) {
            d.share_own = 50, d.share_network = 30, d.share_professional = 20;
            emit_detail(v, st, d, out);
        }
        return;
    }
    int own = d.share_own, network = d.share_network;
    const bool a = stepper("own", p.own, &own, 10, 0, 100 - network, "%");
    const bool b = stepper("network", p.network, &network, 10, 0, 100 - own, "%");
    text(p.professional + ": " + std::to_string(100 - own - network) + "%", fonts().body,
         color::text);
    if (a || b) {
        d.share_own = own, d.share_network = network, d.share_professional = 100 - own - network;
        emit_detail(v, st, d, out);
    }
    if (button("shares.clear", p.clear, ButtonKind::quiet)) {
        d.share_own = d.share_network = d.share_professional = -1;
        emit_detail(v, st, d, out);
    }
}

template <typename E>
void single_choice(const std::vector<present::Option>& options, const E* values, E current, E none,
                   const char* id, const present::MatrixView& v, const MatrixState& st,
                   const model::DomainDetail& detail, E model::DomainDetail::*field,
                   Commands& out) {
    ImGui::PushID(id);
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (i > 0) chip_flow(text_size(fonts().body, options[i].label).x + dp(70));
        if (chip(options[i].key.c_str(), options[i].label, current == values[i])) {
            model::DomainDetail d = detail;
            d.*field = current == values[i] ? none : values[i];  // tap again to clear
            emit_detail(v, st, d, out);
        }
    }
    ImGui::PopID();
}

void detail_panel(const present::MatrixView& v, MatrixState& st, Commands& out) {
    const auto& p = v.panel;
    drag_scroll();
    const float w = ImGui::GetContentRegionAvail().x;
    if (v.read_only) ImGui::BeginDisabled();
    if (text_field("note", p.note, &st.note, w, 4)) emit_detail(v, st, p.detail, out);
    if (text_field("hulpvraag", p.hulpvraag, &st.hulpvraag, w, 3))
        emit_detail(v, st, p.detail, out);
    model::DomainDetail d = p.detail;
    if (toggle("goal", p.goal, &d.goal, w)) emit_detail(v, st, d, out);
    shares(p, v, st, out);
    section(p.outcome);
    single_choice(p.outcomes, model::kOutcomes, p.detail.outcome, model::Outcome::none, "outcome",
                  v, st, p.detail, &model::DomainDetail::outcome, out);
    section(p.unscored);
    text(p.unscored_hint, fonts().small, color::muted, w);
    single_choice(p.reasons, model::kUnscoredReasons, p.detail.unscored,
                  model::UnscoredReason::none, "unscored", v, st, p.detail,
                  &model::DomainDetail::unscored, out);
    if (v.read_only) ImGui::EndDisabled();
    ImGui::Dummy(ImVec2(0, dp(8)));
    text(p.no_advice, fonts().small, color::muted, w);
}

// Sociaal netwerk: the network map's summary beside the cards, and the way to the map.
void network_band(const present::MatrixView& v, Commands& out) {
    const float w = ImGui::GetContentRegionAvail().x;
    const float bw = text_size(fonts().body_bold, v.network_open).x + dp(56);
    const float y = ImGui::GetCursorPosY();
    text(v.network_summary, fonts().body_bold, color::text, w - bw - dp(16));
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + w - bw, y));
    if (button("network.screen.open", v.network_open, ButtonKind::secondary, bw))
        out.push_back(flow::OpenNetwork{});
}

void bottom_bar(const present::MatrixView& v, MatrixState& st, Commands& out) {
    begin_bottom_bar();
    const float y = ImGui::GetCursorPosY();
    const float bw = dp(220);
    if (button("matrix.prev", v.prev_label, ButtonKind::secondary, bw, v.can_prev, Icon::back))
        out.push_back(flow::PrevDomain{});
    ImGui::SameLine(0, dp(16));
    if (button("detail.title", v.details_label,
               st.panel_open ? ButtonKind::primary : ButtonKind::quiet))
        st.panel_open = !st.panel_open;
    ImGui::SameLine(0, dp(16));
    if (button("overview.open", v.overview_open, ButtonKind::quiet))
        out.push_back(flow::OpenOverview{});
    // "3 van 13 gescoord" between Overzicht and Volgende, only where it fits (an upright
    // tablet has no room; the top bar names the domain's number there too).
    const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + dp(16);
    const ImVec2 ss = text_size(fonts().body, v.scored_line);
    const float sx = ImGui::GetWindowWidth() - bw - ss.x - dp(56);
    if (sx >= after) {
        ImGui::SetCursorPos(ImVec2(sx, y + (dp(72) - ss.y) / 2));
        text(v.scored_line, fonts().body, color::muted, ss.x + 1);
    }
    ImGui::SetCursorPos(
        ImVec2(ImGui::GetWindowWidth() - bw - ImGui::GetStyle().WindowPadding.x, y));
    const bool last = v.domain == zrm::kDomainCount - 1;
    if (button("matrix.next", v.next_label, ButtonKind::primary, bw, true,
               last ? Icon::none : Icon::forward)) {
        if (v.next_finishes)
            out.push_back(FinishAssessment{});
        else if (last)
            out.push_back(flow::Back{});
        else
            out.push_back(flow::NextDomain{});
    }
}

}  // namespace

void draw_matrix_screen(const present::MatrixView& v, MatrixState& st, Commands& out) {
    if (st.assessment_id != v.assessment_id || st.panel_domain != v.domain) {
        st.assessment_id = v.assessment_id;
        st.panel_domain = v.domain;
        st.note = v.panel.detail.note;
        st.hulpvraag = v.panel.detail.hulpvraag;
    }
    begin_screen("##matrix");
    const std::string subtitle = v.client_first_name + " \u00b7 " + v.kind + " \u00b7 " +
                                 v.domain_of + " \u00b7 " + v.previous_line;
    top_bar(v.back_label, v.domain_name, subtitle, v.lock_label, out, v.domain);
    // Typing a note with the on-screen keyboard: the details take the whole width and height
    // above the keyboard; the strip, the cards and the bottom bar come back with "Klaar".
    if (st.panel_open && keyboard_height() > 0) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(color::surface));
        ImGui::BeginChild(
            "##details", ImVec2(0, ImGui::GetContentRegionAvail().y - keyboard_height()), false,
            ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_AlwaysUseWindowPadding);
        detail_panel(v, st, out);
        ImGui::EndChild();
        ImGui::PopStyleColor();
        end_screen();
        return;
    }
    domain_strip(v, out);
    const float cards_h = body_height() + dp(8);
    const float cards_w = st.panel_open ? ImGui::GetContentRegionAvail().x * 0.56f : 0.0f;
    ImGui::BeginChild("##cards", ImVec2(cards_w, cards_h), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(dp(8), dp(14)));
    ImGui::Dummy(ImVec2(0, dp(2)));  // air above the first card
    if (!v.read_only_note.empty()) text(v.read_only_note, fonts().body_bold, color::muted);
    if (!v.error.empty()) text(v.error, fonts().body_bold, color::danger);
    if (!v.unscored_line.empty()) text(v.unscored_line, fonts().body_bold, color::muted);
    if (v.network_domain) network_band(v, out);
    for (const auto& c : v.cards)
        level_card(v, c, out);
    ImGui::PopStyleVar();
    ImGui::EndChild();
    if (st.panel_open) {
        ImGui::SameLine(0, dp(16));
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(color::surface));
        ImGui::BeginChild(
            "##details", ImVec2(0, cards_h), false,
            ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_AlwaysUseWindowPadding);
        detail_panel(v, st, out);
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
    bottom_bar(v, st, out);
    end_screen();
}

}  // namespace kt::kiosk
