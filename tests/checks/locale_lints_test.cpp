// Lints that keep the client texts true to locales/glossary/*.md (its README lists them): no
// forbidden glossary term; client and worker words not one edit apart; no Arabic vowel marks
// and no Latin ", " or "?" in Arabic; lists joined by ICU's ListFormatter, never by a Latin
// comma in code; every client-facing key read by code; Dutch and English client sentences at
// most 15 words (the longest is printed).
#include <unicode/msgfmt.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "i18n/catalog.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kLocales = {"nl", "en", "tr", "pl", "ar"};

using Texts = std::map<std::string, std::string>;

// The bundle's own strings (no root fallback).
Texts own_texts(const std::string& locale) {
    auto cat = kt::i18n::Catalog::open(kt::test::i18n_dir(), locale);
    REQUIRE(cat.ok());
    Texts out;
    for (const auto& key : cat->own_keys())
        out[key] = cat->tr(key);
    return out;
}

// What the client reads (the same rule as client_locales_test).
bool client_facing(const std::string& key) {
    const auto starts = [&](const char* p) { return key.rfind(p, 0) == 0; };
    return (starts("plain.") || starts("review.") || starts("copy.") || key == "network.summary" ||
            key == "network.summary_empty" || key == "app.name" || key == "keyboard.done" ||
            key == "keyboard.space" || key == "keyboard.backspace" || key == "keyboard.shift") &&
           key != "review.handover";
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The words of a MessageFormat pattern without its syntax: "{people, plural, one {# x}}" keeps
// " one {# x}}", so argument names ("overloaded") are never taken for words.
std::string without_arguments(const std::string& text) {
    static const std::regex arg(R"(\{\s*[A-Za-z_]+\s*(,\s*(plural|select|number|date)\s*,|\}))");
    return std::regex_replace(text, arg, " ");
}

std::u32string to32(const std::string& s) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    std::u32string out;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1))
        out.push_back(static_cast<char32_t>(u.char32At(i)));
    return out;
}

std::string folded(const std::string& s) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    u.foldCase();
    std::string out;
    u.toUTF8String(out);
    return out;
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}

struct Glossary {
    std::string client, worker;
    std::vector<std::string> forbidden;
};

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(" \t");
    const auto b = s.find_last_not_of(" \t");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

Glossary glossary(const std::string& locale) {
    const fs::path path = fs::path(KT_SOURCE_DIR) / "locales" / "glossary" / (locale + ".md");
    std::istringstream in(read_file(path));
    Glossary g;
    bool terms = false;
    int row = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("client:", 0) == 0) g.client = trim(line.substr(7));
        if (line.rfind("worker:", 0) == 0) g.worker = trim(line.substr(7));
        if (line.rfind("## ", 0) == 0) terms = line == "## Terms";
        if (!terms || line.empty() || line[0] != '|' || ++row <= 2) continue;  // header rows
        std::vector<std::string> cells;
        std::istringstream cols(line.substr(1));
        for (std::string c; std::getline(cols, c, '|');)
            cells.push_back(c);
        if (cells.size() < 3) continue;
        std::istringstream words(cells[2]);
        for (std::string t; std::getline(words, t, ';');)
            if (!trim(t).empty()) g.forbidden.push_back(trim(t));
    }
    return g;
}

// Words of `text` that are one edit from `client` without being a form of it ("danışmanın"
// beside "danışan"): a prefix of the word as long as the client word, or one letter more or
// less, is one edit away, and the word does not start with the client word itself.
std::vector<std::string> near_misses(const std::string& text, const std::string& client) {
    const std::u32string c = to32(folded(client));
    std::vector<std::string> out;
    std::u32string word;
    const auto check = [&] {
        if (word.size() + 1 < c.size() || word.compare(0, c.size(), c) == 0) return;
        for (std::size_t len = c.size() - 1; len <= c.size() + 1 && len <= word.size(); ++len)
            if (edit_distance(word.substr(0, len), c) == 1) {
                icu::UnicodeString u;
                for (char32_t ch : word)
                    u.append(static_cast<UChar32>(ch));
                std::string s;
                out.push_back(u.toUTF8String(s));
                return;
            }
    };
    const bool multi = client.find(' ') != std::string::npos;
    if (multi) return out;  // a two-word term: compared as a whole in the distance check
    for (char32_t ch : to32(folded(text))) {
        if (u_isalpha(static_cast<UChar32>(ch))) {
            word.push_back(ch);
        } else {
            check();
            word.clear();
        }
    }
    check();
    return out;
}

