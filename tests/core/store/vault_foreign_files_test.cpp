// Foreign, damaged and tampered files: a clear error, and never a change to the file
// (T-07, T-10).
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "crypto/key_file.hpp"
#include "store/demo_data.hpp"
#include "store/vault.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

struct Foreign {
    const char* what;
    std::string bytes;
};

// The bytes of a real demo vault (checkpointed), for truncated and tampered copies.
std::string demo_vault_bytes(const TempDir& dir) {
    auto v = kt::test::create_test_vault(dir / "demo.ktv", kPass);
    REQUIRE(kt::store::fill_demo(v, 1'790'000'000).ok());
    v.close();
    return kt::test::read_bytes(dir / "demo.ktv");
}

std::string plain_sqlite_bytes(const TempDir& dir) {
    kt::test::create_plain_sqlite(dir / "plain.db", kt::test::demo_markers());
    return kt::test::read_bytes(dir / "plain.db");
}

bool is_foreign_error(ErrorCode c) {
    return c == ErrorCode::not_a_vault || c == ErrorCode::damaged_vault;
}

}  // namespace

TEST_CASE("T-10 foreign files are refused as not a vault or damaged and stay byte-identical",
          "[security]") {
    TempDir sources;
    const std::string demo = demo_vault_bytes(sources);
    const std::vector<Foreign> files = {
        {"an empty file", ""},
        {"random bytes of two pages", kt::test::random_bytes(8192)},
        {"random bytes of an odd length", kt::test::random_bytes(5000)},
        {"a plain SQLite database", plain_sqlite_bytes(sources)},
        {"a vault truncated to half a page", demo.substr(0, 2048)},
        {"a vault truncated by one page", demo.substr(0, demo.size() - 4096)},
    };
    const std::string key_text = kt::test::read_bytes(sources / "demo.ktv.key");
    for (const auto& f : files) {
        for (const bool with_key : {false, true}) {
            CAPTURE(f.what, with_key);
            TempDir dir;
            kt::test::write_bytes(dir / "v.ktv", f.bytes);
            if (with_key) kt::test::write_bytes(dir / "v.ktv.key", key_text);
            const auto sha = kt::test::file_sha256(dir / "v.ktv");
            const auto entries = dir.entries();
            {
                auto v = Vault::open(dir / "v.ktv", kPass);
                if (v.ok()) {
                    // Only a cut-off vault with the right key may open; the scan must see it.
                    auto counts = v->check();
                    REQUIRE_FALSE(counts.ok());
                    CHECK(counts.error().code == ErrorCode::damaged_vault);
                } else {
                    CHECK(is_foreign_error(v.error().code));
                }
            }
            auto created = Vault::create(dir / "v.ktv", kPass, kt::crypto::KdfParams::test_fast());
            REQUIRE_FALSE(created.ok());
            CHECK(created.error().code == ErrorCode::already_exists);
            CHECK(kt::test::file_sha256(dir / "v.ktv") == sha);
            if (with_key) CHECK(kt::test::read_bytes(dir / "v.ktv.key") == key_text);
            CHECK(dir.entries() == entries);
        }
    }
}

TEST_CASE("a foreign file without a key file is not a vault", "[security]") {
    TempDir dir;
    kt::test::write_bytes(dir / "v.ktv", kt::test::random_bytes(8192));
    auto v = Vault::open(dir / "v.ktv", kPass);
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().code == ErrorCode::not_a_vault);
}

TEST_CASE("a plain SQLite database is not a vault even with a valid key file", "[security]") {
    TempDir dir;
    kt::test::create_plain_sqlite(dir / "v.ktv", {"Boodschappenlijst"});
    { kt::test::create_test_vault(dir / "other.ktv", kPass); }
    fs::copy_file(dir / "other.ktv.key", dir / "v.ktv.key");
    const auto sha = kt::test::file_sha256(dir / "v.ktv");
    auto v = Vault::open(dir / "v.ktv", kPass);
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().code == ErrorCode::not_a_vault);
    CHECK(kt::test::file_sha256(dir / "v.ktv") == sha);
}

TEST_CASE("random pages with a valid key file are reported as damaged", "[security]") {
    TempDir dir;
    kt::test::write_bytes(dir / "v.ktv", kt::test::random_bytes(3 * 4096));
    { kt::test::create_test_vault(dir / "other.ktv", kPass); }
    fs::copy_file(dir / "other.ktv.key", dir / "v.ktv.key");
    auto v = Vault::open(dir / "v.ktv", kPass);
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().code == ErrorCode::damaged_vault);
}

TEST_CASE("a wrong passphrase on a foreign file with a key file says wrong passphrase",
          "[security]") {
    TempDir dir;
    kt::test::write_bytes(dir / "v.ktv", kt::test::random_bytes(8192));
    { kt::test::create_test_vault(dir / "other.ktv", kPass); }
    fs::copy_file(dir / "other.ktv.key", dir / "v.ktv.key");
    auto v = Vault::open(dir / "v.ktv", "verkeerd");
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().code == ErrorCode::wrong_passphrase);
}

