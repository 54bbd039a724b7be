#include "i18n/catalog.hpp"

#include <unicode/datefmt.h>
#include <unicode/listformatter.h>
#include <unicode/msgfmt.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <memory>

#include "crypto/signing.hpp"
#include "util/clock.hpp"
#include "util/files.hpp"

namespace kt::i18n {

namespace {

struct BundleCloser {
    void operator()(UResourceBundle* b) const { ures_close(b); }
};
using Bundle = std::unique_ptr<UResourceBundle, BundleCloser>;

std::string to_utf8(const UChar* s, int32_t len) {
    std::string out;
    icu::UnicodeString(s, len).toUTF8String(out);
    return out;
}

// Walks nested tables and records each string under its dotted path.
void walk(UResourceBundle* table, const std::string& prefix,
          std::unordered_map<std::string, std::string>& out, std::vector<std::string>* keys) {
    ures_resetIterator(table);
    while (ures_hasNext(table)) {
        UErrorCode st = U_ZERO_ERROR;
        Bundle child(ures_getNextResource(table, nullptr, &st));
        if (U_FAILURE(st)) return;
        const std::string path =
            prefix.empty() ? ures_getKey(child.get()) : prefix + "." + ures_getKey(child.get());
        if (ures_getType(child.get()) == URES_TABLE) {
            walk(child.get(), path, out, keys);
        } else if (ures_getType(child.get()) == URES_STRING) {
            int32_t len = 0;
            const UChar* s = ures_getString(child.get(), &len, &st);
            if (U_SUCCESS(st)) {
                out[path] = to_utf8(s, len);
                if (keys) keys->push_back(path);
            }
        }
    }
}

// The digest the build wrote for `file` into the manifest, or "" when it lists none.
std::string listed_digest(std::string_view manifest, std::string_view file) {
    while (!manifest.empty()) {
        const auto end = manifest.find('\n');
        const std::string_view line = manifest.substr(0, end);
        manifest.remove_prefix(end == std::string_view::npos ? manifest.size() : end + 1);
        if (line.size() == 64 + 2 + file.size() && line.substr(64, 2) == "  " &&
            line.substr(66) == file && line.find_first_not_of("0123456789abcdef") >= 64)
            return std::string(line.substr(0, 64));
    }
    return {};
}

// ICU reads a compiled bundle's offsets without bounds checks (it trusts its data files), so
// a bundle reaches ICU only when its bytes are the ones the build listed in the manifest.
Status verify_bundle(const std::filesystem::path& dir, const std::string& name) {
    constexpr std::uintmax_t kMaxBytes = 16u << 20;
    std::error_code ec;
    for (const char* file : {kBundleManifest, ""}) {
        const auto size = std::filesystem::file_size(dir / (*file ? file : name + ".res"), ec);
        if (ec) return make_error(ErrorCode::not_found, "no compiled bundle for " + name);
        if (size > kMaxBytes) return make_error(ErrorCode::not_found, "bundle too large: " + name);
    }
    auto manifest = read_file(dir / kBundleManifest);
    auto bytes = read_file(dir / (name + ".res"));
    if (!manifest || !bytes) return make_error(ErrorCode::not_found, "bundle unreadable: " + name);
    const std::string listed = listed_digest(manifest.value(), name + ".res");
    if (listed.empty() || listed != crypto::sha256_hex(bytes.value()))
        return make_error(ErrorCode::not_found, "bundle damaged: " + name);
    return {};
}

Status load(const std::filesystem::path& dir, const std::string& name,
            std::unordered_map<std::string, std::string>& out, std::vector<std::string>* keys) {
    if (auto s = verify_bundle(dir, name); !s) return s;
    UErrorCode st = U_ZERO_ERROR;
    const std::string base = dir.string() + "/";
    Bundle b(ures_openDirect(base.c_str(), name.c_str(), &st));
    if (U_FAILURE(st) || !b)
        return make_error(ErrorCode::not_found, "no compiled bundle for " + name);
    walk(b.get(), "", out, keys);
    return {};
}

// Arabic with Latin digits: the level numbers on the cards and in the text stay the same
// figures the worker sees (Arabic-speaking clients in the Netherlands read both). English as
// written in the Netherlands: "4 December 2026", not the US "December 4, 2026".
std::string icu_locale(const std::string& locale) {
    if (locale == "ar") return "ar@numbers=latn";
    if (locale == "en") return "en_GB";
    return locale;
}

}  // namespace

Result<Catalog> Catalog::open_worker(const std::filesystem::path& dir, std::string_view locale) {
    const auto& known = worker_locales();
    if (std::find(known.begin(), known.end(), locale) == known.end())
        return make_error(ErrorCode::usage, "not a worker locale");
    return open(dir, locale);
}

Result<Catalog> Catalog::open(const std::filesystem::path& dir, std::string_view locale) {
    const auto& known = client_locales();
    if (std::find(known.begin(), known.end(), locale) == known.end())
        return make_error(ErrorCode::usage, "unknown locale");
    Catalog c;
    c.m_locale = std::string(locale);
    if (auto s = load(dir, "root", c.m_text, nullptr); !s) return s.error();
    if (auto s = load(dir, c.m_locale, c.m_text, &c.m_own_keys); !s) return s.error();
    std::sort(c.m_own_keys.begin(), c.m_own_keys.end());
    return c;
}

std::string Catalog::tr(std::string_view key) const {
    const auto it = m_text.find(std::string(key));
    if (it != m_text.end()) return it->second;
    return "[" + std::string(key) + "]";
}

bool Catalog::has(std::string_view key) const {
    return m_text.count(std::string(key)) != 0;
}

std::string Catalog::format(std::string_view key,
                            std::initializer_list<std::pair<std::string_view, Arg>> args) const {
    const auto it = m_text.find(std::string(key));
    if (it == m_text.end()) return "[" + std::string(key) + "]";
    UErrorCode st = U_ZERO_ERROR;
    icu::MessageFormat fmt(icu::UnicodeString::fromUTF8(it->second),
                           icu::Locale(icu_locale(m_locale).c_str()), st);
    if (U_FAILURE(st)) return it->second;
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    for (const auto& [name, value] : args) {
        names.push_back(icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), name.size())));
        if (const auto* n = std::get_if<std::int64_t>(&value))
            values.emplace_back(*n);
        else
            values.emplace_back(icu::UnicodeString::fromUTF8(std::get<std::string>(value)));
    }
    icu::UnicodeString result;
    fmt.format(names.data(), values.data(), static_cast<int32_t>(values.size()), result, st);
    if (U_FAILURE(st)) return it->second;
    std::string out;
    result.toUTF8String(out);
    return out;
}

