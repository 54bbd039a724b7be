// The TOTP secrets at rest (console/totp_box.hpp): the stored form does not show the secret,
// opens only with the key it was sealed with and only in its own account's row, and a code
// matches through it as through the plain secret.
#include <sodium.h>

#include <catch2/catch.hpp>

#include "console/totp.hpp"
#include "console/totp_box.hpp"

namespace kt::receiver::console {
namespace {

TotpBox new_box() {
    REQUIRE(sodium_init() >= 0);
    crypto::SecretBytes key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    randombytes_buf(key.data(), key.size());
    return TotpBox(std::move(key));
}

TEST_CASE("a sealed TOTP secret does not show the secret and opens with its key",
          "[console][security]") {
    const TotpBox box = new_box();
    const std::string secret = new_totp_secret();
    const auto sealed = box.seal("anna", secret);
    REQUIRE(sealed);
    CHECK(sealed->rfind("x1:", 0) == 0);
    CHECK(sealed->find(secret) == std::string::npos);
    CHECK(sealed->find(secret.substr(0, 8)) == std::string::npos);
    CHECK(sealed->find(*base32_decode(secret)) == std::string::npos);
    CHECK(box.seal("anna", secret) != sealed);  // a fresh nonce each time
    const auto opened = box.open("anna", *sealed);
    REQUIRE(opened);
    CHECK(opened->text() == secret);
}

TEST_CASE("a sealed TOTP secret opens for no other account, key or changed text",
          "[console][security]") {
    const TotpBox box = new_box();
    const std::string secret = new_totp_secret();
    const std::string sealed = box.seal("anna", secret).value();
    CHECK_FALSE(box.open("bo", sealed));
    CHECK_FALSE(box.open("anna ", sealed));
    CHECK_FALSE(new_box().open("anna", sealed));
    std::string flipped = sealed;
    flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
    CHECK_FALSE(box.open("anna", flipped));
    CHECK_FALSE(box.open("anna", sealed.substr(0, sealed.size() - 4)));
    CHECK_FALSE(box.open("anna", secret));  // a plaintext secret is not a sealed one
    CHECK_FALSE(box.open("anna", ""));
    const TotpBox keyless;
    CHECK_FALSE(keyless.open("anna", sealed));
    CHECK_FALSE(keyless.seal("anna", secret));
}

TEST_CASE("a TOTP code matches through the sealed secret in its own account only",
          "[console][security]") {
    const TotpBox box = new_box();
    const std::string secret = new_totp_secret();
    const std::string sealed = box.seal("anna", secret).value();
    const auto step = totp_step(1'790'000'000);
    const auto code = totp_code(*base32_decode(secret), step);
    CHECK(match_sealed_totp(box, "anna", sealed, code, step) == step);
    CHECK_FALSE(match_sealed_totp(box, "anna", sealed, code, step + 2));
    CHECK_FALSE(match_sealed_totp(box, "bo", sealed, code, step));
    CHECK_FALSE(match_sealed_totp(box, "anna", secret, code, step));
}

}  // namespace
}  // namespace kt::receiver::console
