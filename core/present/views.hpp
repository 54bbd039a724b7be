// View models: what each screen shows, already localised. Plain structs, no UI types;
// screens only draw them and report taps.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "i18n/catalog.hpp"
#include "model/assessment.hpp"
#include "present/session.hpp"
#include "store/settings.hpp"

namespace kt::present {

struct UnlockView {
    std::string app_name, prompt, hint, button, error;
    bool waiting = false;  // too many wrong tries: the button is off until the delay is over
};

struct PinSetupView {
    std::string title, hint, first_label, repeat_label, button, error;
};

/// The idle-lock screen: the app's name and the time, nothing about any client.
struct LockView {
    std::string app_name, time, prompt, button, error, full_lock;
};

struct Option {
    std::string key;    // stable id (e.g. "partner") for widget ids and storage
    std::string label;  // localised
};

struct ClientFormView {
    std::string title, given, tussenvoegsel, family, birth_date, birth_hint, wijk, team;
    std::string household, add_member, remove, age, consent, consent_given, consent_by_client,
        consent_by_representative, save, cancel, error;
    model::Client initial;            // what the form starts with
    std::vector<std::string> wijken;  // configured list
    std::vector<Option> relations;    // model::kRelations order
    std::vector<Option> purposes;     // model::kConsentPurposes order
};

struct SetupView {
    std::string title, subtitle, hint, detail_label, start, back, lock;
    std::vector<Option> roles;  // model::kParticipantRoles order
};

struct SettingsView {
    std::string title, interval, idle, wijken, wijken_hint, save, back, lock, saved;
    // Changing the passphrase: its own section with its own button and messages.
    std::string passphrase_title, passphrase_hint, old_passphrase, new_passphrase,
        repeat_passphrase, change_passphrase, passphrase_done, passphrase_error;
    bool passphrase_waiting = false;
    std::vector<Option> intervals, idle_options;
    store::Settings current;
};

struct ClientRow {
    std::string id;
    std::string label;  // "Dijk, IJsbrand van"
};

struct ClientsView {
    std::string title, count_line, empty, lock, search_hint, new_client, settings, no_match;
    std::string warning;          // the audit chain was found broken at unlock (empty when intact)
    std::vector<ClientRow> rows;  // Dutch collation order of family name
};

struct AssessmentLine {
    std::string id;
    std::string text;    // "Intake · 12 mei 2026 · 13 van 13 gescoord"
    std::string status;  // "Bezig" / "Afgerond"
    bool resumable = false;
};

struct StartButton {
    model::AssessmentKind kind;
    std::string label;
};

struct ClientView {
    std::string name, born, heading, none, resume, back, lock, edit;
    std::string details;       // "Centrum · Wijkteam 1"
    std::string household;     // "Huishouden: partner (67), 2 kinderen (9, 12)"
    std::string consent;       // "Toestemming: opslaan ja, gemeente ja, monitoring nee"
    std::string next_measure;  // "Volgende meting: rond 24 mei 2027"
    std::vector<AssessmentLine> lines;
    std::vector<StartButton> starts;  // empty while a draft is open
};

struct DomainDot {
    std::string name;
    std::optional<int> level;
    bool unscored = false;  // not scored, with a reason
    bool current = false;
};

struct LevelCard {
    int level = 0;
    std::string level_name;
    std::string descriptor;
    bool chosen = false;
    bool previous = false;  // the level of the previous assessment
    bool acute = false;     // level 1: a calm mark, never an alarm
};

/// The side panel beside the cards: the story behind the number.
struct DetailPanel {
    model::DomainDetail detail;  // current values
    std::string title, note, hulpvraag, goal, shares, own, network, professional, outcome, unscored,
        unscored_hint, clear, no_advice;
    std::vector<Option> outcomes;  // model::kOutcomes order
    std::vector<Option> reasons;   // model::kUnscoredReasons order
};

struct MatrixView {
    std::string client_first_name, kind, domain_of, domain_name, scored_line;
    std::string previous_line;  // "Vorige keer: 3 op 12 mei 2026" or "Geen eerdere meting"
    std::string previous_mark, chosen_mark, acute_mark;
    std::array<DomainDot, zrm::kDomainCount> strip;
    std::array<LevelCard, zrm::kMaxLevel> cards;
    std::string prev_label, next_label, lock_label, back_label, read_only_note, error;
    DetailPanel panel;
    std::string assessment_id;
    std::string details_label, unscored_line;  // unscored_line: "Niet gescoord: onbekend"
    bool can_prev = false;
    bool next_finishes = false;  // last domain and every domain settled: "Klaar" finishes
    bool read_only = false;
    int domain = 0;
};

/// The session's error in words; the passphrase delay with the seconds left.
std::string error_text(const Session& s, const i18n::Catalog& cat);
UnlockView unlock_view(const Session& s, const i18n::Catalog& cat);
PinSetupView pin_setup_view(const Session& s, const i18n::Catalog& cat);
LockView lock_view(const Session& s, const i18n::Catalog& cat);
/// The clients whose name matches `query` (case and diacritics ignored), Dutch order.
ClientsView clients_view(const Session& s, const i18n::Catalog& cat, std::string_view query = {});
ClientFormView client_form_view(const Session& s, const i18n::Catalog& cat);
SetupView setup_view(const Session& s, const i18n::Catalog& cat);
SettingsView settings_view(const Session& s, const i18n::Catalog& cat);
ClientView client_view(const Session& s, const i18n::Catalog& cat);
MatrixView matrix_view(const Session& s, const i18n::Catalog& cat);

}  // namespace kt::present
