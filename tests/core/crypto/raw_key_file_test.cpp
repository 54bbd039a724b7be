// Raw 32-byte key files (the receiver's store key, the console's TOTP key): made once, 0600,
// never over an existing file or through a symbolic link; read only when they are exactly that.
#include "crypto/raw_key_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::test::TempDir;
namespace crypto = kt::crypto;

TEST_CASE("a raw key file is 32 random bytes for its owner only and reads back the same",
          "[security]") {
    TempDir dir;
    const auto path = dir / "totp.key";
    auto made = crypto::create_raw_key_file(path);
    REQUIRE(made.ok());
    struct stat st {};
    REQUIRE(::lstat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(st.st_size == 32);
    auto read = crypto::read_raw_key_file(path);
    REQUIRE(read.ok());
    CHECK(crypto::equal_constant_time(read->data(), made->data(), crypto::kRawKeySize));
    CHECK(crypto::create_raw_key_file(path).error().code == ErrorCode::already_exists);
}

TEST_CASE("a raw key file is never made or read through a symbolic link", "[security]") {
    TempDir dir;
    const auto target = dir / "elsewhere.key", link = dir / "totp.key";
    REQUIRE(::symlink(target.c_str(), link.c_str()) == 0);
    CHECK(crypto::create_raw_key_file(link).error().code == ErrorCode::already_exists);
    CHECK_FALSE(std::filesystem::exists(target));
    REQUIRE(crypto::create_raw_key_file(target).ok());
    CHECK(crypto::read_raw_key_file(link).error().code == ErrorCode::usage);
}

TEST_CASE("a raw key file of another size or readable by others is refused", "[security]") {
    TempDir dir;
    const auto path = dir / "totp.key";
    CHECK(crypto::read_raw_key_file(path).error().code == ErrorCode::not_found);
    kt::test::write_bytes(path, kt::test::random_bytes(31));
    ::chmod(path.c_str(), 0600);
    CHECK(crypto::read_raw_key_file(path).error().code == ErrorCode::usage);
    kt::test::write_bytes(path, kt::test::random_bytes(32));
    ::chmod(path.c_str(), 0640);
    CHECK(crypto::read_raw_key_file(path).error().code == ErrorCode::usage);
}
