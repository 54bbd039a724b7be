// Vault create/open: pinned settings, the raw-key path, wrong passphrases and failed creates
// (T-10, T-13). Foreign files and plaintext scans live in the sibling files.
#include "store/vault.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <cstdio>
#include <set>
#include <string>

#include "crypto/key_file.hpp"
#include "store/clients.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

void check_pinned_settings(kt::store::Database& db) {
    auto int_of = [&](const char* sql) {
        auto r = db.query_int(sql);
        REQUIRE(r.ok());
        return r.value();
    };
    CHECK(int_of("PRAGMA cipher_page_size") == 4096);
    CHECK(int_of("PRAGMA cipher_use_hmac") == 1);
    auto mode = db.query_text("PRAGMA journal_mode");
    REQUIRE(mode.ok());
    CHECK(mode.value() == "wal");
    CHECK(int_of("PRAGMA synchronous") == 2);  // FULL
    CHECK(int_of("PRAGMA temp_store") == 2);   // MEMORY
    CHECK(int_of("PRAGMA foreign_keys") == 1);
    CHECK(int_of("PRAGMA secure_delete") == 1);
    CHECK(int_of("PRAGMA application_id") == kt::store::kApplicationId);
}

// Opens `path` with the plain SQLCipher API, keys it with `key` and tries the first read.
int first_read_with_key(const fs::path& path, std::string_view key) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_key(db, key.data(), static_cast<int>(key.size()));
    sqlite3_exec(db, "PRAGMA cipher_page_size = 4096; PRAGMA cipher_use_hmac = ON;", nullptr,
                 nullptr, nullptr);
    const int rc =
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
}

}  // namespace

TEST_CASE("a new vault opens again with the same passphrase and keeps its clients") {
    TempDir dir;
    std::string id;
    {
        auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
        auto added =
            kt::store::add_client(v.db(), {"", "Özlem", "", "Yılmaz", "", "Noord", "", {}, {}}, 1);
        REQUIRE(added.ok());
        id = added.value();
    }
    auto v = Vault::open(dir / "v.ktv", kPass);
    REQUIRE(v.ok());
    auto c = kt::store::get_client(v->db(), id);
    REQUIRE(c.ok());
    CHECK(c->given_name == "Özlem");
    CHECK(c->family_name == "Yılmaz");
    CHECK(v->path() == dir / "v.ktv");
}

TEST_CASE("T-13 a created and a reopened vault run with the pinned SQLCipher settings",
          "[security]") {
    TempDir dir;
    {
        auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
        check_pinned_settings(v.db());
    }
    auto v = Vault::open(dir / "v.ktv", kPass);
    REQUIRE(v.ok());
    check_pinned_settings(v->db());
}

TEST_CASE("T-13 the vault schema holds no FTS or RTREE tables", "[security]") {
    TempDir dir;
    auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
    auto st = v.db().prepare("SELECT name, coalesce(sql, '') FROM sqlite_master");
    REQUIRE(st.ok());
    int objects = 0;
    for (;;) {
        auto row = st->step();
        REQUIRE(row.ok());
        if (!row.value()) break;
        ++objects;
        std::string sql = st->text(1);
        for (auto& ch : sql)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        CAPTURE(st->text(0), sql);
        CHECK(sql.find("virtual") == std::string::npos);
        CHECK(sql.find("fts") == std::string::npos);
        CHECK(sql.find("rtree") == std::string::npos);
    }
    CHECK(objects >= 3);  // client, assessment, score: the scan really saw the schema
}