namespace {

std::string formatted(icu::DateFormat* fmt, std::int64_t epoch_seconds) {
    if (!fmt) return {};
    icu::UnicodeString out;
    fmt->format(static_cast<UDate>(epoch_seconds) * 1000.0, out);
    std::string s;
    out.toUTF8String(s);
    return s;
}

}  // namespace

std::string Catalog::date(std::int64_t epoch_seconds) const {
    std::unique_ptr<icu::DateFormat> fmt(icu::DateFormat::createDateInstance(
        icu::DateFormat::kLong, icu::Locale(icu_locale(m_locale).c_str())));
    return formatted(fmt.get(), epoch_seconds);
}

std::string Catalog::date_time(std::int64_t epoch_seconds) const {
    std::unique_ptr<icu::DateFormat> fmt(
        icu::DateFormat::createDateTimeInstance(icu::DateFormat::kLong, icu::DateFormat::kShort,
                                                icu::Locale(icu_locale(m_locale).c_str())));
    return formatted(fmt.get(), epoch_seconds);
}

std::string Catalog::date_iso(std::string_view iso) const {
    // The whole text must be the date: "14-03-1958" must not be read as year 14.
    const auto day = parse_iso_date(iso);
    if (!day) return std::string(iso);
    tm parts{};
    parts.tm_year = day->year - 1900;
    parts.tm_mon = day->month - 1;
    parts.tm_mday = day->day;
    parts.tm_hour = 12;  // noon UTC is the same calendar day in every Dutch time zone
    return date(static_cast<std::int64_t>(timegm(&parts)));
}

std::string Catalog::list(const std::vector<std::string>& items) const {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::ListFormatter> fmt(
        icu::ListFormatter::createInstance(icu::Locale(icu_locale(m_locale).c_str()), st));
    std::vector<icu::UnicodeString> parts;
    parts.reserve(items.size());
    for (const auto& item : items)
        parts.push_back(icu::UnicodeString::fromUTF8(item));
    icu::UnicodeString joined;
    if (U_SUCCESS(st) && fmt) fmt->format(parts.data(), int32_t(parts.size()), joined, st);
    std::string out;
    if (U_FAILURE(st) || !fmt) {  // no ICU list data: one item a line loses nothing
        for (const auto& item : items)
            out += (out.empty() ? "" : "\n") + item;
        return out;
    }
    joined.toUTF8String(out);
    return out;
}

std::vector<std::string> Catalog::own_keys() const {
    return m_own_keys;
}

std::filesystem::path default_bundle_dir() {
    if (const char* env = std::getenv("KEUKENTAFEL_DATA_DIR"); env && *env)
        return std::filesystem::path(env) / "i18n";
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return "/usr/share/keukentafel/i18n";
    buf[n] = '\0';
    return std::filesystem::path(buf).parent_path().parent_path() / "share" / "keukentafel" /
           "i18n";
}

const std::vector<std::string>& worker_locales() {
    static const std::vector<std::string> locales = {"nl", "en"};
    return locales;
}

const std::vector<std::string>& client_locales() {
    static const std::vector<std::string> locales = {"nl", "en", "tr", "pl", "ar"};
    return locales;
}

}  // namespace kt::i18n
