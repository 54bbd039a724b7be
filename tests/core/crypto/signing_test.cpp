// Hashing and signatures on their own (crypto/signing.cpp): SHA-256 and Ed25519 against the
// published test vectors (FIPS 180-2, RFC 8032 section 7.1), a stored key read back to the
// same key, and a signature that no longer verifies after any change to message, signature
// or key.
#include "crypto/signing.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace kt::crypto;

namespace {

// RFC 8032, 7.1, TEST 2: secret key (seed), public key, the one-byte message 0x72, signature.
constexpr const char* kSeed = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
constexpr const char* kPublic = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
constexpr const char* kSignature =
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
    "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

}  // namespace

TEST_CASE("SHA-256 matches the published vectors in lower-case hex", "[crypto]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("hex is lower case both ways and malformed hex is refused", "[crypto]") {
    const std::uint8_t bytes[] = {0x00, 0x7f, 0xAB, 0xff};
    CHECK(to_hex(bytes, sizeof bytes) == "007fabff");
    std::string out;
    REQUIRE(from_hex("007fabff", out));
    CHECK(out == std::string("\x00\x7f\xab\xff", 4));
    for (const char* bad : {"007FABFF", "abc", "zz", "00 7f"}) {
        CAPTURE(bad);
        CHECK_FALSE(from_hex(bad, out));
    }
}

TEST_CASE("an Ed25519 key from RFC 8032 signs exactly the RFC's signature", "[crypto]") {
    auto key = signing_key_from_hex(std::string(kSeed) + kPublic);
    REQUIRE(key.ok());
    CHECK(key->public_hex == kPublic);
    CHECK(sign_hex(key.value(), "\x72") == kSignature);
    CHECK(verify_hex(kPublic, "\x72", kSignature));
}

TEST_CASE("a signature fails after any change to message, signature or key", "[crypto]") {
    const auto key = new_signing_key();
    const auto other = new_signing_key();
    const std::string message = "record sha256 of a sealed assessment";
    const std::string sig = sign_hex(key, message);
    REQUIRE(verify_hex(key.public_hex, message, sig));
    CHECK_FALSE(verify_hex(key.public_hex, message + " ", sig));
    std::string flipped = sig;
    flipped[10] = flipped[10] == '0' ? '1' : '0';
    CHECK_FALSE(verify_hex(key.public_hex, message, flipped));
    CHECK_FALSE(verify_hex(other.public_hex, message, sig));
    CHECK_FALSE(verify_hex(key.public_hex, message, sig.substr(2)));
    CHECK_FALSE(verify_hex("not hex", message, sig));
}

TEST_CASE("a stored secret key reads back as the same key, and a damaged one is refused",
          "[crypto]") {
    const auto key = new_signing_key();
    const auto stored = secret_hex(key);
    CHECK(stored.text().size() == 128);
    auto back = signing_key_from_hex(stored.text());
    REQUIRE(back.ok());
    CHECK(back->public_hex == key.public_hex);
    CHECK(verify_hex(key.public_hex, "m", sign_hex(back.value(), "m")));
    for (const std::string& bad :
         {std::string(), std::string(stored.text()).substr(2), std::string(126, 'a') + "zz"}) {
        auto r = signing_key_from_hex(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == kt::ErrorCode::damaged_vault);
    }
}
