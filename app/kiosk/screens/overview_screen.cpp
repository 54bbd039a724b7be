// The overview: the radar chart on the left (this measurement filled, the previous one as a
// broken outline, gaps at unscored domains), on the right the goals and the change per domain
// since last time, under it all a caption that this is no report card.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/form.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

ImVec2 im(present::Vec2 v) {
    return ImVec2(v.x, v.y);
}

present::Size measure_label(const std::string& s) {
    const ImVec2 t = text_size(fonts().small, s);
    return {t.x, t.y};
}

const ImU32 kNow = color::accent;
const ImU32 kNowFill = color::accent_wash;
const ImU32 kBefore = color::earlier;

void dashed_polyline(ImDrawList* dl, const std::vector<present::Vec2>& pts, ImU32 col) {
    for (std::size_t i = 1; i < pts.size(); ++i) {
        const ImVec2 a = im(pts[i - 1]), b = im(pts[i]);
        const float len = std::hypot(b.x - a.x, b.y - a.y);
        const int dashes = int(std::ceil(len / dp(14)));  // counted: the loop always ends
        for (int dash = 0; dash < dashes; ++dash) {
            const float t = float(dash) * dp(14);
            const float e = std::min(len, t + dp(8));
            dl->AddLine(ImVec2(a.x + (b.x - a.x) * t / len, a.y + (b.y - a.y) * t / len),
                        ImVec2(a.x + (b.x - a.x) * e / len, a.y + (b.y - a.y) * e / len), col,
                        dp(3));
        }
    }
}

void grid(ImDrawList* dl, const present::RadarGeometry& g) {
    for (const auto& ring : g.level_rings) {
        std::vector<ImVec2> pts;
        for (const auto& p : ring)
            pts.push_back(im(p));
        dl->AddPolyline(pts.data(), int(pts.size()), color::border, ImDrawFlags_Closed, dp(1));
    }
    for (const auto& e : g.spoke_ends)
        dl->AddLine(im(g.centre), im(e), color::border, dp(1));
    // Level numbers up the first spoke, each just inside its ring (the domain's name stands
    // outside the outer one), so "5 is the outer ring" needs no explanation. Where the rings
    // lie closer than a number is high (a small chart), every other one is left out, from 5.
    const auto at = [&](int level) { return g.level_rings[std::size_t(level - 1)][0]; };
    const float gap = std::abs(at(2).y - at(1).y);
    const float h = text_size(fonts().small, "5").y;
    const int step = gap >= h + dp(2) ? 1 : 2 * gap >= h + dp(2) ? 2 : 4;
    for (int level = 5; level >= 1; level -= step) {
        const auto p = at(level);
        draw_text(dl, fonts().small, ImVec2(p.x + dp(6), p.y + dp(2)), color::muted,
                  std::to_string(level), 0);
    }
}

void series(ImDrawList* dl, const present::RadarSeries& s, bool filled) {
    if (filled) {
        for (const auto& w : s.wedges)
            dl->AddTriangleFilled(im(w[0]), im(w[1]), im(w[2]), kNowFill);
        for (const auto& run : s.runs) {
            std::vector<ImVec2> pts;
            pts.reserve(run.size());
            for (const auto& p : run)
                pts.push_back(im(p));
            dl->AddPolyline(pts.data(), int(pts.size()), kNow, 0, dp(3));
        }
        for (const auto& p : s.points)
            if (p) dl->AddCircleFilled(im(*p), dp(6), kNow);
        return;
    }
    for (const auto& run : s.runs)
        dashed_polyline(dl, run, kBefore);
    for (const auto& p : s.points)
        if (p)
            dl->AddRectFilled(im(*p - present::Vec2{dp(5), dp(5)}),
                              im(*p + present::Vec2{dp(5), dp(5)}), kBefore);
}

void chart(const present::OverviewView& v) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    grid(dl, v.radar);
    if (v.radar.previous) series(dl, *v.radar.previous, false);
    series(dl, v.radar.current, true);
    for (std::size_t i = 0; i < v.labels.size(); ++i) {
        const auto& box = v.radar.labels[i].box;
        draw_text(dl, fonts().small, im(box.min), color::text, v.labels[i], 0);
    }
}

