// Drawing the network map with ImDrawList: rings, the client, lines and people. Every person
// has a colour AND a shape for their kind; a hindering contact has a broken line and a broken
// outline, an overloaded carer a thick outer ring: never colour alone.
#include "screens/network_map_draw.hpp"

#include <algorithm>
#include <cmath>

#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

constexpr float kPi = 3.14159265f;
static_assert(assets::network_rings.size() == std::size_t(model::kRingCount), "a colour per ring");

ImVec2 im(present::Vec2 v) {
    return ImVec2(v.x, v.y);
}

ImU32 kind_colour(model::PersonKind k) {
    switch (k) {
        case model::PersonKind::partner:
            return color::im(assets::network_kind::partner);
        case model::PersonKind::child:
            return color::im(assets::network_kind::child);
        case model::PersonKind::other_family:
            return color::im(assets::network_kind::other_family);
        case model::PersonKind::friend_:
            return color::im(assets::network_kind::friend_);
        case model::PersonKind::neighbour:
            return color::im(assets::network_kind::neighbour);
        case model::PersonKind::volunteer:
            return color::im(assets::network_kind::volunteer);
        case model::PersonKind::professional:
            return color::im(assets::network_kind::professional);
        case model::PersonKind::other:
            return color::im(assets::network_kind::other);
    }
    return color::muted;
}

void star(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
    ImVec2 pts[10];
    for (int i = 0; i < 10; ++i) {
        const float a = -kPi / 2 + float(i) * kPi / 5;
        const float rr = (i % 2 == 0) ? r : r * 0.45f;
        pts[i] = ImVec2(c.x + rr * std::cos(a), c.y + rr * std::sin(a));
    }
    for (int i = 0; i < 10; i += 2)  // five kite-shaped arms: concave fill done as triangles
        dl->AddTriangleFilled(c, pts[i], pts[(i + 9) % 10], col),
            dl->AddTriangleFilled(c, pts[i], pts[i + 1], col);
}

// The kind's icon in white inside the marker.
void kind_icon(ImDrawList* dl, model::PersonKind k, ImVec2 c, float r) {
    const ImU32 w = color::on_accent;
    const float s = r * 0.5f;
    switch (k) {
        case model::PersonKind::partner:  // two linked rings
            dl->AddCircle(ImVec2(c.x - s * 0.45f, c.y), s * 0.6f, w, 24, dp(3));
            dl->AddCircle(ImVec2(c.x + s * 0.45f, c.y), s * 0.6f, w, 24, dp(3));
            break;
        case model::PersonKind::child:  // a small figure: head and body
            dl->AddCircleFilled(ImVec2(c.x, c.y - s * 0.55f), s * 0.35f, w);
            dl->AddTriangleFilled(ImVec2(c.x, c.y - s * 0.2f),
                                  ImVec2(c.x - s * 0.5f, c.y + s * 0.7f),
                                  ImVec2(c.x + s * 0.5f, c.y + s * 0.7f), w);
            break;
        case model::PersonKind::other_family:  // a square
            dl->AddRectFilled(ImVec2(c.x - s * 0.6f, c.y - s * 0.6f),
                              ImVec2(c.x + s * 0.6f, c.y + s * 0.6f), w);
            break;
        case model::PersonKind::friend_:  // a diamond
            dl->AddQuadFilled(ImVec2(c.x, c.y - s * 0.8f), ImVec2(c.x + s * 0.8f, c.y),
                              ImVec2(c.x, c.y + s * 0.8f), ImVec2(c.x - s * 0.8f, c.y), w);
            break;
        case model::PersonKind::neighbour:  // a house
            dl->AddRectFilled(ImVec2(c.x - s * 0.55f, c.y - s * 0.05f),
                              ImVec2(c.x + s * 0.55f, c.y + s * 0.7f), w);
            dl->AddTriangleFilled(ImVec2(c.x - s * 0.8f, c.y), ImVec2(c.x, c.y - s * 0.75f),
                                  ImVec2(c.x + s * 0.8f, c.y), w);
            break;
        case model::PersonKind::volunteer:  // a star
            star(dl, c, s * 0.85f, w);
            break;
        case model::PersonKind::professional:  // a plus
            dl->AddRectFilled(ImVec2(c.x - s * 0.2f, c.y - s * 0.7f),
                              ImVec2(c.x + s * 0.2f, c.y + s * 0.7f), w);
            dl->AddRectFilled(ImVec2(c.x - s * 0.7f, c.y - s * 0.2f),
                              ImVec2(c.x + s * 0.7f, c.y + s * 0.2f), w);
            break;
        case model::PersonKind::other:  // an open circle
            dl->AddCircle(c, s * 0.6f, w, 24, dp(3));
            break;
    }
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness) {
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    const float dash = dp(10), gap = dp(8);
    const int count = int(std::ceil(len / (dash + gap)));  // counted, so the loop always ends
    for (int i = 0; i < count; ++i) {
        const float t = float(i) * (dash + gap);
        const float e = std::min(len, t + dash);
        dl->AddLine(ImVec2(a.x + (b.x - a.x) * t / len, a.y + (b.y - a.y) * t / len),
                    ImVec2(a.x + (b.x - a.x) * e / len, a.y + (b.y - a.y) * e / len), col,
                    thickness);
    }
}

