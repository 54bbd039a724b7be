#include "kiosk_app.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include "present/views.hpp"
#include "screens/screens.hpp"

namespace kt::kiosk {

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// ImGui keeps its own copies of an active text field (UTF-16 and UTF-8). Zero them and drop
// the focus so no passphrase bytes stay in the UI's memory.
void wipe_active_text_field() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiInputTextState& st = g.InputTextState;
    if (!st.TextW.empty()) std::fill(st.TextW.begin(), st.TextW.end(), 0);
    if (!st.TextA.empty()) std::fill(st.TextA.begin(), st.TextA.end(), 0);
    if (!st.InitialTextA.empty()) std::fill(st.InitialTextA.begin(), st.InitialTextA.end(), 0);
    st.CurLenA = st.CurLenW = 0;
    ImGui::ClearActiveID();
}

}  // namespace

KioskApp::KioskApp(const i18n::Catalog& catalog, const Clock& clock, std::filesystem::path vault)
    : m_catalog(catalog), m_session(std::move(vault), clock), m_passphrase(256) {}

void KioskApp::draw() {
    switch (m_session.state().step) {
        case flow::Step::unlock:
            draw_unlock_screen(present::unlock_view(m_session, m_catalog), m_passphrase, m_pending);
            break;
        case flow::Step::clients:
            draw_clients_screen(present::clients_view(m_session, m_catalog), m_pending);
            break;
        case flow::Step::client:
            draw_client_screen(present::client_view(m_session, m_catalog), m_pending);
            break;
        case flow::Step::matrix:
            draw_matrix_screen(present::matrix_view(m_session, m_catalog), m_pending);
            break;
    }
}

void KioskApp::submit_passphrase() {
    m_session.unlock(m_passphrase.text());
    m_passphrase.wipe();
    wipe_active_text_field();
}

bool KioskApp::apply() {
    if (m_pending.empty()) return false;
    Commands commands;
    commands.swap(m_pending);
    for (const auto& c : commands) {
        std::visit(
            Overloaded{
                [&](const SubmitPassphrase&) { submit_passphrase(); },
                [&](const OpenClient& x) { m_session.open_client(x.client_id); },
                [&](const StartAssessment& x) { m_session.start_assessment(x.kind); },
                [&](const ResumeAssessment& x) { m_session.resume_assessment(x.assessment_id); },
                [&](const ScoreLevel& x) { m_session.score(x.level); },
                [&](const FinishAssessment&) { m_session.finish(); },
                [&](const Navigate& x) { m_session.navigate(x.action); },
            },
            c);
    }
    return true;
}

}  // namespace kt::kiosk
