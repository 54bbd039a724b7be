// Client mode, signing: a pad for the client (or their representative, with a role) and one
// for the worker. Strokes are kept as normalised points only: no time, no pressure (T-34).
// The client may refuse, with a reason or without one (refusing needs no justification).
// Both done: "record it" seals.
#include <imgui.h>

#include <algorithm>

#include "screens/client_mode_frame.hpp"
#include "screens/layout.hpp"
#include "screens/screens.hpp"
#include "widgets/form.hpp"
#include "widgets/frame_record.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/rtl_text.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

namespace kt::kiosk {

using namespace kt::ui;

namespace {

model::Signature signature_of(const PadState& pad, model::Signer signer) {
    model::Signature s;
    s.signer = signer;
    if (signer == model::Signer::client && pad.representative) {
        s.signer = model::Signer::representative;
        s.role = pad.role;
    }
    s.strokes = pad.strokes;
    return s;
}

// The drawing surface: a finger down starts a stroke, moving adds points, lifting stores the
// whole signature so far (the store replaces the signer's previous one).
void pad_surface(const present::SignaturePadView& pv, PadState& pad, model::Signer signer,
                 bool locked, ImVec2 size, const std::string& hint, Commands& out) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(int(signer));
    ImGui::InvisibleButton("pad", size);
    ImGui::PopID();
    record_target(pv.title, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImVec2 m = ImGui::GetIO().MousePos;
    auto norm = [&](ImVec2 q) {
        return model::Point{std::clamp((q.x - p.x) / size.x, 0.0f, 1.0f),
                            std::clamp((q.y - p.y) / size.y, 0.0f, 1.0f)};
    };
    if (!locked && ImGui::IsItemActivated()) {
        pad.strokes.push_back({});
        pad.drawing = true;
    }
    if (!locked && pad.drawing && ImGui::IsItemActive()) {
        auto& pts = pad.strokes.back().points;
        const auto q = norm(m);
        if (pts.empty() || pts.back().x != q.x || pts.back().y != q.y) pts.push_back(q);
    }
    if (pad.drawing && ImGui::IsItemDeactivated()) {
        pad.drawing = false;
        out.push_back(SaveSignature{signature_of(pad, signer)});
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 e(p.x + size.x, p.y + size.y);
    dl->AddRectFilled(p, e, color::surface, dp(12));
    dl->AddRect(p, e, color::border, dp(12), 0, dp(2));
    dl->AddLine(ImVec2(p.x + dp(24), e.y - dp(40)), ImVec2(e.x - dp(24), e.y - dp(40)),
                color::border, dp(1));
    const auto& strokes = pad.drawing || !pad.strokes.empty() ? pad.strokes : pv.strokes;
    for (const auto& s : strokes) {
        std::vector<ImVec2> pts;
        for (const auto& q : s.points)
            pts.push_back(ImVec2(p.x + q.x * size.x, p.y + q.y * size.y));
        if (pts.size() == 1) dl->AddCircleFilled(pts[0], dp(2), color::text);
        if (pts.size() > 1) dl->AddPolyline(pts.data(), int(pts.size()), color::text, 0, dp(3));
    }
    if (strokes.empty() && !pv.refused)
        draw_text_dir(dl, fonts().small, ImVec2(p.x + dp(24), e.y - dp(36)), color::muted, hint,
                      size.x - dp(48));
}

void refusal(const present::ReviewView& v, PadState& pad, float w, Commands& out) {
    if (!pad.refusing) {
        if (button("review.refuse", v.refuse, ButtonKind::quiet, w)) pad.refusing = true;
        return;
    }
    text_field("refuse_reason", v.refuse_reason, &pad.reason, w, 2);
    if (button("refuse_confirm", v.refuse, ButtonKind::secondary, w)) {
        model::Signature s;
        s.signer = model::Signer::client;
        s.refused = true;
        s.refusal_reason = pad.reason;
        out.push_back(SaveSignature{s});
        pad.refusing = false;
    }
}

void pad_column(const present::ReviewView& v, const present::SignaturePadView& pv, PadState& pad,
                model::Signer signer, float w, Commands& out) {
    ImGui::BeginGroup();
    text_dir(pv.title, fonts().body_bold, color::text, w);
    if (pv.refused) {
        text_dir(pv.refusal, fonts().card, color::text, w);
    } else {
        pad_surface(pv, pad, signer, v.is_sealed, ImVec2(w, dp(260)), v.sign_here, out);
    }
    if (!v.is_sealed) {
        ImGui::PushID(int(signer));
        if ((pv.signed_ || pv.refused || !pad.strokes.empty()) &&
            button("review.clear", v.clear, ButtonKind::quiet, w)) {
            pad = PadState{};
            out.push_back(ClearSignature{signer});
        }
        if (signer == model::Signer::client && !pv.refused) {
            if (toggle("representative", v.as_representative, &pad.representative, w) &&
                !pad.strokes.empty())
                out.push_back(SaveSignature{signature_of(pad, signer)});
            if (pad.representative && text_field("role", v.representative_role, &pad.role, w) &&
                !pad.strokes.empty())
                out.push_back(SaveSignature{signature_of(pad, signer)});
            if (!pv.signed_) refusal(v, pad, w, out);
        }
        ImGui::PopID();
    }
    ImGui::EndGroup();
}

}  // namespace

void draw_sign_screen(const present::ReviewView& v, ReviewState& st, Commands& out) {
    TextDirectionScope direction(v.rtl);
    if (st.assessment_id != v.assessment_id) {
        st.assessment_id = v.assessment_id;
        st.client = PadState{};
        st.worker = PadState{};
    }
    begin_screen("##sign");
    keyboard_state().language = v.locale;  // the client types in their own script
    if (!client_top(v, st, out)) {
        end_screen();
        return;
    }
    // While the client types a reason, it gets all the room above the keyboard.
    const bool typing = keyboard_height() > 0;
    const float body =
        typing ? ImGui::GetContentRegionAvail().y - keyboard_height() : body_height();
    ImGui::BeginChild("##sign_body", ImVec2(0, body), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float region = ImGui::GetContentRegionAvail().x - dp(16);  // room for the scrollbar
    ImGui::SetCursorPosX(start_x(v, 0, region));
    text_dir(v.sign_title, fonts().heading, color::text, region);
    ImGui::SetCursorPosX(start_x(v, 0, region));
    if (v.is_sealed) {
        // The outcome first, where the eye is: the pads below stay as they were signed.
        text_dir(v.sealed, fonts().heading, color::accent, region);
        ImGui::SetCursorPosX(start_x(v, 0, region));
        text_dir(v.seal_code, fonts().body, color::muted, region);
    } else if (!v.error.empty()) {
        // A refusal or a storage failure (disk full) where the eye is too: below the pads it
        // would be out of view on a 1280x800 screen.
        text_dir(v.error, fonts().body_bold, color::danger, region);
    } else {
        text_dir(v.sign_intro, fonts().body, color::muted, region);
    }
    ImGui::Dummy(ImVec2(0, dp(8)));
    const float w = (region - dp(32)) / 2;
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(start_x(v, 0, w), y));
    pad_column(v, v.client_pad, st.client, model::Signer::client, w, out);
    ImGui::SetCursorPos(ImVec2(start_x(v, w + dp(32), w), y));
    pad_column(v, v.worker_pad, st.worker, model::Signer::worker, w, out);
    ImGui::Dummy(ImVec2(0, dp(12)));
    ImGui::EndChild();
    if (!typing)
        client_bottom(v, v.previous, !v.is_sealed, v.seal, v.ready && !v.is_sealed, out,
                      flow::Back{}, SealAssessment{});
    end_screen();
}

}  // namespace kt::kiosk