void dashed_circle(ImDrawList* dl, ImVec2 c, float r, ImU32 col, float thickness) {
    constexpr int kDashes = 12;
    for (int i = 0; i < kDashes; ++i) {
        const float a0 = float(i) * 2 * kPi / kDashes;
        dl->PathArcTo(c, r, a0, a0 + kPi / kDashes, 6);
        dl->PathStroke(col, 0, thickness);
    }
}

// The person's name on a white pill under the marker, readable over the rings.
void name_tag(ImDrawList* dl, const std::string& label, ImVec2 c, float r, bool selected) {
    const ImVec2 ts = text_size(fonts().small, label);
    const ImVec2 p(c.x - ts.x / 2, c.y + r + dp(4));
    dl->AddRectFilled(ImVec2(p.x - dp(6), p.y - dp(1)), ImVec2(p.x + ts.x + dp(6), p.y + ts.y),
                      selected ? color::accent_soft : color::surface, dp(8));
    draw_text(dl, fonts().small, p, color::text, label, 0);
}

}  // namespace

namespace {

// Whether a text box at `at` of size `ts` stays clear of the client's disc and of every
// person's marker with the name under it.
bool clear_of_people(const present::NetworkLayout& l, const std::vector<present::Vec2>& people,
                     ImVec2 at, ImVec2 ts) {
    const auto hits = [&](float left, float top, float right, float bottom) {
        return at.x < right && at.x + ts.x > left && at.y < bottom && at.y + ts.y > top;
    };
    const float c = l.client_radius;
    if (hits(l.centre.x - c, l.centre.y - c, l.centre.x + c, l.centre.y + c)) return false;
    const float r = l.marker_radius, half_w = r + dp(8);
    for (const auto& p : people)
        if (hits(p.x - half_w, p.y - r, p.x + half_w, p.y + r + dp(36))) return false;
    return true;
}

// Where ring `r`'s name goes: inside its top edge, else its bottom, left or right edge,
// wherever no person covers it (the top when none is free).
ImVec2 ring_name_at(const present::NetworkLayout& l, const std::vector<present::Vec2>& people,
                    int r, ImVec2 ts) {
    const float outer = l.rings[std::size_t(r)].outer;
    const ImVec2 c = im(l.centre);
    const ImVec2 places[] = {
        ImVec2(c.x - ts.x / 2, c.y - outer + dp(4)),
        ImVec2(c.x - ts.x / 2, c.y + outer - dp(4) - ts.y),
        ImVec2(c.x - outer + dp(6), c.y - ts.y / 2),
        ImVec2(c.x + outer - dp(6) - ts.x, c.y - ts.y / 2),
    };
    for (const ImVec2& at : places)
        if (clear_of_people(l, people, at, ts)) return at;
    return places[0];
}

}  // namespace

void draw_rings(ImDrawList* dl, const present::NetworkLayout& l,
                const std::array<std::string, model::kRingCount>& names,
                const std::vector<present::Vec2>& people) {
    for (int r = model::kRingCount - 1; r >= 0; --r) {
        const auto& band = l.rings[std::size_t(r)];
        dl->AddCircleFilled(im(l.centre), band.outer,
                            color::im(assets::network_rings[std::size_t(r)]), 96);
        dl->AddCircle(im(l.centre), band.outer, color::border, 96, dp(1.5f));
    }
    for (int r = 0; r < model::kRingCount; ++r) {
        const std::string& name = names[std::size_t(r)];
        draw_text(dl, fonts().small, ring_name_at(l, people, r, text_size(fonts().small, name)),
                  color::muted, name, 0);
    }
}

void draw_client(ImDrawList* dl, const present::NetworkLayout& l, const std::string& label) {
    dl->AddCircleFilled(im(l.centre), l.client_radius, color::text, 48);
    const ImVec2 ts = text_size(fonts().small, label);
    draw_text(dl, fonts().small, ImVec2(l.centre.x - ts.x / 2, l.centre.y - ts.y / 2),
              color::on_accent, label, 0);
}

void draw_tie(ImDrawList* dl, const present::NetworkLayout& l, const present::NetworkPersonView& p,
              ImVec2 at) {
    if (p.person.hinders)
        dashed_line(dl, im(l.centre), at, color::danger, dp(3));
    else
        dl->AddLine(im(l.centre), at, p.supportive ? color::accent : color::border,
                    p.supportive ? dp(3) : dp(1.5f));
}

void draw_person(ImDrawList* dl, const present::NetworkPersonView& p, ImVec2 c, float r,
                 bool selected) {
    if (p.overloaded || p.heavy)
        dl->AddCircle(c, r + dp(5), color::earlier, 48, p.overloaded ? dp(5) : dp(2.5f));
    dl->AddCircleFilled(c, r, kind_colour(p.person.kind), 48);
    if (p.person.hinders)
        dashed_circle(dl, c, r - dp(2), color::surface, dp(3));
    else
        dl->AddCircle(c, r - dp(1), color::surface, 48, dp(2));
    if (selected) dl->AddCircle(c, r + dp(9), color::accent, 48, dp(3));
    kind_icon(dl, p.person.kind, c, r);
}

void draw_person_name(ImDrawList* dl, const present::NetworkPersonView& p, ImVec2 c, float r,
                      bool selected) {
    name_tag(dl, p.person.label, c, r, selected);
}

}  // namespace kt::kiosk
