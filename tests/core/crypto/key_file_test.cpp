// The key file beside each vault: format, round trip, refusal of malformed files (T-12).
#include "crypto/key_file.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "support/test_support.hpp"

using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

kt::crypto::KeyFile sample_key_file() {
    kt::crypto::KeyFile kf;
    kf.params = {4, 12345678};
    kf.salt = kt::crypto::random_salt();
    for (std::size_t i = 0; i < kf.key_check.size(); ++i)
        kf.key_check[i] = static_cast<std::uint8_t>(i * 7 + 1);
    return kf;
}

const std::string kGood =
    "keukentafel-keyfile 1\nkdf argon2id13\nops 1\nmem 8192\n"
    "salt 000102030405060708090a0b0c0d0e0f\ncheck 00112233445566778899aabbccddeeff\n";

}  // namespace

TEST_CASE("the key file sits beside the vault with .key appended") {
    CHECK(kt::crypto::key_file_path("/data/kluis.ktv") == fs::path("/data/kluis.ktv.key"));
}

TEST_CASE("a written key file reads back with the same parameters salt and check value") {
    TempDir dir;
    const auto kf = sample_key_file();
    REQUIRE(kt::crypto::write_key_file(dir / "v.key", kf).ok());
    auto back = kt::crypto::read_key_file(dir / "v.key");
    REQUIRE(back.ok());
    CHECK(back->version == 1);
    CHECK(back->params.ops == kf.params.ops);
    CHECK(back->params.mem_bytes == kf.params.mem_bytes);
    CHECK(back->salt == kf.salt);
    CHECK(back->key_check == kf.key_check);
    CHECK_FALSE(fs::exists(dir / "v.key.tmp"));
}

TEST_CASE("a key file is readable by its owner only", "[security]") {
    TempDir dir;
    REQUIRE(kt::crypto::write_key_file(dir / "v.key", sample_key_file()).ok());
    struct stat st {};
    REQUIRE(::stat((dir / "v.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("the hand-written reference key file is accepted") {
    TempDir dir;
    kt::test::write_bytes(dir / "v.key", kGood);
    auto kf = kt::crypto::read_key_file(dir / "v.key");
    REQUIRE(kf.ok());
    CHECK(kf->params.ops == 1);
    CHECK(kf->params.mem_bytes == 8192);
    CHECK(kf->salt[15] == 0x0f);
    CHECK(kf->key_check[1] == 0x11);
}

TEST_CASE("malformed key files are reported as not a vault", "[security]") {
    struct Case {
        const char* what;
        std::string text;
    };
    auto replace = [](std::string s, const std::string& from, const std::string& to) {
        s.replace(s.find(from), from.size(), to);
        return s;
    };
    const std::vector<Case> cases = {
        {"empty", ""},
        {"only whitespace", "  \n\n"},
        {"other magic", replace(kGood, "keukentafel-keyfile", "keepass-keyfile")},
        {"version 2", replace(kGood, "keyfile 1", "keyfile 2")},
        {"version not a number", replace(kGood, "keyfile 1", "keyfile one")},
        {"other kdf", replace(kGood, "argon2id13", "pbkdf2")},
        {"no kdf line", replace(kGood, "kdf argon2id13\n", "")},
        {"no ops", replace(kGood, "ops 1\n", "")},
        {"no mem", replace(kGood, "mem 8192\n", "")},
        {"no salt", replace(kGood, "salt 000102030405060708090a0b0c0d0e0f\n", "")},
        {"short salt", replace(kGood, "0e0f\n", "0e\n")},
        {"salt not hex", replace(kGood, "0e0f\n", "0e0g\n")},
        {"no check", replace(kGood, "check 00112233445566778899aabbccddeeff\n", "")},
        {"long check", replace(kGood, "eeff\n", "eeff00\n")},
        {"unknown field", kGood + "key 00\n"},
        {"random bytes", kt::test::random_bytes(200)},
    };
    TempDir dir;
    for (const auto& c : cases) {
        CAPTURE(c.what);
        kt::test::write_bytes(dir / "v.key", c.text);
        auto kf = kt::crypto::read_key_file(dir / "v.key");
        REQUIRE_FALSE(kf.ok());
        CHECK(kf.error().code == kt::ErrorCode::not_a_vault);
    }
}

TEST_CASE("a missing key file is reported as not a vault") {
    TempDir dir;
    auto kf = kt::crypto::read_key_file(dir / "nothing.key");
    REQUIRE_FALSE(kf.ok());
    CHECK(kf.error().code == kt::ErrorCode::not_a_vault);
}

TEST_CASE("two vaults with the same passphrase never share a salt", "[security]") {
    TempDir dir;
    kt::test::create_test_vault(dir / "a.ktv", "zelfde wachtwoord");
    kt::test::create_test_vault(dir / "b.ktv", "zelfde wachtwoord");
    auto a = kt::crypto::read_key_file(dir / "a.ktv.key");
    auto b = kt::crypto::read_key_file(dir / "b.ktv.key");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->salt != b->salt);
    CHECK(a->key_check != b->key_check);
}

TEST_CASE("the key file holds neither the passphrase nor the key", "[security]") {
    TempDir dir;
    const std::string pw = "Keukentafel-wachtwoord-7";
    kt::test::create_test_vault(dir / "v.ktv", pw);
    const std::string text = kt::test::read_bytes(dir / "v.ktv.key");
    auto kf = kt::crypto::read_key_file(dir / "v.ktv.key");
    REQUIRE(kf.ok());
    auto key = kt::crypto::derive_key(pw, kf->salt, kf->params);
    REQUIRE(key.ok());
    const std::string spec(kt::crypto::raw_keyspec(key.value()).text());
    CHECK(kt::test::count_in_bytes(text, pw) == 0);
    CHECK(kt::test::count_in_bytes(text, spec.substr(2, 64)) == 0);
    CHECK(kt::test::count_in_bytes(text, spec.substr(2, 16)) == 0);
    CHECK(kf->key_check == kt::crypto::key_check_value(key.value()));
}

TEST_CASE("a vault created for production records Argon2id with at least 3 passes and 256 MiB",
          "[security]") {
    ::unsetenv("KEUKENTAFEL_TEST_FAST_KDF");
    TempDir dir;
    const auto params = kt::crypto::params_for_new_vault();
    auto v = kt::store::Vault::create(dir / "v.ktv", "Productie 2026", params);
    REQUIRE(v.ok());
    const std::string text = kt::test::read_bytes(dir / "v.ktv.key");
    CHECK(text.find("kdf argon2id13\n") != std::string::npos);
    auto kf = kt::crypto::read_key_file(dir / "v.ktv.key");
    REQUIRE(kf.ok());
    CHECK(kf->params.ops >= 3);
    CHECK(kf->params.mem_bytes >= 256ull << 20);
    CHECK(kf->salt.size() == 16);
}
