// T-30: the SQLCipher and SQLite core the programs link are the versions whose risk
// docs/dependency-risk.md accepts. A Debian update that changes either fails here until the
// note has been read and updated.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <regex>
#include <string>

#include "support/test_support.hpp"
#include "util/files.hpp"

namespace {

// The version the note gives after "<label>: **", or "" when the note does not say.
std::string noted_version(const std::string& note, const std::string& label) {
    std::smatch m;
    const std::regex re(label + R"(: \*\*([0-9]+(\.[0-9]+)+)\*\*)");
    return std::regex_search(note, m, re) ? m[1].str() : std::string();
}

std::string first_text(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        if (const unsigned char* t = sqlite3_column_text(st, 0))
            out = reinterpret_cast<const char*>(t);
    sqlite3_finalize(st);
    return out;
}

}  // namespace

TEST_CASE("T-30 the linked SQLite and SQLCipher are the versions the risk note accepts",
          "[security]") {
    auto note = kt::read_file(std::string(KT_SOURCE_DIR) + "/docs/dependency-risk.md");
    REQUIRE(note);
    const std::string sqlite_noted = noted_version(note.value(), "SQLite core linked");
    const std::string cipher_noted = noted_version(note.value(), "SQLCipher linked");
    REQUIRE_FALSE(sqlite_noted.empty());
    REQUIRE_FALSE(cipher_noted.empty());

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    const std::string cipher_linked = first_text(db, "PRAGMA cipher_version");
    const std::string sqlite_linked = first_text(db, "SELECT sqlite_version()");
    sqlite3_close(db);

    INFO("linked: SQLCipher " << cipher_linked << " on SQLite " << sqlite_linked);
    CHECK(std::string(sqlite3_libversion()) == sqlite_linked);
    CHECK(sqlite_linked == sqlite_noted);
    CHECK(cipher_linked == cipher_noted);
}
