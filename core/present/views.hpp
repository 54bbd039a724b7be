// View models: what each screen shows, already localised. Plain structs, no UI types;
// screens only draw them and report taps.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "i18n/catalog.hpp"
#include "model/assessment.hpp"
#include "present/network_geometry.hpp"
#include "present/radar_geometry.hpp"
#include "present/session.hpp"
#include "store/settings.hpp"

namespace kt::present {

struct UnlockView {
    std::string app_name, prompt, hint, button, error;
    bool waiting = false;  // too many wrong tries: the button is off until the delay is over
    bool wiped = false;    // the municipality revoked this device: its vault cannot open again
};

struct PinSetupView {
    std::string title, hint, first_label, repeat_label, button, error;
};

/// The first run's pages (Session::SetupPage), all localised; one page shows at a time.
struct FirstRunView {
    Session::SetupPage page = Session::SetupPage::welcome;
    std::string title, step_line, back, next, error;
    std::string what, where, place, steps, start;     // welcome
    std::string worker_hint, name_label, team_label;  // name and team
    store::Worker worker;                             // ... as last given
    std::string pass_hint, pass_first, pass_repeat;   // passphrase
    int strength = -1;           // zxcvbn's 0..4 of what is typed; -1 while nothing is
    bool strong_enough = false;  // the rule is met (length and score)
    std::string strength_line;   // "Sterkte: matig"
    std::string advice;          // why it is not strong enough yet, or that it is
    std::string pin_hint, pin_first, pin_repeat, create;  // PIN
};

/// The page after the vault was made: sign up with the municipality now or later.
struct FirstEnrollView {
    std::string title, hint, later, next;
    bool enrolled = false;
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
    std::string title, interval, idle, wijken, wijken_hint, save, back, lock;
    // The last save's outcome beside Opslaan: "Opgeslagen." once written, or why not.
    std::string saved, save_error;
    // Changing the passphrase: its own section with its own button and messages.
    std::string passphrase_title, passphrase_hint, old_passphrase, new_passphrase,
        repeat_passphrase, change_passphrase, passphrase_done, passphrase_error;
    bool passphrase_waiting = false;
    std::vector<Option> intervals, idle_options;
    store::Settings current;
};

/// Sending to the municipality: the indicator on the clients screen and the settings section.
struct SyncView {
    bool enrolled = false, running = false, failed = false, can_send = false;
    std::string status;   // "3 metingen wachten op verzending · laatst gelukt …"
    std::string message;  // the last outcome ("" when there is nothing to say)
    std::string send;     // "Nu verzenden" / "Bezig met verzenden…"
    // Settings: enrolling with a one-time code, or who this device is now.
    std::string title, hint, url_label, url_hint, code_label, code_hint, enroll, enrolled_line;
    std::string url;  // the receiver's address, on its own line (it must not wrap mid-way)
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
    std::string text;     // "Intake · 12 mei 2026 · 13 van 13 gescoord"
    std::string status;   // "Bezig" / "Afgerond"
    std::string present;  // "Aanwezig: cliënt, partner" ("" when nobody was recorded)
    bool resumable = false;
    bool can_hand_over = false;  // finished, not sealed: the client can review and sign it
    bool can_reopen = false;     // sealed: a change makes the next version
    bool can_copy = false;       // sealed: the client's copy (PDF) can be saved
};

struct StartButton {
    model::AssessmentKind kind;
    std::string label;
};

struct ClientView {
    std::string name, born, heading, none, resume, back, lock, edit, hand_over, reopen;
    std::string copy, copy_where, copy_none, copy_rescan, copy_cancel;
    std::string details;       // "Centrum · Wijkteam 1"
    std::string household;     // "Huishouden: partner (67), 2 kinderen (9, 12)"
    std::string consent;       // "Toestemming: opslaan ja, gemeente ja, monitoring nee"
    std::string next_measure;  // "Volgende meting: rond 24 mei 2027"
    std::vector<AssessmentLine> lines;
    std::vector<StartButton> starts;  // empty while a draft is open
};

struct DomainDot {
    std::string name;
    std::string short_name;  // under the pictogram
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
    std::string title, note, hulpvraag, goal, shares, shares_start, own, network, professional,
        outcome, unscored, unscored_hint, clear, no_advice;
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
    // On Sociaal netwerk the map's summary stands beside the cards, with a way to the map.
    bool network_domain = false;
    std::string network_summary, network_open, overview_open;
};

/// The session's error in words; the passphrase delay with the seconds left.
std::string error_text(const Session& s, const i18n::Catalog& cat);
UnlockView unlock_view(const Session& s, const i18n::Catalog& cat);
/// `typed` is the passphrase field's text (for the strength meter; never kept).
FirstRunView first_run_view(const Session& s, const i18n::Catalog& cat, std::string_view typed);
FirstEnrollView first_enroll_view(const Session& s, const i18n::Catalog& cat);
PinSetupView pin_setup_view(const Session& s, const i18n::Catalog& cat);
LockView lock_view(const Session& s, const i18n::Catalog& cat);
/// The clients whose name matches `query` (case and diacritics ignored), Dutch order.
ClientsView clients_view(const Session& s, const i18n::Catalog& cat, std::string_view query = {});
ClientFormView client_form_view(const Session& s, const i18n::Catalog& cat);
SetupView setup_view(const Session& s, const i18n::Catalog& cat);
SettingsView settings_view(const Session& s, const i18n::Catalog& cat);
SyncView sync_view(const Session& s, const i18n::Catalog& cat);
ClientView client_view(const Session& s, const i18n::Catalog& cat);
MatrixView matrix_view(const Session& s, const i18n::Catalog& cat);

// ---- network map and overview (network_view.cpp, overview_view.cpp) ----

/// Where the screen draws the map, in pixels; the view lays the people out inside it.
struct NetworkCanvas {
    Vec2 centre;
    float radius = 0;      // of the outer ring
    float marker = 0;      // a person's round touch target (>= 12 mm)
    float min_marker = 0;  // the smallest it may shrink to when a ring is crowded
};

struct NetworkPersonView {
    model::NetworkPerson person;
    std::string kind_label;  // "buurvrouw" is the label; "buren" the kind
    std::string details;     // "praktisch, emotioneel · wekelijks"
    bool supportive = false, overloaded = false, heavy = false;
    Vec2 pos;
};

struct NetworkView {
    std::string title, subtitle, back, lock, summary, client_label, read_only_note, error;
    std::string add_title, label_field, label_hint, add_button, kind_title, drag_hint;
    std::string gives_title, frequency_title, could_do_more, hinders, carer_title, remove, done;
    std::string reasons_title, other_reason, note_title;
    std::array<std::string, model::kRingCount> ring_names;
    std::vector<Option> kinds, gives, frequencies, carer_loads, reasons;
    std::vector<NetworkPersonView> people;
    NetworkLayout layout;
    model::NetworkMap map;
    bool read_only = false;
};

/// Measures a text as the screen will draw it (radar labels).
using MeasureText = Size (*)(const std::string& text);

struct OverviewGoal {
    std::string domain, hulpvraag;
};

struct OverviewChange {
    std::string domain;
    std::string text;    // "3 → 4" or "nu niet gescoord"
    std::string word;    // "hoger", "gelijk", "lager", ""
    int direction = 0;   // +1 up, 0 same, -1 down
    bool known = false;  // both measurements have a score
};

struct OverviewView {
    std::string title, subtitle, back, lock, caption, legend_now, legend_previous;
    std::string goals_title, no_goals, changes_title, no_previous, unscored_line;
    std::array<std::string, zrm::kDomainCount> labels;  // domain names around the chart
    RadarGeometry radar;
    std::vector<OverviewGoal> goals;
    std::vector<OverviewChange> changes;  // empty without a previous measurement
    bool has_previous = false;
};

NetworkView network_view(const Session& s, const i18n::Catalog& cat, const NetworkCanvas& canvas);
/// `bounds` is the chart's area; `measure` gives each domain name's drawn size.
OverviewView overview_view(const Session& s, const i18n::Catalog& cat, const Rect& bounds,
                           MeasureText measure);

// ---- client mode (review_view.cpp): in the client's language ----

struct LevelChoice {
    int level = 0;
    std::string name, text;  // plain words
    bool chosen = false;
};

struct SignaturePadView {
    model::Signer signer = model::Signer::client;
    std::string title;
    std::vector<model::Stroke> strokes;  // as stored
    bool signed_ = false, refused = false;
    std::string refusal;  // "De cliënt tekent niet. Reden: …"
};

struct ReviewView {
    std::string locale, assessment_id;
    bool rtl = false;  // Arabic: the whole screen mirrors
    int domain = -1;   // the domain under review (step review), else -1
    std::string title, back_to_worker, lock, worker_pin, error, cancel;
    /// The PIN prompt in the worker's own language when the client reads another one.
    std::string worker_pin_own;
    std::vector<Option> languages;  // key = locale, label = the language's own name
    // step review: one domain
    std::string topic_of, domain_name, worker_chose, level_name, level_text, no_score;
    int level = 0;  // the worker's level, 0 when not scored
    std::string agree, disagree, own_level, own_words, read_aloud, previous, next, intro;
    model::DomainAnswer answer;
    std::array<LevelChoice, zrm::kMaxLevel> own_levels;
    // step review_more: network and goals
    std::string network_title, network_summary, goals_title, no_goals;
    std::vector<std::string> goals;
    std::vector<int> goal_domains;  // the domain of each goal (its pictogram)
    model::Agreement network_agreed = model::Agreement::none, goals_agreed = model::Agreement::none;
    // step sign
    std::string sign_title, sign_intro, sign_here, as_representative, representative_role, clear,
        refuse, refuse_reason, seal, seal_needs, sealed, seal_code;
    SignaturePadView client_pad, worker_pad;
    bool ready = false, is_sealed = false;
    /// What the read-aloud button speaks on this page, in the client's language.
    std::string speech;
};

/// `client` is the catalog of the client's language (review().locale).
ReviewView review_view(const Session& s, const i18n::Catalog& worker, const i18n::Catalog& client);
/// A refusal as the client reads it (screen and copy): review.refused with the typed reason
/// isolated in its own direction, or review.no_reason when none was given.
std::string refusal_line(const i18n::Catalog& c, const model::Signature& refusal);

}  // namespace kt::present
