// Per-screen UI state that is not domain data: form buffers, the search text, whether the
// details panel is open. The app resets a screen's state when its step is entered.
#pragma once

#include <string>
#include <vector>

#include "crypto/secret.hpp"
#include "model/assessment.hpp"
#include "model/client.hpp"
#include "model/review.hpp"
#include "platform/media.hpp"
#include "store/settings.hpp"

namespace kt::kiosk {

/// PIN fields live in wiped memory like the passphrase.
struct PinFields {
    crypto::SecretBytes first{16};
    crypto::SecretBytes repeat{16};
    void wipe() {
        first.wipe();
        repeat.wipe();
    }
};

/// The client's page: the "where to save the client's copy" panel and what came of it.
struct ClientPageState {
    std::string copy_for;  // the assessment whose copy is being saved ("" hides the panel)
    std::vector<MediaDir> media;
    std::string message;  // "Kopie opgeslagen op …" or why not
    bool failed = false;
};

/// The first run's fields: name and team as typed, the passphrase twice and the PIN twice in
/// wiped memory.
struct FirstRunState {
    std::string name, team;
    bool loaded = false;  // name and team were taken from the session's draft
    crypto::SecretBytes pass{256};
    crypto::SecretBytes repeat{256};
    PinFields pins;
    void wipe() {
        pass.wipe();
        repeat.wipe();
        pins.wipe();
    }
};

struct ClientsState {
    std::string query;
};

struct ClientForm {
    std::string id;  // empty for a new client
    std::string given, tussenvoegsel, family, birth, team, wijk;
    std::vector<model::HouseholdMember> household;
    std::vector<model::Consent> consents;
    std::string error_key;  // form-level problems found before saving
    bool loaded = false;
};

struct SetupState {
    std::vector<bool> chosen;  // per model::kParticipantRoles
    std::string representative_role, professional_role;
};

struct MatrixState {
    bool panel_open = false;
    int panel_domain = -1;      // the domain the text buffers belong to
    std::string assessment_id;  // ... of this assessment
    std::string note, hulpvraag;
};

/// The passphrase-change fields, in wiped memory like the unlock field.
struct PassphraseFields {
    crypto::SecretBytes old_pass{256};
    crypto::SecretBytes new_pass{256};
    crypto::SecretBytes repeat{256};
    void wipe() {
        old_pass.wipe();
        new_pass.wipe();
        repeat.wipe();
    }
};

struct NetworkState {
    std::string assessment_id;  // the map the buffers belong to
    std::string selected;       // the person being edited ("" shows the add form)
    std::string new_label;
    int new_kind = 0;   // index into model::kPersonKinds
    int dragging = -1;  // the person under the finger while it moves
    bool panel_to_top = false;
    std::string other_reason, note;
};

/// One signature pad: the strokes being drawn (normalised 0..1), the representative's role,
/// a refusal being written.
struct PadState {
    std::vector<model::Stroke> strokes;
    bool drawing = false;
    bool representative = false;
    std::string role;
    bool refusing = false;
    std::string reason;
};

struct ReviewState {
    std::string assessment_id;  // the review the buffers belong to
    int words_domain = -1;      // the domain own_words belongs to
    std::string own_words;
    bool asking_pin = false;  // "back to the worker": the PIN field shows
    crypto::SecretBytes pin{16};
    PadState client, worker;
    std::string speech_note;  // "no sound on this device" after a read-aloud failed
};

struct SettingsState {
    store::Settings edit;
    std::string wijken_text;
    bool loaded = false;
    PassphraseFields passphrase;
    std::string receiver_url = "https://", enroll_code;  // the enrollment section's fields
    bool reenroll = false;  // an enrolled device shows the fields only after "Opnieuw aanmelden"
};

}  // namespace kt::kiosk
