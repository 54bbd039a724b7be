// The console's words: the `console` table of locales/ (nl.txt first, en.txt beside it). The
// templates hold keys only, {{t.login.heading}} for console.login.heading; texts with arguments
// are formatted in code. The page's language comes from ?lang= (then kept in a cookie), else
// from that cookie, else Dutch.
#pragma once

#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/catalog.hpp"

namespace kt::receiver::console {

inline constexpr std::string_view kLanguageCookie = "__Host-kt-lang";

struct Language {
    i18n::Catalog cat;
    kainjow::mustache::data t;  // every console.* text, nested by its key
};

/// nl and en (i18n::worker_locales()) from the compiled bundles in `dir`.
/// Errors: not_found (no bundles there).
Result<std::map<std::string, Language>> load_languages(const std::filesystem::path& dir);

/// "en" when `query_lang`, else `cookie_lang`, names it; else "nl".
std::string choose_language(std::string_view query_lang, std::string_view cookie_lang);
/// The cookie that keeps a language chosen with ?lang= (a year, this site only).
std::string language_cookie(const std::string& lang);

/// An argument of a formatted message that as_html replaces by markup: the i-th (0..8).
std::string placeholder(int i);
/// A formatted message as HTML: its text escaped, then each placeholder(i) replaced by
/// `markup[i]`, which the caller built from escaped parts.
std::string as_html(const std::string& formatted, const std::vector<std::string>& markup);

}  // namespace kt::receiver::console
