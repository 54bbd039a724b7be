// One function per screen: draw(view model) -> commands.
#pragma once

#include "crypto/secret.hpp"
#include "present/views.hpp"
#include "screens/commands.hpp"

namespace kt::kiosk {

void draw_unlock_screen(const present::UnlockView& v, crypto::SecretBytes& passphrase,
                        Commands& out);
void draw_clients_screen(const present::ClientsView& v, Commands& out);
void draw_client_screen(const present::ClientView& v, Commands& out);
void draw_matrix_screen(const present::MatrixView& v, Commands& out);

}  // namespace kt::kiosk
