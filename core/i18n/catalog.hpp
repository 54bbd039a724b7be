// Catalog: every user-visible string, read from the ICU resource bundles compiled from
// locales/. The only code that opens them. Keys are dotted paths into nested tables.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "util/result.hpp"

namespace kt::i18n {

using Arg = std::variant<std::int64_t, std::string>;

/// The build's list of the compiled bundles and their SHA-256 ("<hex>  <name>.res" lines).
inline constexpr const char* kBundleManifest = "SHA256SUMS";

class Catalog {
  public:
    /// Loads root, then the locale on top (missing keys fall back to root, which is Dutch).
    /// Each bundle must be byte for byte the one the build listed in `dir`/kBundleManifest.
    /// Errors: not_found (no compiled bundle or manifest in `dir`, or a bundle that is not the
    /// one listed: truncated, altered, foreign), usage (unknown locale).
    static Result<Catalog> open(const std::filesystem::path& dir, std::string_view locale);
    /// The same for the worker's interface: only worker_locales() (usage otherwise).
    static Result<Catalog> open_worker(const std::filesystem::path& dir, std::string_view locale);

    /// The text for `key`; a missing key shows as "[key]" so it is seen, never crashes.
    std::string tr(std::string_view key) const;
    bool has(std::string_view key) const;
    /// ICU MessageFormat with named arguments: plural rules and numbers of the locale.
    std::string format(std::string_view key,
                       std::initializer_list<std::pair<std::string_view, Arg>> args) const;
    /// "24 november 2026" in the catalog's language.
    std::string date(std::int64_t epoch_seconds) const;
    /// "24 november 2026 om 14:02": the date and the time of day (the device's time zone).
    std::string date_time(std::int64_t epoch_seconds) const;
    /// The same for an ISO "YYYY-MM-DD" date (birth dates); the input itself if malformed.
    std::string date_iso(std::string_view iso) const;
    /// Items joined as the language joins a list, through ICU's ListFormatter: "A, B en C",
    /// "A, B ve C", "A، B وC". Never join with a Latin comma in code.
    std::string list(const std::vector<std::string>& items) const;
    const std::string& locale() const { return m_locale; }
    /// Every key of the bundle itself (without root fallback), sorted; for checks.
    std::vector<std::string> own_keys() const;

  private:
    std::string m_locale;
    std::unordered_map<std::string, std::string> m_text;
    std::vector<std::string> m_own_keys;
};

/// The directory of the compiled bundles: $KEUKENTAFEL_DATA_DIR/i18n when set, else
/// <dir of the executable>/../share/keukentafel/i18n (build tree and installed alike).
std::filesystem::path default_bundle_dir();

/// The worker's languages: nl first.
const std::vector<std::string>& worker_locales();
/// The languages a client can read the review in (worker languages first); Catalog::open
/// accepts these. Outside `plain`, `review` and the network keys they fall back to Dutch.
const std::vector<std::string>& client_locales();

}  // namespace kt::i18n
