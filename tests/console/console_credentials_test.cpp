// The console's credentials: TOTP against RFC 6238's test vectors, base32, password strength,
// recovery codes used as typed, tokens; and the form and cookie parsing of its HTTP layer.
#include <catch2/catch.hpp>

#include "console/credentials.hpp"
#include "console/http_util.hpp"
#include "console/totp.hpp"

namespace kt::receiver::console {
namespace {

TEST_CASE("TOTP codes match the RFC 6238 SHA-1 test vectors", "[console]") {
    const std::string key = "12345678901234567890";
    const std::pair<std::int64_t, const char*> vectors[] = {
        {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
        {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
    for (const auto& [time, code] : vectors) {
        INFO("time " << time);
        CHECK(totp_code(key, totp_step(time), 8) == code);
        CHECK(totp_code(key, totp_step(time)) == std::string(code).substr(2));
    }
}

TEST_CASE("a TOTP code matches its own step and the neighbouring ones only", "[console]") {
    const std::string key = "12345678901234567890";
    const auto step = totp_step(1111111111);
    const auto code = totp_code(key, step);
    CHECK(totp_match(key, code, step) == step);
    CHECK(totp_match(key, code, step + 1) == step);
    CHECK(totp_match(key, code, step - 1) == step);
    CHECK_FALSE(totp_match(key, code, step + 2));
    CHECK_FALSE(totp_match(key, "12345", step));
    CHECK_FALSE(totp_match(key, "1234567", step));
}

TEST_CASE("base32 secrets round-trip and the provisioning URI names the account", "[console]") {
    CHECK(base32_encode("12345678901234567890") == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    CHECK(base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == "12345678901234567890");
    CHECK_FALSE(base32_decode("gezd"));
    const auto secret = new_totp_secret();
    CHECK(secret.size() == 32);
    CHECK(base32_decode(secret)->size() == 20);
    CHECK(provisioning_uri("Keukentafel", "anna de boer", secret) ==
          "otpauth://totp/Keukentafel:anna%20de%20boer?secret=" + secret +
              "&issuer=Keukentafel&algorithm=SHA1&digits=6&period=30");
}

TEST_CASE("weak passwords score below 3, long passphrases 3 or more", "[console]") {
    CHECK(password_score("welcome01", {}) < kMinPasswordScore);
    CHECK(password_score("qwertyuiop", {}) < kMinPasswordScore);
    CHECK(password_score("password123", {}) < kMinPasswordScore);
    CHECK(password_score("annadeboer", {"annadeboer"}) < kMinPasswordScore);
    CHECK(password_score("keukentafel", {"keukentafel"}) < kMinPasswordScore);
    CHECK(password_score("paars-fietsrek-onder-de-brug-42", {}) >= kMinPasswordScore);
}

TEST_CASE("passwords verify against their Argon2id hash only", "[console]") {
    const auto hash = hash_password("paars-fietsrek-onder-de-brug-42");
    REQUIRE(hash);
    CHECK(hash->rfind("$argon2id$", 0) == 0);
    CHECK(verify_password(*hash, "paars-fietsrek-onder-de-brug-42"));
    CHECK_FALSE(verify_password(*hash, "paars-fietsrek-onder-de-brug-43"));
    CHECK_FALSE(verify_password("", "anything"));  // unknown account: same work, false
}

TEST_CASE("recovery codes are distinct and match however they are typed", "[console]") {
    const auto codes = new_recovery_codes();
    REQUIRE(codes.size() == 10);
    for (const auto& c : codes)
        CHECK(c.size() == 14);
    CHECK(codes[0] != codes[1]);
    std::string typed = codes[0];
    std::erase(typed, '-');
    for (auto& ch : typed)
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(recovery_hash(typed) == recovery_hash(codes[0]));
    CHECK(recovery_hash(codes[1]) != recovery_hash(codes[0]));
}

TEST_CASE("tokens are 256 bits of hex and hashed per purpose", "[console]") {
    const auto t = new_token();
    CHECK(well_formed_token(t));
    CHECK_FALSE(well_formed_token(t.substr(1)));
    CHECK_FALSE(well_formed_token(std::string(64, 'g')));
    CHECK(token_hash("session", t) != token_hash("csrf", t));
    CHECK(token_hash("session", t).size() == 64);
}

TEST_CASE("forms and cookies are parsed as browsers send them", "[console]") {
    auto form = parse_form("naam=anna+de+boer&code=12%2034&leeg=&naam=tweede&kapot=%zz");
    CHECK(form["naam"] == "anna de boer");
    CHECK(form["code"] == "12 34");
    CHECK(form["leeg"].empty());
    CHECK(form["kapot"] == "%zz");
    Request req;
    req.headers = {{"Cookie", "a=1; __Host-kt-console=abc ; b=2"}};
    CHECK(cookie(req, "__Host-kt-console") == "abc");
    CHECK_FALSE(cookie(req, "c"));
    req.headers.emplace_back("cookie", "__Host-kt-console=def");
    CHECK_FALSE(cookie(req, "__Host-kt-console"));  // twice: refused
}

}  // namespace
}  // namespace kt::receiver::console
