// Reading a passphrase file: the whole file minus one line break, never cut short at a NUL,
// never blocking on a FIFO or a device.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "crypto/passphrase_file.hpp"
#include "support/test_support.hpp"

using kt::crypto::read_passphrase_file;
using kt::test::TempDir;

namespace {

std::string detail_of(const std::filesystem::path& p) {
    auto r = read_passphrase_file(p);
    REQUIRE_FALSE(r.ok());
    return r.error().detail;
}

std::string text_of(const std::filesystem::path& p) {
    auto r = read_passphrase_file(p);
    REQUIRE(r.ok());
    return std::string(reinterpret_cast<const char*>(r->data()), r->size());
}

}  // namespace

TEST_CASE("a passphrase file is read whole, minus one trailing line break", "[security]") {
    TempDir dir;
    kt::test::write_bytes(dir / "a", "thee met de buurvrouw\n");
    kt::test::write_bytes(dir / "b", "thee met de buurvrouw\r\n");
    kt::test::write_bytes(dir / "c", "  spaties tellen mee  ");
    CHECK(text_of(dir / "a") == "thee met de buurvrouw");
    CHECK(text_of(dir / "b") == "thee met de buurvrouw");
    CHECK(text_of(dir / "c") == "  spaties tellen mee  ");
}

TEST_CASE("a NUL byte in a passphrase file is refused, not cut short", "[security]") {
    TempDir dir;
    kt::test::write_bytes(dir / "nul", std::string("Z\0", 2) + std::string(30, 'q'));
    CHECK(detail_of(dir / "nul") == "passphrase_file.nul");
    CHECK(std::string(kt::crypto::passphrase_file_message_key(
              read_passphrase_file(dir / "nul").error())) == "passphrase_file.nul");
}

TEST_CASE("a passphrase file with several lines, too long, or empty is refused", "[security]") {
    TempDir dir;
    kt::test::write_bytes(dir / "lines", "eerste regel\ntweede regel\n");
    kt::test::write_bytes(dir / "long", std::string(kt::crypto::kMaxPassphraseFileBytes + 1, 'x'));
    kt::test::write_bytes(dir / "max", std::string(kt::crypto::kMaxPassphraseFileBytes, 'x'));
    kt::test::write_bytes(dir / "empty", "\n");
    CHECK(detail_of(dir / "lines") == "passphrase_file.lines");
    CHECK(detail_of(dir / "long") == "passphrase_file.too_long");
    CHECK(text_of(dir / "max").size() == kt::crypto::kMaxPassphraseFileBytes);
    CHECK(detail_of(dir / "empty") == "passphrase_file.empty");
    CHECK(detail_of(dir / "missing") == "passphrase_file.unreadable");
}

TEST_CASE("a FIFO without a writer, a device or a directory gives a message at once",
          "[security]") {
    TempDir dir;
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(detail_of(dir / "fifo") == "passphrase_file.empty");
    CHECK(detail_of("/dev/zero") == "passphrase_file.not_a_file");
    CHECK(detail_of(dir.path()) == "passphrase_file.not_a_file");
    // None of them waited for input (a hang would never reach this line).
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
}