TEST_CASE("T-13 neither the passphrase nor its Argon2id key opens the vault, the raw data key does",
          "[security]") {
    TempDir dir;
    { kt::test::create_test_vault(dir / "v.ktv", kPass); }
    CHECK(first_read_with_key(dir / "v.ktv", kPass) == SQLITE_NOTADB);
    CHECK(first_read_with_key(dir / "v.ktv", "") == SQLITE_NOTADB);
    // The passphrase's Argon2id key only wraps the data key; it is not the vault key.
    auto kf = kt::crypto::read_key_file(dir / "v.ktv.key");
    REQUIRE(kf.ok());
    auto kek = kt::crypto::derive_key(kPass, kf->salt, kf->params);
    REQUIRE(kek.ok());
    CHECK(first_read_with_key(dir / "v.ktv", kt::crypto::raw_keyspec(kek.value()).text()) ==
          SQLITE_NOTADB);
    // Control: the unwrapped data key in the 67-byte raw form opens it, so the probe can succeed.
    auto dek = Vault::unlock_data_key(dir / "v.ktv", kPass);
    REQUIRE(dek.ok());
    const auto spec = kt::crypto::raw_keyspec(dek.value());
    REQUIRE(spec.text().size() == 67);
    CHECK(first_read_with_key(dir / "v.ktv", spec.text()) == SQLITE_OK);
    // The same data key as a 64-hex passphrase (no x'...') is run through SQLCipher's KDF: no.
    CHECK(first_read_with_key(dir / "v.ktv", spec.text().substr(2, 64)) == SQLITE_NOTADB);
}

TEST_CASE("T-13 our wrapper keys SQLCipher only with the 67-byte raw form", "[security]") {
    TempDir dir;
    { kt::test::create_test_vault(dir / "v.ktv", kPass); }
    auto dek = Vault::unlock_data_key(dir / "v.ktv", kPass);
    REQUIRE(dek.ok());
    const std::string good(kt::crypto::raw_keyspec(dek.value()).text());
    std::string upper = good;
    for (auto& c : upper)
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    const std::vector<std::string> refused = {
        "",
        kPass,
        good.substr(0, 66),
        good + "0",
        good.substr(2, 64),
        "x'" + good.substr(3),
        upper.find_first_of("ABCDEF") == std::string::npos ? "x'zz" + good.substr(4) : upper};
    for (const auto& spec : refused) {
        CAPTURE(spec.size());
        auto db =
            kt::store::Database::open(dir / "v.ktv", kt::store::Database::Mode::open_existing);
        REQUIRE(db.ok());
        auto s = db->key(kt::crypto::SecretBytes::from(spec));
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::usage);
    }
    auto db = kt::store::Database::open(dir / "v.ktv", kt::store::Database::Mode::open_existing);
    REQUIRE(db.ok());
    CHECK(db->key(kt::crypto::SecretBytes::from(good)).ok());
    CHECK_FALSE(kt::store::open_keyed_database(dir / "v.ktv", kt::crypto::SecretBytes(16),
                                               kt::store::Database::Mode::open_existing)
                    .ok());
}

TEST_CASE("T-10 a wrong passphrase leaves the vault and key file byte-for-byte unchanged",
          "[security]") {
    TempDir dir;
    {
        auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
        REQUIRE(
            kt::store::add_client(v.db(), {"", "Sanne", "", "Bakker", "", "", "", {}, {}}, 1).ok());
    }
    const auto vault_sha = kt::test::file_sha256(dir / "v.ktv");
    const auto key_sha = kt::test::file_sha256(dir / "v.ktv.key");
    const auto entries = dir.entries();
    std::vector<std::string> wrong = {"", "koffie met koek 2026", std::string(kPass) + " ",
                                      std::string(kPass).substr(1), "x'00'"};
    for (int i = 0; i < 20; ++i)
        wrong.push_back(kt::test::random_bytes(12));
    int refused = 0;
    for (const auto& pw : wrong) {
        auto v = Vault::open(dir / "v.ktv", pw);
        REQUIRE_FALSE(v.ok());
        CHECK(v.error().code == ErrorCode::wrong_passphrase);
        refused += v.error().code == ErrorCode::wrong_passphrase;
    }
    const bool unchanged = kt::test::file_sha256(dir / "v.ktv") == vault_sha;
    CHECK(unchanged);
    CHECK(kt::test::file_sha256(dir / "v.ktv.key") == key_sha);
    CHECK(dir.entries() == entries);
    CHECK(Vault::open(dir / "v.ktv", kPass).ok());
    std::printf("T-10: %zu wrong passphrases, %d refused as wrong_passphrase, vault sha256 %s\n",
                wrong.size(), refused, unchanged ? "unchanged" : "CHANGED");
}

