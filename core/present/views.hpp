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

namespace kt::present {

struct UnlockView {
    std::string app_name, prompt, hint, button, error;
};

struct ClientRow {
    std::string id;
    std::string label;  // "Dijk, IJsbrand van"
};

struct ClientsView {
    std::string title, count_line, empty, lock;
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
    std::string name, born, heading, none, resume, back, lock;
    std::vector<AssessmentLine> lines;
    std::vector<StartButton> starts;  // empty while a draft is open
};

struct DomainDot {
    std::string name;
    std::optional<int> level;
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

struct MatrixView {
    std::string client_first_name, kind, domain_of, domain_name, scored_line;
    std::string previous_line;  // "Vorige keer: 3 op 12 mei 2026" or "Geen eerdere meting"
    std::string previous_mark, chosen_mark, acute_mark;
    std::array<DomainDot, zrm::kDomainCount> strip;
    std::array<LevelCard, zrm::kMaxLevel> cards;
    std::string prev_label, next_label, lock_label, back_label, read_only_note, error;
    bool can_prev = false;
    bool next_finishes = false;  // last domain and all 13 scored: "Klaar" finishes
    bool read_only = false;
    int domain = 0;
};

UnlockView unlock_view(const Session& s, const i18n::Catalog& cat);
ClientsView clients_view(const Session& s, const i18n::Catalog& cat);
ClientView client_view(const Session& s, const i18n::Catalog& cat);
MatrixView matrix_view(const Session& s, const i18n::Catalog& cat);

}  // namespace kt::present
