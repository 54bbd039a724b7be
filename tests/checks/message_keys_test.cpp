// Every dotted message key written as a literal in app/, core/ and report/ exists in the compiled
// root and nl bundles (STYLE.md point 8). Keys built at run time ("client.start." + kind) are
// checked by the catalog tests, which iterate the enums and zrm::kDomains.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "i18n/catalog.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

using KeyUses = std::map<std::string, std::string>;  // key -> first "file:line"

const std::regex kKey(
    R"(^(app|nav|unlock|keyboard|clients|client|assessment|matrix|error|cli|zrm|copy|sync|first_run|passphrase|pin)\.[a-z0-9_.]+$)");
const std::regex kLiteral(R"re("((?:[^"\\]|\\.)*)")re");
const std::regex kInclude(R"(^\s*#\s*include\b)");

// Literal keys in `text`. Skips #include lines, prefixes ending in '.', and literals that
// are concatenated with something else ("zrm.level" + n + ".name").
void scan(const std::string& text, const std::string& origin, KeyUses& out) {
    std::istringstream in(text);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (std::regex_search(line, kInclude)) continue;
        for (auto it = std::sregex_iterator(line.begin(), line.end(), kLiteral);
             it != std::sregex_iterator(); ++it) {
            const std::string literal = (*it)[1].str();
            if (!std::regex_match(literal, kKey) || literal.back() == '.') continue;
            const auto after = line.find_first_not_of(" \t", it->position() + it->length());
            if (after != std::string::npos && line[after] == '+') continue;
            out.emplace(literal, origin + ":" + std::to_string(number));
        }
    }
}

KeyUses scan_sources() {
    KeyUses uses;
    for (const char* dir : {"app", "core", "report"}) {
        const fs::path root = fs::path(KT_SOURCE_DIR) / dir;
        if (!fs::exists(root)) continue;
        for (const auto& e : fs::recursive_directory_iterator(root)) {
            const auto ext = e.path().extension();
            if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
            std::ifstream in(e.path(), std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            scan(text.str(), fs::relative(e.path(), KT_SOURCE_DIR).string(), uses);
        }
    }
    return uses;
}

}  // namespace

TEST_CASE("the key scanner finds literal keys and skips includes prefixes and concatenations") {
    KeyUses uses;
    scan(
        "#include \"client.hpp\"\n"
        "cat.tr(\"nav.back\"); cat.tr(\"matrix.previous_line\");\n"
        "cat.tr(\"client.start.\" + kind);\n"
        "return \"zrm.level\" + std::to_string(level) + \".name\";\n"
        "cat.tr(\"error.vault.no_such_message\");\n"
        "log(\"Hello, world.\"); path(\"kluis.ktv\"); cat.tr(\"Nav.back\");\n",
        "sample.cpp", uses);
    CHECK(uses == KeyUses{{"nav.back", "sample.cpp:2"},
                          {"matrix.previous_line", "sample.cpp:2"},
                          {"error.vault.no_such_message", "sample.cpp:5"}});
}

TEST_CASE("every message key used in app core and report exists in the root and nl bundles") {
    const KeyUses uses = scan_sources();
    // The scan really reads the code: these literals are in core/.
    REQUIRE(uses.count("error.vault.wrong_passphrase") == 1);
    REQUIRE(uses.count("matrix.previous_line") == 1);
    const auto root = kt::test::bundle_keys(kt::test::i18n_dir(), "root");
    auto nl = kt::i18n::Catalog::open(kt::test::i18n_dir(), "nl");
    REQUIRE(nl.ok());
    const auto own = nl->own_keys();
    const std::set<std::string> nl_keys(own.begin(), own.end());
    for (const auto& [key, where] : uses) {
        CAPTURE(key, where);
        CHECK(root.count(key) == 1);
        CHECK(nl_keys.count(key) == 1);
    }
}
