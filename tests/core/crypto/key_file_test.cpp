// The key file beside each vault (version 2): the data key wrapped by the passphrase key,
// its format, round trip and refusal of foreign or damaged files (T-12).
#include "crypto/key_file.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "store/vault.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::crypto::KdfParams;
using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string hex_of(const std::uint8_t* p, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(digits[p[i] >> 4]);
        out.push_back(digits[p[i] & 0x0F]);
    }
    return out;
}

kt::crypto::KeyFile wrapped(const kt::crypto::SecretBytes& dek, std::string_view pw) {
    REQUIRE(kt::crypto::init());
    auto kf = kt::crypto::wrap_data_key(dek, pw, KdfParams::test_fast());
    REQUIRE(kf.ok());
    return kf.value();
}

// A valid key file's text, for edited copies.
std::string good_text(const TempDir& dir) {
    const auto dek = kt::crypto::random_data_key();
    REQUIRE(kt::crypto::write_key_file(dir / "good.key", wrapped(dek, "pw")).ok());
    return kt::test::read_bytes(dir / "good.key");
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

// The value of a "name value" line.
std::string field(const std::string& text, const std::string& name) {
    const auto at = text.find("\n" + name + " ");
    REQUIRE(at != std::string::npos);
    const auto start = at + name.size() + 2;
    return text.substr(start, text.find('\n', start) - start);
}

}  // namespace

TEST_CASE("the key file sits beside the vault with .key appended") {
    CHECK(kt::crypto::key_file_path("/data/kluis.ktv") == fs::path("/data/kluis.ktv.key"));
}

TEST_CASE("T-12 a wrapped data key unwraps with its passphrase and with no other", "[security]") {
    const auto dek = kt::crypto::random_data_key();
    REQUIRE(dek.size() == 32);
    const auto kf = wrapped(dek, "Keukentafel 2026!");
    auto back = kt::crypto::unwrap_data_key(kf, "Keukentafel 2026!");
    REQUIRE(back.ok());
    CHECK(hex_of(back->data(), 32) == hex_of(dek.data(), 32));
    for (const char* wrong : {"keukentafel 2026!", "Keukentafel 2026! ", "", "x"}) {
        CAPTURE(wrong);
        auto w = kt::crypto::unwrap_data_key(kf, wrong);
        REQUIRE_FALSE(w.ok());
        CHECK(w.error().code == ErrorCode::wrong_passphrase);
    }
    CHECK(kt::crypto::wrap_data_key(dek, "", KdfParams::test_fast()).error().code ==
          ErrorCode::usage);
}

TEST_CASE("a written key file reads back with the same parameters salt nonce and wrapped key") {
    TempDir dir;
    const auto kf = wrapped(kt::crypto::random_data_key(), "pw");
    REQUIRE(kt::crypto::write_key_file(dir / "v.key", kf).ok());
    auto back = kt::crypto::read_key_file(dir / "v.key");
    REQUIRE(back.ok());
    CHECK(back->version == 2);
    CHECK(back->params.ops == kf.params.ops);
    CHECK(back->params.mem_bytes == kf.params.mem_bytes);
    CHECK(back->salt == kf.salt);
    CHECK(back->nonce == kf.nonce);
    CHECK(back->wrapped_key == kf.wrapped_key);
    CHECK_FALSE(fs::exists(dir / "v.key.tmp"));
    CHECK(kt::crypto::unwrap_data_key(back.value(), "pw").ok());
}

