// One function per screen: draw(view model, its UI state) -> commands.
#pragma once

#include <functional>

#include "crypto/secret.hpp"
#include "present/views.hpp"
#include "screens/commands.hpp"
#include "screens/ui_state.hpp"

namespace kt::kiosk {

void draw_unlock_screen(const present::UnlockView& v, crypto::SecretBytes& passphrase,
                        Commands& out);
/// The first run: welcome, name and team, passphrase with its strength meter, PIN.
void draw_first_run_screen(const present::FirstRunView& v, FirstRunState& st, Commands& out);
/// After the vault was made: sign up with the municipality (the settings' section) or later.
void draw_first_enroll_screen(const present::FirstEnrollView& v, const present::SyncView& sync,
                              SettingsState& st, Commands& out);
/// Enrollment with the municipality's one-time code (settings and first run).
void draw_sync_section(const present::SyncView& v, SettingsState& st, Commands& out);
/// A labelled digits-only secret field (a PIN, at most 6 digits); true on Enter.
bool pin_field(const char* id, const std::string& label, crypto::SecretBytes& buf, float w,
               bool focus);
void draw_pin_setup_screen(const present::PinSetupView& v, PinFields& pins, Commands& out);
void draw_lock_screen(const present::LockView& v, PinFields& pins, Commands& out);
void draw_clients_screen(const present::ClientsView& v, const present::SyncView& sync,
                         ClientsState& st, Commands& out);
void draw_client_form_screen(const present::ClientFormView& v, ClientForm& form, Commands& out);
void draw_client_screen(const present::ClientView& v, const ClientPageState& st, Commands& out);
void draw_setup_screen(const present::SetupView& v, SetupState& st, Commands& out);
void draw_matrix_screen(const present::MatrixView& v, MatrixState& st, Commands& out);
void draw_settings_screen(const present::SettingsView& v, const present::SyncView& sync,
                          SettingsState& st, Commands& out);
/// The network map; `view_for` builds the view for the canvas the screen lays out.
void draw_network_screen(
    const std::function<present::NetworkView(const present::NetworkCanvas&)>& view_for,
    NetworkState& st, Commands& out);
/// Client mode: the review pages (step review and review_more) and the signing page.
void draw_review_screen(const present::ReviewView& v, ReviewState& st, Commands& out);
void draw_sign_screen(const present::ReviewView& v, ReviewState& st, Commands& out);
void draw_overview_screen(
    const std::function<present::OverviewView(const present::Rect&, present::MeasureText)>&
        view_for,
    Commands& out);

}  // namespace kt::kiosk