bool is_haraka(char32_t c) {
    return (c >= 0x064B && c <= 0x0652) || c == 0x0670;
}

// Lines in code that join a list with a Latin comma: `(x.empty() ? "" : ", ")`, `+= ", "`.
std::vector<std::string> comma_joins(const std::string& text, const std::string& origin) {
    static const std::regex join(R"re((:\s*", "\s*\))|(\+=\s*", "))re");
    std::vector<std::string> out;
    std::istringstream in(text);
    int n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        if (std::regex_search(line, join)) out.push_back(origin + ":" + std::to_string(n));
    }
    return out;
}

// The code that puts text on a screen or page (the receiver's SQL joins are no list of words).
std::map<std::string, std::string> code_files() {
    std::map<std::string, std::string> out;
    for (const char* dir : {"app/kiosk", "app/cli", "core", "report"})
        for (const auto& e : fs::recursive_directory_iterator(fs::path(KT_SOURCE_DIR) / dir)) {
            const auto ext = e.path().extension();
            if (e.is_regular_file() && (ext == ".cpp" || ext == ".hpp"))
                out[fs::relative(e.path(), KT_SOURCE_DIR).string()] = read_file(e.path());
        }
    return out;
}

// A key is read by code when its literal is in a source, when its last part is a literal in a
// file that also holds the literal prefix ("review." + key), or when it belongs to a family
// the code builds ("plain.domain." + id + ".level" + n).
bool key_used(const std::string& key, const std::map<std::string, std::string>& code) {
    static const std::regex domain_family(R"(^plain\.domain\.[a-z_]+\.(name|level[1-5])$)");
    static const std::regex level_family(R"(^plain\.level[1-5]$)");
    const auto dot = key.rfind('.');
    const std::string prefix = "\"" + key.substr(0, dot + 1) + "\"";
    const std::string tail = "\"" + key.substr(dot + 1) + "\"";
    for (const auto& [file, text] : code) {
        if (text.find("\"" + key + "\"") != std::string::npos) return true;
        if (text.find(prefix) != std::string::npos && text.find(tail) != std::string::npos)
            return true;
        if (std::regex_match(key, domain_family) && text.find("\"plain.domain.\"") != text.npos)
            return true;
        if (std::regex_match(key, level_family) && text.find("\"plain.level\"") != text.npos)
            return true;
    }
    return false;
}

// The sentences of a formatted message: every argument filled (numbers 2, texts "x").
std::vector<std::string> sentences(const std::string& pattern, const std::string& locale) {
    UErrorCode st = U_ZERO_ERROR;
    icu::MessageFormat fmt(icu::UnicodeString::fromUTF8(pattern), icu::Locale(locale.c_str()), st);
    REQUIRE(U_SUCCESS(st));
    static const std::regex names(R"(\{\s*([A-Za-z_]+)\s*[,}])");
    std::set<std::string> args;
    for (auto it = std::sregex_iterator(pattern.begin(), pattern.end(), names);
         it != std::sregex_iterator(); ++it)
        args.insert((*it)[1].str());
    std::vector<icu::UnicodeString> keys;
    std::vector<icu::Formattable> values;
    for (const auto& a : args) {
        keys.push_back(icu::UnicodeString::fromUTF8(a));
        values.emplace_back(int32_t{2});
    }
    icu::UnicodeString result;
    fmt.format(keys.data(), values.data(), int32_t(values.size()), result, st);
    REQUIRE(U_SUCCESS(st));
    std::string text;
    result.toUTF8String(text);
    std::vector<std::string> out;
    static const std::regex end(R"([.?!:;](\s+|$))");
    std::sregex_token_iterator it(text.begin(), text.end(), end, -1), none;
    for (; it != none; ++it)
        if (!trim(*it).empty()) out.push_back(trim(*it));
    return out;
}

std::size_t word_count(const std::string& s) {
    std::istringstream in(s);
    std::size_t n = 0;
    for (std::string w; in >> w;)
        ++n;
    return n;
}

}  // namespace

TEST_CASE("the lint detectors find what they look for") {
    CHECK(edit_distance(to32("danışan"), to32("danışman")) == 1);
    CHECK(near_misses("Danışmanın imzası ve danışanın imzası", "danışan") ==
          std::vector<std::string>{"danışmanın"});
    CHECK(without_arguments("{overloaded, plural, one {# carer}}").find("overloaded") ==
          std::string::npos);
    CHECK(comma_joins("out += (out.empty() ? \"\" : \", \") + name;\nx += \", \";\n", "f.cpp") ==
          std::vector<std::string>{"f.cpp:1", "f.cpp:2"});
    CHECK(is_haraka(to32("جدًا")[2]));
    CHECK(word_count("U heeft nu geen inkomen") == 5);
    std::map<std::string, std::string> code = {
        {"a.cpp", "c.tr(std::string(\"review.\") + key); t(\"title\");"}};
    CHECK(key_used("review.title", code));
    CHECK_FALSE(key_used("review.together_ok", code));
}

