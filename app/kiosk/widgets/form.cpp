#include "widgets/form.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <unicode/unistr.h>
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string_view>

#include "i18n/bidi.hpp"
#include "widgets/frame_record.hpp"
#include "widgets/rtl_text.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::ui {

namespace {

float target_h() {
    return std::max(scale().min_target(), dp(72));
}

void check_mark(ImDrawList* dl, ImVec2 c, float size, ImU32 col) {
    const ImVec2 pts[3] = {ImVec2(c.x - size * 0.45f, c.y),
                           ImVec2(c.x - size * 0.1f, c.y + size * 0.35f),
                           ImVec2(c.x + size * 0.5f, c.y - size * 0.4f)};
    dl->AddPolyline(pts, 3, col, 0, dp(3));
}

// The field being typed in stays in view with its label: when the keyboard comes up and
// shrinks the list, or the field was reached by Tab, the list scrolls to it.
void keep_in_view(float label_y) {
    if (!ImGui::IsItemActive()) return;
    const float top = ImGui::GetWindowPos().y;
    const float bottom = top + ImGui::GetWindowHeight();
    const bool above = label_y < top - 0.5f;
    const bool below = ImGui::GetItemRectMax().y > bottom + 0.5f;
    if (above || below) ImGui::SetScrollFromPosY(label_y - top - dp(8), 0.0f);
}

// ---- Text fields in right-to-left or mixed scripts ----
// ImGui 1.86 draws a field's text as logical code points left to right: Arabic unjoined and
// backwards. Such a field is drawn by ImGui with invisible text, then drawn over here from
// core's field_line: shaped, in visual order, with the caret and selection at the glyphs
// they belong to. A tap inside it puts the caret at the glyph under the finger.

struct PlacedLine {
    i18n::FieldLine line;
    int start = 0;              // logical index of the line's first unit in the whole text
    int length = 0;             // its units, without the '\n'
    std::vector<float> x, w;    // per logical unit of the line: left edge and width
    float width = 0, left = 0;  // the drawn width; where the visual line starts
};

std::u16string to_u16(std::string_view utf8) {
    const icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), int32_t(utf8.size())));
    return std::u16string(reinterpret_cast<const char16_t*>(u.getBuffer()),
                          std::size_t(u.length()));
}

std::vector<PlacedLine> place_lines(const std::u16string& text, ImFont* font, float left,
                                    float right) {
    std::vector<PlacedLine> out;
    std::size_t a = 0;
    while (true) {
        const std::size_t nl = text.find(u'\n', a);
        const std::size_t b = nl == std::u16string::npos ? text.size() : nl;
        PlacedLine p;
        p.start = int(a);
        p.length = int(b - a);
        p.line = i18n::field_line(
            std::u16string_view(text).substr(a, b - a),
            text_direction_rtl() ? i18n::Direction::rtl : i18n::Direction::automatic);
        p.x.assign(std::size_t(p.length), 0.0f);
        p.w.assign(std::size_t(p.length), 0.0f);
        std::vector<float> widths;
        for (const auto& g : p.line.glyphs) {
            widths.push_back(
                g.empty() ? 0.0f : font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, g.c_str()).x);
            p.width += widths.back();
        }
        p.left = p.line.base_rtl ? right - p.width : left;
        float x = p.left;
        for (std::size_t v = 0; v < widths.size(); ++v) {
            const auto i = std::size_t(p.line.logical[v]);
            p.x[i] = x;
            p.w[i] = widths[v];
            x += widths[v];
        }
        out.push_back(std::move(p));
        if (nl == std::u16string::npos) return out;
        a = nl + 1;
    }
}

// The x of a caret before logical unit `i` of the line (i == length: at its logical end).
float caret_x(const PlacedLine& p, int i) {
    if (p.length == 0) return p.line.base_rtl ? p.left + p.width : p.left;
    if (i >= p.length) {
        const auto last = std::size_t(p.length - 1);
        return p.line.rtl[last] ? p.x[last] : p.x[last] + p.w[last];
    }
    const auto k = std::size_t(i);
    return p.line.rtl[k] ? p.x[k] + p.w[k] : p.x[k];
}

// The logical index of the caret a tap at x puts into the line.
int caret_at(const PlacedLine& p, float x) {
    int best = p.length;
    float best_d = FLT_MAX;
    for (int i = 0; i <= p.length; ++i) {
        const float d = std::abs(caret_x(p, i) - x);
        if (d < best_d) best_d = d, best = i;
    }
    return best;
}

