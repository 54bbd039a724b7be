#include "kiosk_app.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "present/views.hpp"
#include "report/client_copy.hpp"
#include "screens/client_form_logic.hpp"
#include "screens/screens.hpp"
#include "util/overloaded.hpp"
#include "widgets/keyboard.hpp"

namespace kt::kiosk {

namespace {

// ImGui keeps its own copies of an active text field (UTF-16 and UTF-8). Zero them and drop
// the focus so no passphrase or PIN bytes stay in the UI's memory.
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
    : m_catalog(catalog), m_clock(clock), m_session(std::move(vault), clock), m_passphrase(256) {
    m_last_activity = clock.monotonic();
}

void KioskApp::note_activity() {
    const ImGuiIO& io = ImGui::GetIO();
    bool active = io.MouseDown[0] || io.MouseDelta.x != 0 || io.MouseDelta.y != 0 ||
                  io.InputQueueCharacters.Size > 0;
    for (bool k : io.KeysDown)
        active = active || k;
    if (active) m_last_activity = m_clock.monotonic();
}

void KioskApp::draw() {
    note_activity();
    m_session.tick_sync();
    const auto& st = m_session.state();
    const auto& cat = m_catalog;
    // The on-screen keyboard's keys in the language of whoever types: the client's on the
    // review and signing screens, the worker's everywhere else.
    const bool client_types = st.mode != flow::Mode::locked &&
                              (st.step == flow::Step::review ||
                               st.step == flow::Step::review_more || st.step == flow::Step::sign);
    ui::keyboard_state().labels =
        ui::keyboard_labels(client_types ? client_catalog(m_session.review().locale) : cat);
    if (st.mode == flow::Mode::locked) {
        draw_lock_screen(present::lock_view(m_session, cat), m_pins, m_pending);
        return;
    }
    switch (st.step) {
        case flow::Step::unlock:
            draw_unlock_screen(present::unlock_view(m_session, cat), m_passphrase, m_pending);
            break;
        case flow::Step::first_run:
            draw_first_run_screen(present::first_run_view(m_session, cat, m_first.pass.text()),
                                  m_first, m_pending);
            break;
        case flow::Step::first_enroll:
            draw_first_enroll_screen(present::first_enroll_view(m_session, cat),
                                     present::sync_view(m_session, cat), m_settings, m_pending);
            break;
        case flow::Step::pin_setup:
            draw_pin_setup_screen(present::pin_setup_view(m_session, cat), m_pins, m_pending);
            break;
        case flow::Step::clients:
            draw_clients_screen(present::clients_view(m_session, cat, m_clients.query),
                                present::sync_view(m_session, cat), m_clients, m_pending);
            break;
        case flow::Step::client_form: {
            auto v = present::client_form_view(m_session, cat);
            if (!m_form.error_key.empty()) v.error = cat.tr(m_form.error_key);
            draw_client_form_screen(v, m_form, m_pending);
            break;
        }
        case flow::Step::client:
            draw_client_screen(present::client_view(m_session, cat), m_client_page, m_pending);
            break;
        case flow::Step::setup:
            draw_setup_screen(present::setup_view(m_session, cat), m_setup, m_pending);
            break;
        case flow::Step::matrix:
            draw_matrix_screen(present::matrix_view(m_session, cat), m_matrix, m_pending);
            break;
        case flow::Step::settings:
            draw_settings_screen(present::settings_view(m_session, cat),
                                 present::sync_view(m_session, cat), m_settings, m_pending);
            break;
        case flow::Step::network:
            draw_network_screen(
                [&](const present::NetworkCanvas& c) {
                    return present::network_view(m_session, cat, c);
                },
                m_network, m_pending);
            break;
        case flow::Step::review:
        case flow::Step::review_more:
            draw_review_screen(
                present::review_view(m_session, cat, client_catalog(m_session.review().locale)),
                m_review, m_pending);
            break;
        case flow::Step::sign:
            draw_sign_screen(
                present::review_view(m_session, cat, client_catalog(m_session.review().locale)),
                m_review, m_pending);
            break;
        case flow::Step::overview:
            draw_overview_screen(
                [&](const present::Rect& r, present::MeasureText m) {
                    return present::overview_view(m_session, cat, r, m);
                },
                m_pending);
            break;
    }
}

// Intents that carry a secret hold views of these buffers: wiped once dispatched, with the
// UI's own copy of the active field. Going back a page of the first run wipes them too.
void KioskApp::wipe_secrets() {
    m_passphrase.wipe();
    m_pins.wipe();
    m_settings.passphrase.wipe();
    m_review.pin.wipe();
    m_first.wipe();
    wipe_active_text_field();
}

bool KioskApp::carries_secret(const present::Intent& intent) {
    using namespace present::intent;
    return std::holds_alternative<SubmitPassphrase>(intent) ||
           std::holds_alternative<SubmitPin>(intent) || std::holds_alternative<ChoosePin>(intent) ||
           std::holds_alternative<ChangePassphrase>(intent) ||
           std::holds_alternative<ReturnToWorker>(intent) ||
           std::holds_alternative<SetupPassphrase>(intent) ||
           std::holds_alternative<SetupCreate>(intent) ||
           std::holds_alternative<SetupBack>(intent);  // leaving a page forgets its secrets
}

double KioskApp::seconds_until_idle_lock() const {
    const auto& st = m_session.state();
    if (st.mode == flow::Mode::locked || st.step == flow::Step::unlock ||
        st.step == flow::Step::pin_setup || st.step == flow::Step::first_run)
        return 1e9;
    const double idle = m_clock.monotonic() - m_last_activity;
    return std::max(0.0, double(m_session.settings().idle_lock_seconds) - idle);
}

const i18n::Catalog& KioskApp::client_catalog(const std::string& locale) {
    auto it = m_client_catalogs.find(locale);
    if (it != m_client_catalogs.end()) return it->second;
    auto c = i18n::Catalog::open(i18n::default_bundle_dir(), locale);
    if (!c) return m_catalog;  // an unknown language shows the worker's: never a blank screen
    return m_client_catalogs.emplace(locale, std::move(c.value())).first->second;
}

// The kiosk's own commands: the drives for the client's copy, and reading aloud.
void KioskApp::apply_kiosk_command(const Command& c) {
    std::visit(Overloaded{
                   [&](const present::Intent&) {},
                   [&](const ChooseCopyTarget& x) {
                       m_client_page = ClientPageState{};
                       m_client_page.copy_for = x.assessment_id;
                       m_client_page.media = removable_media();
                   },
                   [&](const SaveClientCopy& x) { save_client_copy(x); },
                   [&](const CloseCopyPanel&) { m_client_page = ClientPageState{}; },
                   [&](const ReadAloud& x) {
                       if (!m_speech->say(x.text, x.locale))
                           m_review.speech_note = client_catalog(x.locale).tr("review.no_audio");
                   },
               },
               c);
}

// The PDF goes only to the drive the worker chose, named by the seal code (no name of the
// client in a file name), never over an existing file.
void KioskApp::save_client_copy(const SaveClientCopy& x) {
    m_client_page.copy_for.clear();
    m_client_page.failed = true;
    auto copy = m_session.client_copy(x.assessment_id);
    if (!copy) {
        m_client_page.message = m_catalog.tr(error_message_key(copy.error().code));
        return;
    }
    const std::string file = "keukentafel-kopie-" + copy->seal_code + ".pdf";
    auto s = report::write_client_copy(copy.value(), x.dir / file, m_clock.now_utc());
    if (!s) {
        m_client_page.message = m_catalog.tr(s.error().code == ErrorCode::already_exists
                                                 ? "client.copy_exists"
                                                 : error_message_key(s.error().code));
        return;
    }
    m_session.copy_saved(x.assessment_id);
    m_client_page.failed = false;
    m_client_page.message =
        m_catalog.format("client.copy_saved", {{"drive", x.label}, {"file", file}});
}

double KioskApp::seconds_until_redraw() const {
    // A sync or enrollment runs on its own thread: look for its outcome a few times a second.
    const auto& sync = m_session.sync_panel();
    if (sync.running) return std::min(0.25, seconds_until_idle_lock());
    double next = seconds_until_idle_lock();
    if (sync.enrolled && sync.pending > 0)  // the next automatic pass, even untouched
        next = std::min(next, std::max(1.0, double(sync.next_attempt_at - m_clock.now_utc())));
    const double wait = m_session.unlock_wait_seconds();
    if (wait <= 0) return next;
    const double tick = wait - std::floor(wait);  // the shown whole seconds change then
    return std::min(next, tick > 0 ? tick : 1.0);
}

void KioskApp::on_step_entered() {
    const auto& st = m_session.state();
    m_pins.wipe();
    if (st.step == flow::Step::client_form)
        load_form(m_form, m_session.client() ? *m_session.client() : model::Client{}, "");
    if (st.step == flow::Step::setup) {
        m_setup = SetupState{};
        m_setup.chosen.assign(std::size(model::kParticipantRoles), false);
        m_setup.chosen[0] = true;  // the client is almost always there
    }
    if (st.step == flow::Step::review && m_last_step == flow::Step::client) {
        m_review.pin.wipe();
        m_review = ReviewState{};
    }
    if (st.step == flow::Step::client && m_last_step != flow::Step::client)
        m_client_page = ClientPageState{};
    if (st.step == flow::Step::first_enroll || st.step == flow::Step::clients) m_first.wipe();
    if (st.step == flow::Step::settings || st.step == flow::Step::first_enroll) {
        m_settings.passphrase.wipe();
        m_settings.edit = store::Settings{};
        m_settings.wijken_text.clear();
        m_settings.loaded = m_settings.reenroll = false;
    }
    if (st.step == flow::Step::clients && m_last_step == flow::Step::unlock)
        m_clients = ClientsState{};
}

bool KioskApp::apply() {
    bool changed = false;
    if (seconds_until_idle_lock() <= 0) {
        m_session.idle_lock();
        wipe_active_text_field();
        changed = true;
    }
    Commands commands;
    commands.swap(m_pending);
    for (const auto& c : commands) {
        if (const auto* intent = std::get_if<present::Intent>(&c)) {
            m_session.dispatch(*intent);
            if (carries_secret(*intent)) wipe_secrets();
        } else {
            apply_kiosk_command(c);
        }
        changed = true;
    }
    const auto& st = m_session.state();
    if (st.step != m_last_step || st.mode != m_last_mode) {
        if (st.mode == flow::Mode::worker) on_step_entered();
        m_last_step = st.step;
        m_last_mode = st.mode;
        m_last_activity = m_clock.monotonic();
        changed = true;
    }
    return changed;
}

}  // namespace kt::kiosk
