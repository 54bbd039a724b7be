// The console's words live in locales/ (the `console` table), not in its templates: a template
// holds markup, data and keys ({{t.login.heading}}) only. Checked here: no text of a template's
// own in a text node or a user-visible attribute; every key a template reads exists, without
// arguments, in nl and en; every console key is read; and the English texts are English.
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "i18n/catalog.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kConsole = fs::path(KT_SOURCE_DIR) / "app" / "receiver" / "console";

bool has_letter(const std::string& utf8) {
    const icu::UnicodeString s = icu::UnicodeString::fromUTF8(utf8);
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1))
        if (u_isalpha(s.char32At(i))) return true;
    return false;
}

// The words a template shows by itself: text nodes and the values of aria-label, title, alt,
// placeholder and value attributes, with every mustache tag taken out.
std::vector<std::string> own_words(const std::string& tmpl) {
    static const std::regex mustache(R"(\{\{\{?[^}]*\}?\}\})");
    static const std::regex comment(R"(<!--[\s\S]*?-->)");
    static const std::regex tag(R"(<[^>]*>)");
    static const std::regex attr(R"re(\b(aria-label|title|alt|placeholder|value)="([^"]*)")re");
    const std::string bare = std::regex_replace(tmpl, mustache, " ");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(bare.begin(), bare.end(), attr);
         it != std::sregex_iterator(); ++it)
        if (has_letter((*it)[2].str())) out.push_back((*it)[2].str());
    std::string text = std::regex_replace(std::regex_replace(bare, comment, " "), tag, "\n");
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto first = line.find_first_not_of(" \t"), last = line.find_last_not_of(" \t");
        if (has_letter(line)) out.push_back(line.substr(first, last - first + 1));
    }
    return out;
}

std::map<std::string, std::string> templates() {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(kConsole / "templates"))
        if (e.path().extension() == ".mustache")
            out[e.path().filename().string()] = kt::test::read_bytes(e.path());
    return out;
}

// The keys a template reads: {{t.a.b}} is console.a.b.
std::set<std::string> template_keys(const std::string& tmpl) {
    static const std::regex key(R"(\{\{[#^/]?t\.([a-z0-9_.]+)\}\})");
    std::set<std::string> out;
    for (auto it = std::sregex_iterator(tmpl.begin(), tmpl.end(), key);
         it != std::sregex_iterator(); ++it)
        out.insert("console." + (*it)[1].str());
    return out;
}

std::map<std::string, std::string> console_texts(const char* locale) {
    auto cat = kt::i18n::Catalog::open(kt::test::i18n_dir(), locale);
    REQUIRE(cat.ok());
    std::map<std::string, std::string> out;
    for (const auto& key : cat->own_keys())
        if (key.rfind("console.", 0) == 0) out[key] = cat->tr(key);
    return out;
}

}  // namespace

TEST_CASE("the template text detector finds words of a template's own") {
    CHECK(own_words("<p class=\"x\">{{t.a.b}} – <a href=\"/\">{{{c}}}</a></p>").empty());
    CHECK(own_words("<p>\n{{#d}}Welkom {{name}}{{/d}}\n</p>") ==
          std::vector<std::string>{"Welkom"});
    CHECK(own_words("<nav aria-label=\"Hoofdmenu\"><!-- Uitleg --></nav>") ==
          std::vector<std::string>{"Hoofdmenu"});
    CHECK(own_words("<input value=\"{{name}}\"><button title=\"Klaar\">ok</button>").size() == 2);
    CHECK(template_keys("{{t.login.heading}} {{title}} {{#t.x}}") ==
          std::set<std::string>{"console.login.heading", "console.x"});
}

TEST_CASE("console templates hold no text of their own, only keys and data") {
    const auto all = templates();
    REQUIRE(all.size() >= 10);
    for (const auto& [name, text] : all) {
        CAPTURE(name);
        CHECK(own_words(text).empty());
    }
}

TEST_CASE("every key a console template reads exists without arguments in nl and en") {
    const auto nl = console_texts("nl"), en = console_texts("en");
    for (const auto& [name, text] : templates())
        for (const auto& key : template_keys(text)) {
            CAPTURE(name, key);
            REQUIRE(nl.count(key) == 1);
            REQUIRE(en.count(key) == 1);
            CHECK(nl.at(key).find('{') == std::string::npos);
            CHECK(en.at(key).find('{') == std::string::npos);
        }
}

TEST_CASE("every console key is read by a template or the console's code") {
    std::string used;
    for (const auto& [name, text] : templates())
        for (const auto& key : template_keys(text))
            used += "\"" + key + "\"";
    for (const auto& e : fs::directory_iterator(kConsole))
        if (e.path().extension() == ".cpp") used += kt::test::read_bytes(e.path());
    for (const auto& [key, text] : console_texts("nl")) {
        CAPTURE(key);
        const auto dot = key.rfind('.');
        const bool family = used.find("\"" + key.substr(0, dot + 1) + "\"") != std::string::npos;
        CHECK((used.find("\"" + key + "\"") != std::string::npos || family));
    }
}

TEST_CASE("the English console texts are English, not the Dutch ones") {
    // Words that are the same in both languages.
    const std::set<std::string> same = {
        "console.layout.brand", "console.nav.monitoring",    "console.overview.heading",
        "console.devices.team", "console.devices.sort_team", "console.devices.status",
        "console.enroll.team",  "console.audit.filter",      "console.audit.object",
        "console.overview.n",   "console.overview.team",     "console.overview.series.intake"};
    const auto nl = console_texts("nl"), en = console_texts("en");
    REQUIRE(nl.size() > 100);
    for (const auto& [key, text] : nl) {
        CAPTURE(key, text);
        REQUIRE(en.count(key) == 1);
        if (same.count(key) == 0) CHECK(en.at(key) != text);
    }
    for (const char* dutch : {" uw ", " het ", " een ", "niet", "apparaat", "wachtwoord"})
        for (const auto& [key, text] : en) {
            CAPTURE(key, text, dutch);
            CHECK(icu::UnicodeString::fromUTF8(text).toLower().indexOf(
                      icu::UnicodeString::fromUTF8(dutch)) < 0);
        }
}