TEST_CASE("create refuses a path where a file already exists and leaves it unchanged",
          "[security]") {
    TempDir dir;
    { kt::test::create_test_vault(dir / "v.ktv", kPass); }
    const auto vault_sha = kt::test::file_sha256(dir / "v.ktv");
    const auto key_sha = kt::test::file_sha256(dir / "v.ktv.key");
    auto again =
        Vault::create(dir / "v.ktv", "ander wachtwoord", kt::crypto::KdfParams::test_fast());
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::already_exists);
    CHECK(kt::test::file_sha256(dir / "v.ktv") == vault_sha);
    CHECK(kt::test::file_sha256(dir / "v.ktv.key") == key_sha);
    CHECK(Vault::open(dir / "v.ktv", kPass).ok());

    SECTION("an unrelated file in the way") {
        kt::test::write_bytes(dir / "notes.txt", "boodschappen");
        auto v = Vault::create(dir / "notes.txt", kPass, kt::crypto::KdfParams::test_fast());
        REQUIRE_FALSE(v.ok());
        CHECK(v.error().code == ErrorCode::already_exists);
        CHECK(kt::test::read_bytes(dir / "notes.txt") == "boodschappen");
        CHECK_FALSE(fs::exists(dir / "notes.txt.key"));
    }
    SECTION("only a key file in the way") {
        kt::test::write_bytes(dir / "w.ktv.key", "keukentafel-keyfile 1\n");
        auto v = Vault::create(dir / "w.ktv", kPass, kt::crypto::KdfParams::test_fast());
        REQUIRE_FALSE(v.ok());
        CHECK(v.error().code == ErrorCode::already_exists);
        CHECK_FALSE(fs::exists(dir / "w.ktv"));
        CHECK(kt::test::read_bytes(dir / "w.ktv.key") == "keukentafel-keyfile 1\n");
    }
}

TEST_CASE("create refuses an empty passphrase and leaves nothing behind") {
    TempDir dir;
    auto v = Vault::create(dir / "v.ktv", "", kt::crypto::KdfParams::test_fast());
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().code == ErrorCode::usage);
    CHECK(dir.entries().empty());
}

TEST_CASE("a create that fails at key derivation leaves no files behind", "[security]") {
    TempDir dir;
    auto v = Vault::create(dir / "v.ktv", kPass, kt::crypto::KdfParams{0, 0});
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().code == ErrorCode::usage);
    CHECK(dir.entries().empty());
}

TEST_CASE("a create that fails writing the key file leaves no vault files behind", "[security]") {
    TempDir dir;
    // A directory where the key file's temp file must go (beside the vault being made) makes
    // the last write fail, after the encrypted database has been written.
    fs::create_directory(dir / "v.ktv.new.key.tmp");
    {
        auto v = Vault::create(dir / "v.ktv", kPass, kt::crypto::KdfParams::test_fast());
        REQUIRE_FALSE(v.ok());
        CHECK(v.error().code != ErrorCode::already_exists);
    }
    CHECK(dir.entries() == std::set<std::string>{"v.ktv.new.key.tmp"});
}

TEST_CASE("opening a missing vault reports not_found and creates nothing") {
    TempDir dir;
    auto v = Vault::open(dir / "v.ktv", kPass);
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().code == ErrorCode::not_found);
    CHECK(dir.entries().empty());
}

TEST_CASE("check counts every client and is clean on a fresh vault") {
    TempDir dir;
    auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
    for (int i = 0; i < 3; ++i)
        REQUIRE(
            kt::store::add_client(v.db(), {"", "Ria", "ter", "Horst", "", "", "", {}, {}}, i).ok());
    auto counts = v.check();
    REQUIRE(counts.ok());
    CHECK(counts->clients == 3);
    CHECK(counts->assessments == 0);
    CHECK(counts->scores == 0);
}
