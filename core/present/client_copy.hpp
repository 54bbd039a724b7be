// The client's copy of a sealed assessment as a view model: everything the PDF says, already
// in the client's language, read from the vault here so that the renderer (report/) draws it
// without a database handle.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/review.hpp"
#include "model/zrm.hpp"
#include "present/radar_geometry.hpp"
#include "store/database.hpp"

namespace kt::present {

/// One domain as the client reads it: the worker's level in plain words and the client's view.
struct CopyDomain {
    std::string name;        // plain.domain.<id>.name
    int level = 0;           // 0: no score
    std::string level_line;  // "3 van 5: Het lukt u nu voor een deel zelf", or review.no_score
    std::string level_text;  // the plain descriptor of that level ("" without a score)
    std::string view;        // "U vindt: dit klopt." / "... klopt niet." / no answer
    std::string own_level;   // the client's own level in words ("" unless disagree)
    std::string own_words;   // the client's own words, quoted ("" when none)
};

struct CopySignature {
    std::string title;  // "Handtekening van de cliënt"
    std::vector<model::Stroke> strokes;
    std::string note;  // a representative's role, a refusal with its reason, the date signed
};

/// Everything the PDF says, already in the client's language (no cairo or pango here).
struct ClientCopy {
    std::string locale;
    bool rtl = false;
    std::string app_name, title, client_name, date_line, intro;
    std::string worker_line;  // "Uw hulpverlener: …" ("" when the vault names no worker)
    std::string chart_title, chart_hint, legend_now, legend_previous, unscored_line;
    std::array<std::string, zrm::kDomainCount> chart_labels;
    present::RadarLevels levels{};
    std::optional<present::RadarLevels> previous;
    std::string domains_title, worker_chose, own_view_title;
    std::vector<CopyDomain> domains;
    std::string goals_title, goals_view;
    std::vector<std::string> goals;  // domain names
    std::vector<int> goal_domains;   // the domain of each goal (its pictogram)
    std::string no_goals;            // said when `goals` is empty
    std::string network_title, network_line, network_view;
    std::string signatures_title;
    CopySignature client, worker;
    std::string seal_line, seal_hint, made_on;
    std::function<std::string(int page, int count)> page_label;
    std::string pdf_title;  // document metadata: no names in it
    std::string seal_code;  // the first 8 hex digits of the seal (file names; no name in them)
};

/// Gathers the copy of a sealed assessment in `locale` (empty: the language the client
/// reviewed in). `now` dates the copy ("Gemaakt op ...").
/// Errors: usage (not a client locale), not_found (assessment, client or bundles),
/// invalid_state (not sealed), storage errors.
Result<ClientCopy> client_copy(store::Database& db, std::string_view assessment_id,
                               std::string_view locale, std::int64_t now);

/// A copy left the device: an "export" audit row with the assessment id (never the name or
/// the path). Best effort: a full disk inside the vault must not undo a copy already written.
void note_copy_saved(store::Database& db, std::string_view assessment_id, std::int64_t now);

}  // namespace kt::present
