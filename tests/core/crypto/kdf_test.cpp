// Argon2id parameters, key derivation and SQLCipher's raw key form (T-12, T-13).
#include "crypto/kdf.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>

using kt::crypto::KdfParams;

namespace {

// Sets or clears an environment variable for one scope and restores it afterwards.
class EnvGuard {
  public:
    EnvGuard(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~EnvGuard() {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }

  private:
    const char* m_name;
    std::optional<std::string> m_old;
};

std::string hex_of(const kt::crypto::SecretBytes& b) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < b.size(); ++i) {
        out.push_back(digits[b.data()[i] >> 4]);
        out.push_back(digits[b.data()[i] & 0x0F]);
    }
    return out;
}

kt::crypto::SecretBytes derive(std::string_view pw, const kt::crypto::Salt& salt) {
    REQUIRE(kt::crypto::init());
    auto key = kt::crypto::derive_key(pw, salt, KdfParams::test_fast());
    REQUIRE(key.ok());
    return std::move(key).value();
}

}  // namespace

TEST_CASE("production key derivation costs at least 3 passes and 256 MiB", "[security]") {
    const KdfParams p = KdfParams::production();
    CHECK(p.ops >= 3);
    CHECK(p.mem_bytes >= 256ull * 1024 * 1024);
    CHECK(p.meets_production_floor());
    CHECK_FALSE(KdfParams::test_fast().meets_production_floor());
    CHECK_FALSE(KdfParams{2, 1ull << 30}.meets_production_floor());
    CHECK_FALSE(KdfParams{4, 128ull << 20}.meets_production_floor());
}

TEST_CASE("a new vault gets production key derivation unless tests ask otherwise", "[security]") {
    {
        EnvGuard unset("KEUKENTAFEL_TEST_FAST_KDF", nullptr);
        CHECK(kt::crypto::params_for_new_vault().meets_production_floor());
    }
    for (const char* not_one : {"0", "", "yes", "11"}) {
        EnvGuard set("KEUKENTAFEL_TEST_FAST_KDF", not_one);
        CAPTURE(not_one);
        CHECK(kt::crypto::params_for_new_vault().meets_production_floor());
    }
    EnvGuard fast("KEUKENTAFEL_TEST_FAST_KDF", "1");
#ifdef KT_TEST_HOOKS
    CHECK_FALSE(kt::crypto::params_for_new_vault().meets_production_floor());
#else
    // Builds without KT_TEST_HOOKS ignore the variable: production cost always.
    CHECK(kt::crypto::params_for_new_vault().meets_production_floor());
#endif
}

TEST_CASE("the same passphrase and salt always derive the same 32-byte key") {
    const auto salt = kt::crypto::random_salt();
    const auto a = derive("Keukentafel 2026!", salt);
    const auto b = derive("Keukentafel 2026!", salt);
    REQUIRE(a.size() == kt::crypto::kKeySize);
    CHECK(hex_of(a) == hex_of(b));
}

TEST_CASE("another passphrase or another salt derives another key", "[security]") {
    const auto salt = kt::crypto::random_salt();
    auto other_salt = salt;
    other_salt[0] ^= 0x01;
    const auto base = hex_of(derive("Keukentafel 2026!", salt));
    CHECK(hex_of(derive("keukentafel 2026!", salt)) != base);
    CHECK(hex_of(derive("Keukentafel 2026! ", salt)) != base);
    CHECK(hex_of(derive("Keukentafel 2026!", other_salt)) != base);
}

TEST_CASE("key derivation refuses parameters outside libsodium's range") {
    REQUIRE(kt::crypto::init());
    const auto salt = kt::crypto::random_salt();
    for (const KdfParams p : {KdfParams{0, 8192}, KdfParams{1, 0}, KdfParams{3, 8ull << 30}}) {
        CAPTURE(p.ops, p.mem_bytes);
        auto key = kt::crypto::derive_key("pw", salt, p);
        REQUIRE_FALSE(key.ok());
        CHECK(key.error().code == kt::ErrorCode::usage);
    }
}

TEST_CASE("the raw keyspec is exactly 67 bytes of x quote 64 hex digits quote", "[security]") {
    const auto key = derive("Keukentafel 2026!", kt::crypto::random_salt());
    const auto spec = kt::crypto::raw_keyspec(key);
    const std::string_view text = spec.text();
    REQUIRE(text.size() == 67);
    CHECK(text.substr(0, 2) == "x'");
    CHECK(text.back() == '\'');
    const std::string_view hex = text.substr(2, 64);
    CHECK(hex.find_first_not_of("0123456789abcdef") == std::string_view::npos);
    CHECK(hex == hex_of(key));
}

TEST_CASE("salts are 16 random bytes and do not repeat", "[security]") {
    REQUIRE(kt::crypto::init());
    std::set<kt::crypto::Salt> seen;
    for (int i = 0; i < 64; ++i)
        seen.insert(kt::crypto::random_salt());
    CHECK(seen.size() == 64);
    CHECK(kt::crypto::kSaltSize == 16);
}
