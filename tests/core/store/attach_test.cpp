// The vault's SQL authorizer lets VACUUM attach its private temporary database ('') and
// nothing else: no named file, however the name is written, on any connection our code opens.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "store/vault.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::store::Database;
using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = "Koffie met koek 2026";

// Every spelling of "attach this file" SQLite accepts: a string, a quoted identifier, an
// expression, a URI, an in-memory name other connections could share.
std::vector<std::string> attach_variants(const fs::path& target) {
    const std::string t = target.string();
    return {
        "ATTACH DATABASE '" + t + "' AS p",
        "ATTACH DATABASE '" + t + "' AS p KEY ''",
        "ATTACH \"" + t + "\" AS p",
        "ATTACH '" + t.substr(0, 3) + "' || '" + t.substr(3) + "' AS p",
        "ATTACH (SELECT '" + t + "') AS p",
        "ATTACH 'file:" + t + "?mode=rwc' AS p",
        "ATTACH ':memory:' AS p",
        "ATTACH 'file::memory:?cache=shared' AS p",
        "ATTACH 'file:gedeeld?mode=memory&cache=shared' AS p",
        "DETACH DATABASE main",
        "DETACH DATABASE temp",
    };
}

int attached_count(Database& db) {
    auto st = db.prepare("PRAGMA database_list");
    REQUIRE(st.ok());
    int n = 0;
    for (;;) {
        auto row = st->step();
        REQUIRE(row.ok());
        if (!row.value()) return n;
        n += st->text(1) != "temp";
    }
}

// Tries every variant on `db`: each fails (the authorizer's refusal, or SQLite's own for a
// form it cannot take), no file appears and nothing is attached.
int refused_on(Database& db, const fs::path& target) {
    int refused = 0;
    for (const auto& sql : attach_variants(target)) {
        CAPTURE(sql);
        auto s = db.exec(sql);
        CHECK_FALSE(s.ok());
        refused += !s.ok();
        CHECK(attached_count(db) == 1);
    }
    // A bound parameter hides the name from the authorizer's text: refused as well.
    auto st = db.prepare("ATTACH ?1 AS p");
    if (st.ok()) {
        st->bind(1, target.string());
        auto row = st->step();
        CHECK_FALSE(row.ok());
        refused += !row.ok();
    } else {
        ++refused;
    }
    CHECK_FALSE(fs::exists(target));
    CHECK(attached_count(db) == 1);  // only main (temp is listed once it is used)
    return refused;
}

}  // namespace

TEST_CASE("no named file can be attached on any connection the core opens", "[security]") {
    TempDir dir;
    const fs::path path = dir / "v.ktv";
    const fs::path target = dir / "uitweg.db";
    int refused = 0, connections = 0;
    {
        auto v = Vault::create(path, kPass, kt::crypto::KdfParams::test_fast());
        REQUIRE(v.ok());
        refused += refused_on(v->db(), target);
        ++connections;
    }
    {
        auto v = Vault::open(path, kPass);
        REQUIRE(v.ok());
        refused += refused_on(v->db(), target);
        ++connections;
        // VACUUM still works: its private '' database is the one attach allowed.
        CHECK(v->db().exec("VACUUM").ok());
    }
    auto dek = Vault::unlock_data_key(path, kPass);
    REQUIRE(dek.ok());
    {
        auto v = Vault::open_with_data_key(path, dek.value());
        REQUIRE(v.ok());
        refused += refused_on(v->db(), target);
        ++connections;
    }
    {
        // The receiver's SQLCipher store and backups open through this call.
        auto db = kt::store::open_keyed_database(path, dek.value(), Database::Mode::open_existing);
        REQUIRE(db.ok());
        refused += refused_on(db.value(), target);
        ++connections;
    }
    {
        auto db = Database::open(dir / "plain.db", Database::Mode::create_new);
        REQUIRE(db.ok());
        refused += refused_on(db.value(), target);
        ++connections;
    }
    const int expected = connections * static_cast<int>(attach_variants(target).size() + 1);
    CHECK(refused == expected);
    std::printf("attach: %d connections, %d of %d ways to attach a named file refused\n",
                connections, refused, expected);
}