void draw_bidi_field(ImGuiID id, const std::string& value, ImVec2 min, ImVec2 max, bool multiline) {
    ImFont* font = ImGui::GetFont();
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    ImGuiInputTextState* st = ImGui::GetInputTextState(id);
    std::u16string text;
    if (st != nullptr)
        text.assign(st->TextW.Data, st->TextW.Data + st->CurLenW);
    else
        text = to_u16(value);
    const float left = min.x + pad.x, right = max.x - pad.x;
    std::vector<PlacedLine> lines = place_lines(text, font, left, right);
    const float top = multiline ? min.y + ImGui::GetStyle().FramePadding.y : min.y + pad.y;
    const float pitch = font->FontSize;
    // A tap in the field: the caret goes to the glyph under the finger, not where ImGui's
    // left-to-right layout would have it.
    if (st != nullptr && ImGui::IsMouseClicked(0) && ImGui::IsItemHovered()) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const auto k = std::size_t(std::clamp(int((m.y - top) / pitch), 0, int(lines.size()) - 1));
        const int at = lines[k].start + caret_at(lines[k], m.x);
        st->Stb.cursor = st->Stb.select_start = st->Stb.select_end = at;
    }
    // A line wider than the field scrolls so that the caret stays in view.
    const int cursor = st ? st->Stb.cursor : -1;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(min, max, true);
    for (std::size_t k = 0; k < lines.size(); ++k) {
        PlacedLine& p = lines[k];
        const float y = top + float(k) * pitch;
        float shift = 0;
        const bool here = cursor >= p.start && cursor <= p.start + p.length;
        if (p.width > right - left && here) {
            const float cx = caret_x(p, cursor - p.start);
            if (cx < left) shift = left - cx;
            if (cx > right) shift = right - cx;
        }
        if (st != nullptr && st->HasSelection()) {
            const int s0 = std::min(st->Stb.select_start, st->Stb.select_end) - p.start;
            const int s1 = std::max(st->Stb.select_start, st->Stb.select_end) - p.start;
            for (int i = std::max(s0, 0); i < std::min(s1, p.length); ++i)
                dl->AddRectFilled(
                    ImVec2(p.x[std::size_t(i)] + shift, y),
                    ImVec2(p.x[std::size_t(i)] + p.w[std::size_t(i)] + shift, y + pitch),
                    color::accent_soft);
        }
        std::string visual;
        for (const auto& g : p.line.glyphs)
            visual += g;
        dl->AddText(font, font->FontSize, ImVec2(p.left + shift, y), color::text, visual.c_str(),
                    visual.c_str() + visual.size());
        if (!visual.empty()) record_text(visual);  // the shaped visual line, while typing
        if (here && st != nullptr) {
            const float cx = caret_x(p, cursor - p.start) + shift;
            dl->AddLine(ImVec2(cx, y), ImVec2(cx, y + pitch), color::text, dp(2));
        }
    }
    dl->PopClipRect();
}

}  // namespace

void section(const std::string& title) {
    ImGui::Dummy(ImVec2(0, dp(8)));
    text(title, fonts().body_bold, color::text);
}

bool text_field(const char* id, const std::string& label, std::string* value, float width,
                int lines, ImGuiInputTextFlags flags) {
    const float label_y = ImGui::GetCursorScreenPos().y;
    text(label, fonts().small, color::muted, width);
    ImGui::PushID(id);
    ImGui::PushFont(fonts().card);
    const float pad_y = (target_h() - fonts().card->FontSize) * 0.5f;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(16), pad_y));
    // Right to left or mixed: ImGui edits, this file draws (draw_bidi_field).
    const bool bidi = text_direction_rtl() || i18n::needs_bidi(*value);
    if (bidi) {
        // ImGui's own glyphs and selection become fully transparent (alpha times 0).
        const ImU32 invisible = ImGui::GetColorU32(ImGuiCol_Text, 0.0f);
        ImGui::PushStyleColor(ImGuiCol_Text, invisible);
        ImGui::PushStyleColor(ImGuiCol_TextSelectedBg, invisible);
    }
    if (lines > 1) {
        const float h = fonts().card->FontSize * float(lines) + dp(32);
        // Enter (the keyboard's "Klaar") ends the edit; Ctrl+Enter makes a new line.
        ImGui::InputTextMultiline("##f", value, ImVec2(width, std::max(h, target_h())),
                                  flags | ImGuiInputTextFlags_CtrlEnterForNewLine);
    } else {
        ImGui::SetNextItemWidth(width);
        ImGui::InputText("##f", value, flags);
    }
    if (bidi) {
        ImGui::PopStyleColor(2);
        draw_bidi_field(ImGui::GetItemID(), *value, ImGui::GetItemRectMin(),
                        ImGui::GetItemRectMax(), lines > 1);
    }
    record_target(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    keep_in_view(label_y);
    const bool done = ImGui::IsItemDeactivatedAfterEdit();
    ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::PopID();
    if (!value->empty()) record_text(*value);
    return done;
}

bool secret_field(const char* id, const std::string& label, char* buffer, std::size_t size,
                  float width) {
    const float label_y = ImGui::GetCursorScreenPos().y;
    text(label, fonts().small, color::muted, width);
    ImGui::PushID(id);
    ImGui::PushFont(fonts().card);
    const float pad_y = (target_h() - fonts().card->FontSize) * 0.5f;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(16), pad_y));
    ImGui::SetNextItemWidth(width);
    const bool enter = ImGui::InputText(
        "##s", buffer, size, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    record_target(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    keep_in_view(label_y);
    ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::PopID();
    return enter;
}

void chip_flow(float next_width) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float x = ImGui::GetItemRectMax().x + dp(8);
    if (x + next_width <= right) ImGui::SameLine(0, dp(8));
}