TEST_CASE("T-12 a key file is readable by its owner only", "[security]") {
    TempDir dir;
    REQUIRE(kt::crypto::write_key_file(dir / "v.key", wrapped(kt::crypto::random_data_key(), "pw"))
                .ok());
    struct stat st {};
    REQUIRE(::stat((dir / "v.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("T-12 foreign key files are not a vault and damaged ones are damaged", "[security]") {
    struct Case {
        const char* what;
        std::string text;
        ErrorCode code;
    };
    TempDir dir;
    const std::string good = good_text(dir);
    const std::string salt = field(good, "salt");
    const std::string key = field(good, "key");
    const auto n = ErrorCode::not_a_vault;
    const auto d = ErrorCode::damaged_vault;
    const std::vector<Case> cases = {
        {"empty", "", n},
        {"only whitespace", "  \n\n", n},
        {"other magic", replace(good, "keukentafel-keyfile", "keepass-keyfile"), n},
        {"version 1 (no longer read)", replace(good, "keyfile 2", "keyfile 1"), n},
        {"version 3", replace(good, "keyfile 2", "keyfile 3"), n},
        {"version not a number", replace(good, "keyfile 2", "keyfile two"), n},
        {"random bytes", kt::test::random_bytes(200), n},
        {"other kdf", replace(good, "argon2id13", "pbkdf2"), d},
        {"no ops", replace(good, "ops 1\n", ""), d},
        {"short salt", replace(good, salt, salt.substr(2)), d},
        {"salt not hex", replace(good, salt, "zz" + salt.substr(2)), d},
        {"no wrapped key", replace(good, "key " + key + "\n", ""), d},
        {"one hex digit of the salt changed",
         replace(good, salt, salt.substr(0, 31) + (salt[31] == '0' ? "1" : "0")), d},
        {"one bit of the wrapped key flipped",
         replace(good, key, key.substr(0, 5) + (key[5] == '0' ? "1" : "0") + key.substr(6)), d},
        {"no checksum", good.substr(0, good.find("sum ")), d},
        {"unknown field", good + "check 00\n", d},
        {"cut in half", good.substr(0, good.size() / 2), d},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        kt::test::write_bytes(dir / "v.key", c.text);
        auto kf = kt::crypto::read_key_file(dir / "v.key");
        REQUIRE_FALSE(kf.ok());
        CHECK(kf.error().code == c.code);
    }
}

TEST_CASE("T-12 lowering the KDF cost in a key file fails the unwrap even with a fixed checksum",
          "[security]") {
    const auto dek = kt::crypto::random_data_key();
    auto kf = wrapped(dek, "pw");
    kf.params.mem_bytes *= 2;  // the parameters are associated data of the wrap
    auto w = kt::crypto::unwrap_data_key(kf, "pw");
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().code == ErrorCode::wrong_passphrase);
}

TEST_CASE("a missing key file is reported as not a vault") {
    TempDir dir;
    auto kf = kt::crypto::read_key_file(dir / "nothing.key");
    REQUIRE_FALSE(kf.ok());
    CHECK(kf.error().code == ErrorCode::not_a_vault);
}

TEST_CASE("T-12 two vaults with the same passphrase never share a salt nonce or data key",
          "[security]") {
    TempDir dir;
    kt::test::create_test_vault(dir / "a.ktv", "zelfde wachtwoord");
    kt::test::create_test_vault(dir / "b.ktv", "zelfde wachtwoord");
    auto a = kt::crypto::read_key_file(dir / "a.ktv.key");
    auto b = kt::crypto::read_key_file(dir / "b.ktv.key");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->salt != b->salt);
    CHECK(a->nonce != b->nonce);
    auto dek_a = kt::store::Vault::unlock_data_key(dir / "a.ktv", "zelfde wachtwoord");
    auto dek_b = kt::store::Vault::unlock_data_key(dir / "b.ktv", "zelfde wachtwoord");
    REQUIRE(dek_a.ok());
    REQUIRE(dek_b.ok());
    CHECK(hex_of(dek_a->data(), 32) != hex_of(dek_b->data(), 32));
}

TEST_CASE("T-12 the key file holds neither the passphrase nor the data key nor the KEK",
          "[security]") {
    TempDir dir;
    const std::string pw = "Keukentafel-wachtwoord-7";
    kt::test::create_test_vault(dir / "v.ktv", pw);
    const std::string text = kt::test::read_bytes(dir / "v.ktv.key");
    auto kf = kt::crypto::read_key_file(dir / "v.ktv.key");
    REQUIRE(kf.ok());
    auto kek = kt::crypto::derive_key(pw, kf->salt, kf->params);
    REQUIRE(kek.ok());
    auto dek = kt::store::Vault::unlock_data_key(dir / "v.ktv", pw);
    REQUIRE(dek.ok());
    CHECK(kt::test::count_in_bytes(text, pw) == 0);
    for (const auto* key : {&kek.value(), &dek.value()}) {
        const std::string hex = hex_of(key->data(), key->size());
        CHECK(kt::test::count_in_bytes(text, hex) == 0);
        CHECK(kt::test::count_in_bytes(text, hex.substr(0, 16)) == 0);
        CHECK(text.find(std::string(reinterpret_cast<const char*>(key->data()), 8)) ==
              std::string::npos);
    }
}

TEST_CASE("T-12 a vault created for production records Argon2id with at least 3 passes and 256 MiB",
          "[security]") {
    ::unsetenv("KEUKENTAFEL_TEST_FAST_KDF");
    TempDir dir;
    const auto params = kt::crypto::params_for_new_vault();
    {
        auto v = kt::store::Vault::create(dir / "v.ktv", "Productie 2026", params);
        REQUIRE(v.ok());
    }
    const std::string text = kt::test::read_bytes(dir / "v.ktv.key");
    CHECK(text.find("kdf argon2id13\n") != std::string::npos);
    auto kf = kt::crypto::read_key_file(dir / "v.ktv.key");
    REQUIRE(kf.ok());
    CHECK(kf->params.ops >= 3);
    CHECK(kf->params.mem_bytes >= 256ull << 20);
    CHECK(kf->salt.size() == 16);
    const auto start = std::chrono::steady_clock::now();
    auto dek = kt::store::Vault::unlock_data_key(dir / "v.ktv", "Productie 2026");
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    REQUIRE(dek.ok());
    std::printf("T-12: Argon2id %llu passes, %llu MiB; unlock (derive + unwrap) %.2f s\n",
                static_cast<unsigned long long>(kf->params.ops),
                static_cast<unsigned long long>(kf->params.mem_bytes >> 20), took.count());
}
