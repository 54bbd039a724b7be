#include "i18n/names.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <vector>

namespace kt::i18n {

namespace {

using icu::UnicodeString;

UnicodeString from_utf8(std::string_view s) {
    return UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to_utf8(const UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

UnicodeString nfc(const UnicodeString& s) {
    UErrorCode st = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(st);
    if (U_FAILURE(st) || n == nullptr) return s;
    UnicodeString out = n->normalize(s, st);
    return U_SUCCESS(st) ? out : s;
}

// NFC, typographic apostrophes made plain, trimmed, every run of white space one space.
UnicodeString tidy(std::string_view typed) {
    const UnicodeString s = nfc(from_utf8(typed));
    UnicodeString out;
    bool space = false;
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
        UChar32 c = s.char32At(i);
        if (u_isUWhiteSpace(c)) {
            space = !out.isEmpty();
            continue;
        }
        if (c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x0060 || c == 0x00B4) c = u'\'';
        if (space) out.append(u' ');
        out.append(c);
        space = false;
    }
    return out;
}

// The words are copies: they outlive `s` (often a temporary), so never tempSubString aliases.
std::vector<UnicodeString> split_spaces(const UnicodeString& s) {
    std::vector<UnicodeString> out;
    int32_t start = 0;
    while (start <= s.length() && !s.isEmpty()) {
        int32_t end = s.indexOf(u' ', start);
        if (end < 0) end = s.length();
        out.emplace_back(s, start, end - start);
        start = end + 1;
    }
    return out;
}

// Raises the first letter of one word; the rest stays as typed (ICU titlecasing, root
// locale, so i -> I and ı -> I; a Turkish i + U+0307 becomes İ after NFC).
UnicodeString title_word(const UnicodeString& word, bool family) {
    // The Dutch digraph: "ij" at the start of a word is capitalised as one letter.
    if (word.startsWith(UnicodeString(u"ij"))) return UnicodeString(u"IJ") + word.tempSubString(2);
    UnicodeString out(word);
    const uint32_t opts = U_TITLECASE_WHOLE_STRING | U_TITLECASE_NO_LOWERCASE;
    out.toTitle(nullptr, icu::Locale::getRoot(), opts);
    // Family names: O'Brien, D'Ancona. A single letter and an apostrophe start the word.
    if (family && out.length() > 2 && out[1] == u'\'' && u_isalpha(out[0]) && u_isalpha(out[2])) {
        UnicodeString tail = out.tempSubString(2);
        tail.toTitle(nullptr, icu::Locale::getRoot(), opts);
        out = out.tempSubString(0, 2) + tail;
    }
    return out;
}

std::string capitalise(std::string_view typed, bool family) {
    const UnicodeString s = tidy(typed);
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
    if (U_FAILURE(st) || !words) return to_utf8(s);
    words->setText(s);
    UnicodeString out;
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
        const UnicodeString part = s.tempSubString(start, end - start);
        // Hyphens, spaces and apostrophes between words are kept as they are.
        out += words->getRuleStatus() == UBRK_WORD_NONE ? part : title_word(part, family);
    }
    return to_utf8(nfc(out));
}

// Tussenvoegsels (voorvoegsels in the BRP's table 36) that people in the Netherlands
// write before a family name, lower case. Longest match wins ("van der" over "van").
// Deliberately left out: "do", "lo" (Vietnamese and Chinese family names).
constexpr std::u16string_view kTussenvoegsels[] = {
    u"van",     u"van de",  u"van der",  u"van den",    u"van het", u"van 't",    u"van ter",
    u"van t",   u"de",      u"den",      u"der",        u"des",     u"het",       u"'t",
    u"te",      u"ter",     u"ten",      u"in",         u"in 't",   u"in de",     u"in den",
    u"in der",  u"in het",  u"in t",     u"op",         u"op 't",   u"op de",     u"op den",
    u"op der",  u"op het",  u"op ten",   u"op t",       u"aan",     u"aan 't",    u"aan de",
    u"aan den", u"aan der", u"aan het",  u"bij",        u"bij 't",  u"bij de",    u"bij den",
    u"bij het", u"onder",   u"onder de", u"over",       u"over 't", u"over de",   u"over den",
    u"uit",     u"uit 't",  u"uit de",   u"uit den",    u"uit het", u"uit te de", u"voor",
    u"voor 't", u"voor de", u"voor den", u"voor in 't", u"tot",     u"von",       u"von der",
    u"von den", u"zu",      u"du",       u"de la",      u"la",      u"le",        u"da",
    u"dos",     u"di",      u"del",      u"della",      u"el",      u"al",        u"ben",
    u"bin"};

bool is_tussenvoegsel(const UnicodeString& lower) {
    const std::u16string_view v(lower.getBuffer(), static_cast<std::size_t>(lower.length()));
    return std::find(std::begin(kTussenvoegsels), std::end(kTussenvoegsels), v) !=
           std::end(kTussenvoegsels);
}

UnicodeString join(const std::vector<UnicodeString>& words, std::size_t from, std::size_t to) {
    UnicodeString out;
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) out.append(u' ');
        out += words[i];
    }
    return out;
}

