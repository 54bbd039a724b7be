// Secret buffers on their own (crypto/secret.cpp): zeroed when made, text up to the first NUL,
// wiped on request without losing their size, handed over by move so exactly one owner holds
// the bytes, and compared in constant time.
#include "crypto/secret.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <utility>

using kt::crypto::SecretBytes;

namespace {

bool all_zero(const SecretBytes& s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s.data()[i] != 0) return false;
    return true;
}

}  // namespace

TEST_CASE("a new secret buffer is zeroed and a default one is empty", "[crypto]") {
    REQUIRE(kt::crypto::init());  // safe to call again
    SecretBytes s(64);
    CHECK(s.size() == 64);
    CHECK_FALSE(s.empty());
    CHECK(all_zero(s));
    CHECK(s.text().empty());
    SecretBytes none;
    CHECK(none.empty());
    CHECK(none.data() == nullptr);
    CHECK(none.text().empty());
}

TEST_CASE("a secret made from text gives the text back up to the first NUL", "[crypto]") {
    const auto pass = SecretBytes::from("koffie-aan-de-keukentafel");
    CHECK(pass.text() == "koffie-aan-de-keukentafel");
    CHECK(pass.size() == 25);
    // A fixed-size field: the passphrase, then NULs.
    SecretBytes field(32);
    std::memcpy(field.chars(), "geheim", 6);
    CHECK(field.text() == "geheim");
    CHECK(field.size() == 32);
    CHECK(SecretBytes::from("").empty());
}

TEST_CASE("wiping zeroes every byte and keeps the buffer", "[crypto]") {
    auto key = SecretBytes::from(std::string(32, '\x5a'));
    key.wipe();
    CHECK(key.size() == 32);
    CHECK(all_zero(key));
    CHECK(key.text().empty());
}

TEST_CASE("a moved secret has one owner: the source is left empty", "[crypto]") {
    auto a = SecretBytes::from("sleutel");
    const std::uint8_t* bytes = a.data();
    SecretBytes b(std::move(a));
    CHECK(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is the contract
    CHECK(a.data() == nullptr);
    CHECK(b.data() == bytes);
    CHECK(b.text() == "sleutel");
    SecretBytes c = SecretBytes::from("oud");
    c = std::move(b);
    CHECK(b.empty());  // NOLINT(bugprone-use-after-move)
    CHECK(c.text() == "sleutel");
    c = std::move(c);  // self-move keeps the bytes
    CHECK(c.text() == "sleutel");
}

TEST_CASE("constant-time comparison tells equal from different bytes", "[crypto]") {
    const auto a = SecretBytes::from("0123456789abcdef");
    const auto b = SecretBytes::from("0123456789abcdef");
    const auto c = SecretBytes::from("0123456789abcdeF");
    CHECK(kt::crypto::equal_constant_time(a.data(), b.data(), a.size()));
    CHECK_FALSE(kt::crypto::equal_constant_time(a.data(), c.data(), a.size()));
    CHECK(kt::crypto::equal_constant_time(a.data(), c.data(), a.size() - 1));
}