float chip_width(const std::string& label, bool selected) {
    const float mark = selected ? dp(30) : 0.0f;
    return std::max(scale().min_target(), text_size(fonts().body, label).x + mark + dp(40));
}

bool chip(const char* id, const std::string& label, bool selected) {
    const ImVec2 ts = text_size(fonts().body, label);
    const float mark = selected ? dp(30) : 0.0f;
    const ImVec2 size(chip_width(label, selected), target_h());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    bool held = false;
    const bool tap = tap_area(id, label, size, &held);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 e(p.x + size.x, p.y + size.y);
    const ImU32 bg = selected ? color::accent : held ? color::accent_soft : color::surface;
    dl->AddRectFilled(p, e, bg, size.y * 0.5f);
    dl->AddRect(p, e, selected ? color::accent : color::border, size.y * 0.5f, 0, dp(1.5f));
    const ImU32 fg = selected ? color::on_accent : color::text;
    if (selected) check_mark(dl, ImVec2(p.x + dp(30), p.y + size.y / 2), dp(16), fg);
    draw_text(dl, fonts().body, ImVec2(p.x + dp(20) + mark, p.y + (size.y - ts.y) / 2), fg, label,
              0);
    return tap;
}

bool toggle(const char* id, const std::string& label, bool* value, float width) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = target_h();
    bool held = false;
    const bool tap = tap_area(id, label, ImVec2(width, h), &held);
    if (tap) *value = !*value;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float box = dp(36);
    const bool rtl = text_direction_rtl();  // the box stands at the start of the reading line
    const ImVec2 b(rtl ? p.x + width - dp(4) - box : p.x + dp(4), p.y + (h - box) / 2);
    dl->AddRectFilled(b, ImVec2(b.x + box, b.y + box), *value ? color::accent : color::surface,
                      dp(6));
    dl->AddRect(b, ImVec2(b.x + box, b.y + box), *value ? color::accent : color::muted, dp(6), 0,
                dp(2));
    if (*value) check_mark(dl, ImVec2(b.x + box / 2, b.y + box / 2), dp(18), color::on_accent);
    const float tw = width - box - dp(24);
    const float th = text_size(fonts().body, label, tw).y;
    const float tx = rtl ? p.x : b.x + box + dp(16);
    draw_text(dl, fonts().body, ImVec2(tx, p.y + (h - th) / 2), color::text, label, tw);
    return tap;
}

// A square +/- key of a stepper; its tap label is "<label> +" so scripts can find it.
static bool step_key(const char* id, const std::string& glyph, const std::string& target,
                     bool enabled) {
    const float h = target_h();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    bool held = false;
    bool tap = false;
    if (enabled)
        tap = tap_area(id, target, ImVec2(h, h), &held);
    else
        ImGui::Dummy(ImVec2(h, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + h, p.y + h), held ? color::accent_soft : color::surface,
                      dp(8));
    dl->AddRect(p, ImVec2(p.x + h, p.y + h), enabled ? color::accent : color::border, dp(8), 0,
                dp(2));
    // Drawn as lines: our fonts lack a reliable minus sign.
    const ImU32 col = enabled ? color::accent : color::muted;
    const ImVec2 c(p.x + h / 2, p.y + h / 2);
    const float arm = h * 0.22f;
    dl->AddLine(ImVec2(c.x - arm, c.y), ImVec2(c.x + arm, c.y), col, dp(4));
    if (glyph == "+") dl->AddLine(ImVec2(c.x, c.y - arm), ImVec2(c.x, c.y + arm), col, dp(4));
    return tap;
}

bool stepper(const char* id, const std::string& label, int* value, int step, int min, int max,
             const std::string& suffix) {
    ImGui::PushID(id);
    const float h = target_h();
    const float label_w = dp(220);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw_text(ImGui::GetWindowDrawList(), fonts().body,
              ImVec2(p.x, p.y + (h - fonts().body->FontSize) / 2), color::text, label, label_w);
    ImGui::Dummy(ImVec2(label_w, h));
    ImGui::SameLine(0, dp(8));
    bool changed = false;
    if (step_key("minus", "-", label + " -", *value > min)) {
        *value = std::max(min, *value - step);
        changed = true;
    }
    ImGui::SameLine(0, dp(8));
    const std::string shown = std::to_string(*value) + suffix;
    const ImVec2 q = ImGui::GetCursorScreenPos();
    const float vw = dp(96);
    const ImVec2 ts = text_size(fonts().body_bold, shown);
    draw_text(ImGui::GetWindowDrawList(), fonts().body_bold,
              ImVec2(q.x + (vw - ts.x) / 2, q.y + (h - ts.y) / 2), color::text, shown, 0);
    ImGui::Dummy(ImVec2(vw, h));
    ImGui::SameLine(0, dp(8));
    if (step_key("plus", "+", label + " +", *value < max)) {
        *value = std::min(max, *value + step);
        changed = true;
    }
    ImGui::PopID();
    return changed;
}

}  // namespace kt::ui
