// KioskApp: one session, the screens, and the commands they emit. Drawing and applying are
// separate: draw() fills the frame, apply() runs the commands after the frame is rendered.
#pragma once

#include <filesystem>

#include "crypto/secret.hpp"
#include "i18n/catalog.hpp"
#include "present/session.hpp"
#include "screens/commands.hpp"

namespace kt::kiosk {

class KioskApp {
  public:
    KioskApp(const i18n::Catalog& catalog, const Clock& clock, std::filesystem::path vault);

    /// Draws the screen of the current step (between ImGui::NewFrame and ImGui::Render).
    void draw();
    /// Applies the commands of the last frame; returns true when anything was applied.
    bool apply();
    /// Unlocks with a passphrase from elsewhere (--passphrase-file); wipes nothing it does not own.
    void unlock_with(std::string_view passphrase) { m_session.unlock(passphrase); }

    present::Session& session() { return m_session; }

  private:
    void submit_passphrase();

    const i18n::Catalog& m_catalog;
    present::Session m_session;
    crypto::SecretBytes m_passphrase;  // the passphrase field's buffer, wiped after each try
    Commands m_pending;
};

}  // namespace kt::kiosk