// Any-Latin would also romanise Arabic; the client list shows names as written, so only
// Latin letters are reduced to ASCII.
const icu::Transliterator* folder() {
    thread_local const std::unique_ptr<icu::Transliterator> t =
        []() -> std::unique_ptr<icu::Transliterator> {
        UErrorCode st = U_ZERO_ERROR;
        UParseError pe;
        std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
            "NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII; Lower", UTRANS_FORWARD, pe, st));
        return U_SUCCESS(st) ? std::move(made) : nullptr;
    }();
    return t.get();
}

// Words of a folded string: ASCII letters and digits and every non-ASCII byte are word
// characters; spaces, hyphens, apostrophes and other ASCII punctuation separate words.
std::vector<std::string> words_of(const std::string& folded) {
    std::vector<std::string> out;
    std::string word;
    for (const char ch : folded) {
        const auto b = static_cast<unsigned char>(ch);
        const bool word_char =
            b >= 0x80 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
        if (word_char) {
            word += ch;
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

}  // namespace

std::string capitalise_given_name(std::string_view typed) {
    return capitalise(typed, false);
}

std::string capitalise_family_name(std::string_view typed) {
    return capitalise(typed, true);
}

std::string normalise_tussenvoegsel(std::string_view typed) {
    UnicodeString s = tidy(typed);
    s.toLower(icu::Locale::getRoot());
    return to_utf8(nfc(s));
}

std::optional<std::pair<std::string, std::string>> split_tussenvoegsel(
    std::string_view family_typed) {
    const std::vector<UnicodeString> typed = split_spaces(tidy(family_typed));
    UnicodeString lower_all = join(typed, 0, typed.size());
    lower_all.toLower(icu::Locale::getRoot());
    const std::vector<UnicodeString> lower = split_spaces(lower_all);
    // Lower-casing never adds or removes spaces; a family name must be left after the split.
    if (lower.size() != typed.size() || typed.size() < 2) return std::nullopt;
    if (is_tussenvoegsel(lower_all)) return std::nullopt;  // "van der": still being typed
    constexpr std::size_t kLongest = 3;                    // "voor in 't", "uit te de"
    for (std::size_t k = std::min(kLongest, typed.size() - 1); k > 0; --k) {
        const UnicodeString candidate = join(lower, 0, k);
        if (!is_tussenvoegsel(candidate)) continue;
        return std::make_pair(to_utf8(nfc(candidate)),
                              capitalise_family_name(to_utf8(join(typed, k, typed.size()))));
    }
    return std::nullopt;
}

std::string search_fold(std::string_view text) {
    UnicodeString s = tidy(text);
    if (const icu::Transliterator* t = folder())
        t->transliterate(s);
    else
        s.foldCase();
    return to_utf8(s);
}

bool name_matches(std::string_view query, const model::Client& c) {
    const std::vector<std::string> wanted = words_of(search_fold(query));
    if (wanted.empty()) return true;
    const std::vector<std::string> name = words_of(search_fold(model::full_name(c)));
    return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
        return std::any_of(name.begin(), name.end(),
                           [&](const std::string& n) { return n.starts_with(w); });
    });
}

}  // namespace kt::i18n
