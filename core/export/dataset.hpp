// The export set (security-tests.md finding 10, T-31): pseudonymised, not anonymous.
// Per purpose a keyed HMAC of the client id (libsodium, with a secret kept outside the export)
// links a client's measurements within one purpose and never across purposes; quasi-identifiers
// are generalised (age band, quarter, household type), every class of (age band, wijk, quarter,
// household, team) holds at least k distinct pseudonyms (generalise wijk → gemeente, quarter →
// year, then suppress), and the sensitive domains keep l ≥ 2 distinct levels per class or are
// left out for that class.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/secret.hpp"
#include "export/measurement.hpp"

namespace kt::monitoring {

/// What a generalised wijk becomes, and the age band of an unknown age.
inline constexpr const char* kWholeMunicipality = "gemeente";
inline constexpr const char* kUnknown = "onbekend";
/// The ZRM domains whose scores are sensitive (l-diversity): Verslaving/Middelengebruik,
/// Justitie, Geestelijke gezondheid.
inline constexpr std::array<const char*, 3> kSensitiveDomains = {"middelengebruik", "justitie",
                                                                 "geestelijke_gezondheid"};

/// How far an export is, for a progress line or a console job: `done` of `total` rows of
/// the current stage (total 0 when unknown), `seconds` since the export started.
struct ExportProgress {
    enum class Stage { reading, building, writing, done };
    Stage stage = Stage::reading;
    std::int64_t done = 0, total = 0;
    double seconds = 0;
};
/// Called from the exporting thread, about every 16 384 rows read and at each stage change.
using ProgressCallback = std::function<void(const ExportProgress&)>;

struct ExportOptions {
    std::string purpose;                   // e.g. "monitoring-2026": pseudonyms differ per purpose
    crypto::SecretBytes secret;            // from --secret-file; at least 32 bytes
    int k = 5;                             // never below 5
    int l = 2;                             // distinct levels per class for the sensitive domains
    std::string team, wijk;                // filters ("" = all)
    std::string from_quarter, to_quarter;  // "2026Q1" .. "2026Q4" ("" = open), inclusive;
                                           // a measurement's quarter is that of sealed_at in
                                           // Europe/Amsterdam local time
    ProgressCallback progress;             // optional
    std::int64_t expected_rows = 0;        // the source's row count, when known
};

/// Why a level is empty in the export (a code, never free text). One byte per domain, so a
/// million rows stay small; reason_code() gives the written form.
enum class LevelReason : std::uint8_t {
    scored,          // ""
    not_discussed,   // "not_scored:not_discussed"
    unknown,         // "not_scored:unknown"
    not_applicable,  // "not_scored:not_applicable"
    other,           // "not_scored:other" (no level and no known reason in the source)
    l_diversity,     // "l_diversity": left out so the class keeps l distinct levels
};
/// "", "not_scored:<reason>" or "l_diversity".
std::string_view reason_code(LevelReason reason);

struct ExportRow {
    std::string pseudonym;  // 24 hex digits
    std::string kind;
    std::string quarter;   // "2026Q1", or "2026" when generalised
    std::string age_band;  // 0-17, 18-26, 27-44, 45-64, 65-79, 80+, onbekend
    std::string wijk;      // or "gemeente"
    std::string team, household;
    std::array<std::optional<int>, kDomainCount> levels{};
    std::array<LevelReason, kDomainCount> level_reason{};
    std::array<std::optional<bool>, kDomainCount> client_agrees{};
    std::array<bool, kDomainCount> goals{};
    int network_people = 0, network_supportive = 0, network_hindering = 0;
    int network_overloaded_carers = 0;
    std::int64_t order = 0;  // 0, 1, 2 … within a pseudonym, oldest first; never written
};

struct ExportReport {
    std::int64_t read = 0;              // measurements the source gave
    std::int64_t superseded = 0;        // older versions of a reopened assessment
    std::int64_t invalid = 0;           // kind not intake/voortgang/afsluiting: left out
    std::int64_t filtered = 0;          // outside --team / --wijk / --period
    std::int64_t generalised_wijk = 0;  // rows whose wijk became "gemeente"
    std::int64_t generalised_year = 0;  // rows whose quarter became a year
    std::int64_t suppressed = 0;        // rows left out: their class stayed below k
    std::array<std::int64_t, kSensitiveDomains.size()> l_diversity_blanked{};
    std::int64_t written = 0;
};

struct Dataset {
    std::vector<ExportRow> rows;  // ordered by pseudonym, then time
    ExportReport report;
    int k = 5;
};

/// Reads the source, keeps the newest version per assessment, filters, pseudonymises,
/// generalises, enforces k and l. Errors: usage (k < 5, secret shorter than 32 bytes, empty
/// purpose, malformed period), the source's errors.
Result<Dataset> build_dataset(const MeasurementSource& source, const ExportOptions& options);

}  // namespace kt::monitoring