TEST_CASE("T-07 a flipped byte in every data page is found by the full check", "[security]") {
    TempDir sources;
    const std::string demo = demo_vault_bytes(sources);
    const std::size_t pages = demo.size() / 4096;
    REQUIRE(pages >= 3);
    const std::string key_text = kt::test::read_bytes(sources / "demo.ktv.key");
    for (std::size_t page = 1; page < pages; ++page) {
        CAPTURE(page);
        TempDir dir;
        std::string tampered = demo;
        tampered[page * 4096 + 100] = static_cast<char>(tampered[page * 4096 + 100] ^ 0x01);
        kt::test::write_bytes(dir / "v.ktv", tampered);
        kt::test::write_bytes(dir / "v.ktv.key", key_text);
        const auto sha = kt::test::file_sha256(dir / "v.ktv");
        {
            ErrorCode code = ErrorCode::internal;  // stays so if the flip goes unnoticed
            auto v = Vault::open(dir / "v.ktv", kPass);
            if (!v.ok()) {
                code = v.error().code;
            } else if (auto counts = v->check(); !counts.ok()) {
                code = counts.error().code;
            }
            CHECK(code == ErrorCode::damaged_vault);
        }
        CHECK(kt::test::file_sha256(dir / "v.ktv") == sha);
    }
}

namespace {

// A SQLCipher database that is not ours: its own key and cipher settings.
std::string sqlcipher_bytes(const TempDir& dir, const char* name, const std::string& key,
                            int page_size) {
    sqlite3* db = nullptr;
    const fs::path path = dir / name;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) == SQLITE_OK);
    sqlite3_key(db, key.data(), static_cast<int>(key.size()));
    const std::string sql =
        "PRAGMA cipher_page_size = " + std::to_string(page_size) +
        "; CREATE TABLE note (t TEXT); INSERT INTO note VALUES ('Boodschappen');";
    CHECK(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    return kt::test::read_bytes(path);
}

std::string flip_hex_digit(std::string text, const std::string& field) {
    const auto at = text.find("\n" + field + " ");
    REQUIRE(at != std::string::npos);
    char& c = text[at + field.size() + 2 + 7];
    c = c == '0' ? '1' : '0';
    return text;
}

}  // namespace

TEST_CASE("T-10 SQLCipher files with other settings and damaged key files get the right code",
          "[security]") {
    TempDir sources;
    const std::string demo = demo_vault_bytes(sources);
    const std::string key_text = kt::test::read_bytes(sources / "demo.ktv.key");
    auto dek = Vault::unlock_data_key(sources / "demo.ktv", kPass);
    REQUIRE(dek.ok());
    const std::string spec(kt::crypto::raw_keyspec(dek.value()).text());
    kt::test::create_test_vault(sources / "other.ktv", "een ander wachtwoord");
    struct Case {
        const char* what;
        std::string vault, key;
        const char* pass;
        ErrorCode code;
    };
    const auto n = ErrorCode::not_a_vault, d = ErrorCode::damaged_vault;
    const std::vector<Case> cases = {
        {"SQLCipher defaults, no key file", sqlcipher_bytes(sources, "a.db", kPass, 1024), "",
         kPass, n},
        {"SQLCipher defaults, with our key file", sqlcipher_bytes(sources, "b.db", kPass, 4096),
         key_text, kPass, d},
        {"our data key but page size 1024", sqlcipher_bytes(sources, "c.db", spec, 1024), key_text,
         kPass, d},
        {"our vault, wrapped key damaged", demo, flip_hex_digit(key_text, "key"), kPass, d},
        {"our vault, salt damaged", demo, flip_hex_digit(key_text, "salt"), kPass, d},
        {"our vault, key file cut short", demo, key_text.substr(0, 60), kPass, d},
        {"our vault, key file empty", demo, "", kPass, n},
        {"our vault, another vault's key file", demo,
         kt::test::read_bytes(sources / "other.ktv.key"), "een ander wachtwoord", d},
        {"our vault, key file of a foreign program", demo, "[keepass]\nkey=00\n", kPass, n},
    };
    int right = 0;
    for (const auto& c : cases) {
        CAPTURE(c.what);
        TempDir dir;
        kt::test::write_bytes(dir / "v.ktv", c.vault);
        kt::test::write_bytes(dir / "v.ktv.key", c.key);
        const auto sha = kt::test::file_sha256(dir / "v.ktv");
        const auto entries = dir.entries();
        ErrorCode code = ErrorCode::internal;
        {
            auto v = Vault::open(dir / "v.ktv", c.pass);
            if (!v.ok())
                code = v.error().code;
            else if (auto counts = v->check(); !counts.ok())
                code = counts.error().code;
        }
        CHECK(code == c.code);
        right += code == c.code;
        CHECK(kt::test::file_sha256(dir / "v.ktv") == sha);
        CHECK(kt::test::read_bytes(dir / "v.ktv.key") == c.key);
        CHECK(dir.entries() == entries);
    }
    std::printf(
        "T-10: %d/%zu foreign or damaged files got the right code, every vault sha256 "
        "unchanged\n",
        right, cases.size());
}