TEST_CASE("no forbidden glossary term in a language's client texts") {
    for (const auto& locale : kLocales) {
        const Glossary g = glossary(locale);
        REQUIRE_FALSE(g.client.empty());
        REQUIRE_FALSE(g.worker.empty());
        for (const auto& [key, text] : own_texts(locale)) {
            if (!client_facing(key)) continue;
            const std::string words = folded(without_arguments(text));
            for (const auto& term : g.forbidden) {
                CAPTURE(locale, key, term, text);
                CHECK(words.find(folded(term)) == std::string::npos);
            }
        }
    }
}

TEST_CASE("the client and worker words of a language are not one edit apart") {
    for (const auto& locale : kLocales) {
        const Glossary g = glossary(locale);
        CAPTURE(locale, g.client, g.worker);
        CHECK(edit_distance(to32(folded(g.client)), to32(folded(g.worker))) >= 2);
        for (const auto& [key, text] : own_texts(locale)) {
            if (!client_facing(key)) continue;
            CAPTURE(key, text);
            CHECK(near_misses(without_arguments(text), g.client).empty());
        }
    }
}

TEST_CASE("no Arabic vowel marks in any bundle and Arabic punctuation in Arabic") {
    // The kiosk shapes with u_shapeArabic, which turns harakat into spacing glyphs: a string
    // the kiosk draws must have none.
    for (const auto& locale : kLocales)
        for (const auto& [key, text] : own_texts(locale)) {
            CAPTURE(locale, key, text);
            for (char32_t c : to32(text))
                CHECK_FALSE(is_haraka(c));
        }
    for (const auto& [key, text] : own_texts("ar")) {
        if (!client_facing(key)) continue;
        CAPTURE(key, text);
        const std::string words = without_arguments(text);
        CHECK(words.find(", ") == std::string::npos);
        CHECK(words.find('?') == std::string::npos);
    }
}

TEST_CASE("lists are joined by ICU's ListFormatter and never by a Latin comma in code") {
    std::vector<std::string> joins;
    for (const auto& [file, text] : code_files())
        for (const auto& at : comma_joins(text, file))
            joins.push_back(at);
    CAPTURE(joins);
    CHECK(joins.empty());
    const std::vector<std::string> items = {"A", "B", "C"};
    const std::map<std::string, std::string> want = {
        {"nl", "A, B en C"}, {"en", "A, B and C"}, {"tr", "A, B ve C"}, {"pl", "A, B i C"}};
    for (const auto& [locale, joined] : want) {
        auto cat = kt::i18n::Catalog::open(kt::test::i18n_dir(), locale);
        REQUIRE(cat.ok());
        CHECK(cat->list(items) == joined);
    }
    auto ar = kt::i18n::Catalog::open(kt::test::i18n_dir(), "ar");
    REQUIRE(ar.ok());
    const std::string joined = ar->list(items);
    CAPTURE(joined);
    // CLDR joins every Arabic item with "و" ("A وB وC"): never a Latin comma.
    CHECK(joined == "A \u0648B \u0648C");
    CHECK(joined.find(", ") == std::string::npos);
}

TEST_CASE("every client-facing key is read by code") {
    const auto code = code_files();
    REQUIRE(code.size() > 50);
    for (const auto& [key, text] : own_texts("nl")) {
        if (!client_facing(key)) continue;
        CAPTURE(key);
        CHECK(key_used(key, code));
    }
}

TEST_CASE("Dutch and English client sentences have at most 15 words") {
    for (const std::string locale : {"nl", "en"}) {
        std::size_t longest = 0;
        std::string which;
        for (const auto& [key, text] : own_texts(locale)) {
            if (!client_facing(key)) continue;
            for (const auto& s : sentences(text, locale)) {
                CAPTURE(locale, key, s);
                CHECK(word_count(s) <= 15);
                if (word_count(s) > longest) {
                    longest = word_count(s);
                    which = key + ": " + s;
                }
            }
        }
        std::printf("longest %s client sentence: %zu words (%s)\n", locale.c_str(), longest,
                    which.c_str());
    }
}
