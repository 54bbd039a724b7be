// Page tampering: 100 copies of a vault with one random byte flipped, a zeroed page and cut-off
// files are all detected by open + full check, in a child process so a crash would count,
// and the original is never touched (T-07).
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <random>
#include <string>

#include "store/clients.hpp"
#include "store/demo_data.hpp"
#include "store/vault.hpp"
#include "support/child_process.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;
constexpr std::size_t kPage = 4096;
// SQLCipher 3.4.1 reserves 48 bytes per page: IV (16), HMAC-SHA1 (20) and 12 bytes of random
// padding. The HMAC covers the ciphertext and the IV, not the padding, which holds no data.
constexpr std::size_t kUnauthenticatedTail = 12;

enum Outcome { detected = 0, undetected = 1, wrong_code = 2 };

// Opens the copy and scans it fully in a child: its exit code says what happened, a signal
// means a crash.
int probe(const fs::path& copy, const kt::crypto::SecretBytes& dek) {
    kt::test::ChildProcess child([&] {
        ErrorCode code = ErrorCode::internal;
        bool opened_clean = false;
        {
            auto v = Vault::open_with_data_key(copy, dek);
            if (!v.ok()) {
                code = v.error().code;
            } else if (auto counts = v->check(); !counts.ok()) {
                code = counts.error().code;
            } else {
                opened_clean = true;
            }
        }
        if (opened_clean) ::_exit(undetected);
        ::_exit(code == ErrorCode::damaged_vault || code == ErrorCode::not_a_vault ? detected
                                                                                   : wrong_code);
    });
    return child.wait();
}

struct Tally {
    int tried = 0, found = 0, crashes = 0, wrong = 0;
    void add(int status) {
        ++tried;
        if (WIFSIGNALED(status)) {
            ++crashes;
            return;
        }
        found += WEXITSTATUS(status) == detected;
        wrong += WEXITSTATUS(status) == wrong_code;
    }
};

}  // namespace

TEST_CASE("T-07 100 random flipped bytes, a zeroed page and cut-off copies are all detected",
          "[security]") {
    TempDir dir;
    const fs::path original = dir / "v.ktv";
    {
        auto v = kt::test::create_test_vault(original, kPass);
        REQUIRE(kt::store::fill_demo(v, 1'790'000'000).ok());
        REQUIRE(v.checkpoint().ok());
    }
    auto dek = Vault::unlock_data_key(original, kPass);
    REQUIRE(dek.ok());
    const std::string good = kt::test::read_bytes(original);
    const auto sha = kt::test::file_sha256(original);
    const std::size_t pages = good.size() / kPage;
    REQUIRE(pages >= 8);
    fs::copy_file(original.string() + ".key", dir / "c.ktv.key");
    const fs::path copy = dir / "c.ktv";
    auto probe_bytes = [&](const std::string& bytes) {
        std::error_code ec;
        for (const char* suffix : {"-wal", "-shm"})
            fs::remove(copy.string() + suffix, ec);
        kt::test::write_bytes(copy, bytes);
        return probe(copy, dek.value());
    };
    const unsigned seed = std::random_device{}();
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> page_of(0, pages - 1);
    std::uniform_int_distribution<std::size_t> offset_of(0, kPage - kUnauthenticatedTail - 1);
    std::uniform_int_distribution<int> bits(1, 255);
    Tally flips, other;
    for (int i = 0; i < 100; ++i) {
        std::string t = good;
        const std::size_t at = page_of(rng) * kPage + offset_of(rng);
        t[at] = static_cast<char>(t[at] ^ bits(rng));
        CAPTURE(i, at);
        const int status = probe_bytes(t);
        flips.add(status);
        CHECK((WIFEXITED(status) && WEXITSTATUS(status) == detected));
    }
    const std::size_t zeroed = 1 + page_of(rng) % (pages - 1);
    std::string z = good;
    z.replace(zeroed * kPage, kPage, kPage, '\0');
    const std::vector<std::pair<std::string, std::string>> damaged = {
        {"page " + std::to_string(zeroed) + " zeroed", z},
        {"page 0 zeroed", std::string(kPage, '\0') + good.substr(kPage)},
        {"last page cut off", good.substr(0, good.size() - kPage)},
        {"cut in the middle of a page", good.substr(0, good.size() - kPage / 2)},
        {"only the first page", good.substr(0, kPage)},
    };
    for (const auto& [what, bytes] : damaged) {
        CAPTURE(what);
        const int status = probe_bytes(bytes);
        other.add(status);
        CHECK((WIFEXITED(status) && WEXITSTATUS(status) == detected));
    }
    // The padding bytes are outside the HMAC by SQLCipher's design: flipping them changes
    // nothing that is read, so the vault opens clean with identical content.
    int padding_clean = 0;
    for (std::size_t page : {std::size_t(0), pages / 2, pages - 1}) {
        std::string t = good;
        const std::size_t at = page * kPage + kPage - 1;
        t[at] = static_cast<char>(t[at] ^ 0xFF);
        const int status = probe_bytes(t);
        padding_clean += WIFEXITED(status) && WEXITSTATUS(status) == undetected;
    }
    CHECK(kt::test::file_sha256(original) == sha);
    std::printf(
        "T-07: %d/%d random flipped bytes detected, %d/%d zeroed or cut-off copies detected, "
        "%d crashes, %d wrong codes, original untouched (%d/3 flips in the 12 unauthenticated "
        "padding bytes of a page changed no data)\n",
        flips.found, flips.tried, other.found, other.tried, flips.crashes + other.crashes,
        flips.wrong + other.wrong, padding_clean);
    CHECK(flips.crashes + other.crashes == 0);
}