void legend(const present::OverviewView& v, float w) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line_h = fonts().body->FontSize;
    const float x0 = ImGui::GetCursorScreenPos().x;
    auto entry = [&](const std::string& label, bool before) {
        const float y = ImGui::GetCursorScreenPos().y;
        if (before)
            dashed_polyline(dl, {{x0, y + line_h / 2}, {x0 + dp(36), y + line_h / 2}}, kBefore);
        else
            dl->AddLine(ImVec2(x0, y + line_h / 2), ImVec2(x0 + dp(36), y + line_h / 2), kNow,
                        dp(4));
        ImGui::SetCursorScreenPos(ImVec2(x0 + dp(48), y));
        text(label, fonts().body, color::text, w - dp(48));
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
    };
    entry(v.legend_now, false);
    if (v.has_previous) entry(v.legend_previous, true);
}

void change_row(const present::OverviewChange& c, float w) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = fonts().body->FontSize;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // An arrow shape as well as the word: never colour alone.
    if (c.known && c.direction != 0) {
        const float y = c.direction > 0 ? p.y + h * 0.75f : p.y + h * 0.25f;
        const float tip = c.direction > 0 ? p.y + h * 0.1f : p.y + h * 0.9f;
        dl->AddTriangleFilled(ImVec2(p.x, y), ImVec2(p.x + dp(20), y), ImVec2(p.x + dp(10), tip),
                              c.direction > 0 ? kNow : kBefore);
    } else if (c.known) {
        dl->AddRectFilled(ImVec2(p.x + dp(2), p.y + h * 0.4f), ImVec2(p.x + dp(18), p.y + h * 0.6f),
                          color::muted);
    }
    ImGui::SetCursorScreenPos(ImVec2(p.x + dp(32), p.y));
    const std::string line = c.domain + ": " + c.text + (c.word.empty() ? "" : " (" + c.word + ")");
    text(line, fonts().body, c.known ? color::text : color::muted, w - dp(32));
    ImGui::SetCursorScreenPos(ImVec2(p.x, ImGui::GetCursorScreenPos().y));
}

void side(const present::OverviewView& v) {
    const float w = ImGui::GetContentRegionAvail().x;
    legend(v, w);
    if (!v.unscored_line.empty()) text(v.unscored_line, fonts().body, color::muted, w);
    section(v.goals_title);
    if (v.goals.empty()) text(v.no_goals, fonts().body, color::muted, w);
    for (const auto& g : v.goals) {
        text(g.domain, fonts().body_bold, color::text, w);
        if (!g.hulpvraag.empty())
            text("\u201c" + g.hulpvraag + "\u201d", fonts().body, color::muted, w);
    }
    section(v.changes_title);
    if (!v.has_previous) text(v.no_previous, fonts().body, color::muted, w);
    for (const auto& c : v.changes)
        change_row(c, w);
    ImGui::Dummy(ImVec2(0, dp(24)));
}

}  // namespace

void draw_overview_screen(
    const std::function<present::OverviewView(const present::Rect&, present::MeasureText)>&
        view_for,
    Commands& out) {
    begin_screen("##overview");
    const ImVec2 win = ImGui::GetWindowPos();
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    const float top = pad.y + std::max(scale().min_target(), dp(72)) + dp(10);
    const float caption_h = dp(64);
    const float h = ImGui::GetWindowHeight() - top - pad.y - caption_h;
    // Landscape: the chart on the left, the side panel beside it. Upright: the chart across the
    // width on top, the panel under it (beside it the chart would be too small to read).
    const float full_w = ImGui::GetWindowWidth() - 2 * pad.x;
    const bool upright = ImGui::GetWindowHeight() > ImGui::GetWindowWidth();
    const float chart_w = upright ? full_w : std::min(ImGui::GetWindowWidth() * 0.58f, h * 1.45f);
    const float chart_h = upright ? std::min(full_w * 0.8f, h * 0.55f) : h;
    const present::Rect bounds{{win.x + pad.x, win.y + top},
                               {win.x + pad.x + chart_w, win.y + top + chart_h}};
    const present::OverviewView v = view_for(bounds, measure_label);
    top_bar(v.back, v.title, v.subtitle, v.lock, out);
    const float body_y = ImGui::GetCursorPosY();
    chart(v);
    if (upright)
        ImGui::SetCursorPos(ImVec2(pad.x, body_y + chart_h + dp(16)));
    else
        ImGui::SetCursorPos(ImVec2(pad.x + chart_w + dp(24), body_y));
    const float side_h = upright ? h - chart_h - dp(16) : h;
    ImGui::BeginChild("##overview_side", ImVec2(0, side_h), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll();
    side(v);
    ImGui::EndChild();
    ImGui::SetCursorPos(ImVec2(pad.x, top + h + dp(8)));
    text(v.caption, fonts().body, color::muted, ImGui::GetWindowWidth() - 2 * pad.x);
    end_screen();
}

}  // namespace kt::kiosk
