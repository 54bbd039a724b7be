// KioskApp: one session, the screens, their UI state and the commands they emit. Drawing and
// applying are separate: draw() fills the frame, apply() runs the commands after rendering.
#pragma once

#include <filesystem>
#include <map>
#include <memory>

#include "crypto/secret.hpp"
#include "i18n/catalog.hpp"
#include "platform/speech.hpp"
#include "present/session.hpp"
#include "screens/commands.hpp"
#include "screens/ui_state.hpp"

namespace kt::kiosk {

class KioskApp {
  public:
    KioskApp(const i18n::Catalog& catalog, const Clock& clock, std::filesystem::path vault);

    /// Draws the screen of the current step (between ImGui::NewFrame and ImGui::Render).
    void draw();
    /// Applies the commands of the last frame and the idle lock; true when anything changed.
    bool apply();
    /// Unlocks with a passphrase from elsewhere (--passphrase-file).
    void unlock_with(std::string_view passphrase) { m_session.unlock(passphrase); }
    /// Seconds until the idle lock is due (a large number when nothing would lock).
    double seconds_until_idle_lock() const;
    /// Seconds until the screen must be drawn again without input: the idle lock, or the
    /// next second of a passphrase delay's countdown.
    double seconds_until_redraw() const;

    present::Session& session() { return m_session; }
    /// Headless runs have no sound: read-aloud then says so instead of speaking.
    void set_audio(bool audio) { m_speech = std::make_unique<Speech>(audio); }

  private:
    void wipe_secrets();
    static bool carries_secret(const present::Intent& intent);
    void on_step_entered();
    void note_activity();
    void apply_kiosk_command(const Command& c);
    void save_client_copy(const SaveClientCopy& x);
    /// The catalog of the client's language (opened once, kept).
    const i18n::Catalog& client_catalog(const std::string& locale);

    const i18n::Catalog& m_catalog;
    const Clock& m_clock;
    present::Session m_session;
    crypto::SecretBytes m_passphrase;  // the passphrase field's buffer, wiped after each try
    PinFields m_pins;
    FirstRunState m_first;
    ClientsState m_clients;
    ClientForm m_form;
    SetupState m_setup;
    MatrixState m_matrix;
    SettingsState m_settings;
    NetworkState m_network;
    ReviewState m_review;
    ClientPageState m_client_page;
    std::map<std::string, i18n::Catalog> m_client_catalogs;
    std::unique_ptr<Speech> m_speech = std::make_unique<Speech>(true);
    Commands m_pending;
    flow::Step m_last_step = flow::Step::unlock;
    flow::Mode m_last_mode = flow::Mode::worker;
    double m_last_activity = 0;
};

}  // namespace kt::kiosk
