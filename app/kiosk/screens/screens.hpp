// One function per screen: draw(view model, its UI state) -> commands.
#pragma once

#include "crypto/secret.hpp"
#include "present/views.hpp"
#include "screens/commands.hpp"
#include "screens/ui_state.hpp"

namespace kt::kiosk {

void draw_unlock_screen(const present::UnlockView& v, crypto::SecretBytes& passphrase,
                        Commands& out);
void draw_pin_setup_screen(const present::PinSetupView& v, PinFields& pins, Commands& out);
void draw_lock_screen(const present::LockView& v, PinFields& pins, Commands& out);
void draw_clients_screen(const present::ClientsView& v, ClientsState& st, Commands& out);
void draw_client_form_screen(const present::ClientFormView& v, ClientForm& form, Commands& out);
void draw_client_screen(const present::ClientView& v, Commands& out);
void draw_setup_screen(const present::SetupView& v, SetupState& st, Commands& out);
void draw_matrix_screen(const present::MatrixView& v, MatrixState& st, Commands& out);
void draw_settings_screen(const present::SettingsView& v, SettingsState& st, Commands& out);

}  // namespace kt::kiosk
