// Passphrase change: re-wraps the data key only, and a kill at any moment leaves exactly one
// of the two passphrases working (T-14).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "store/clients.hpp"
#include "store/vault_admin.hpp"
#include "support/child_process.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::crypto::KdfParams;
using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;
namespace store = kt::store;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

TEST_CASE("a passphrase change re-wraps the key: the vault file is untouched, the old one fails",
          "[security]") {
    TempDir dir;
    const fs::path path = dir / "v.ktv";
    std::string id;
    {
        auto v = kt::test::create_test_vault(path, kPass);
        kt::model::Client c;
        c.given_name = "Blijft";
        c.family_name = "Bewaard";
        auto added = store::add_client(v.db(), c, 1);
        REQUIRE(added.ok());
        id = added.value();
        REQUIRE(v.checkpoint().ok());
    }
    auto before = Vault::unlock_data_key(path, kPass);
    REQUIRE(before.ok());
    const auto key_before = kt::test::read_bytes(path.string() + ".key");
    REQUIRE(
        store::change_passphrase(path, kPass, "Nieuw wachtwoord 2027", KdfParams::test_fast(), 10)
            .ok());
    CHECK(kt::test::read_bytes(path.string() + ".key") != key_before);
    CHECK(Vault::open(path, kPass).error().code == ErrorCode::wrong_passphrase);
    auto after = Vault::unlock_data_key(path, "Nieuw wachtwoord 2027");
    REQUIRE(after.ok());
    CHECK(kt::crypto::equal_constant_time(before->data(), after->data(), 32));  // same DEK
    auto v = Vault::open(path, "Nieuw wachtwoord 2027");
    REQUIRE(v.ok());
    CHECK(store::get_client(v->db(), id).ok());
    CHECK_FALSE(fs::exists(path.string() + ".key.tmp"));
}

TEST_CASE("a passphrase change with a wrong old or an empty new passphrase changes nothing",
          "[security]") {
    TempDir dir;
    const fs::path path = dir / "v.ktv";
    { kt::test::create_test_vault(path, kPass); }
    const auto key_sha = kt::test::file_sha256(path.string() + ".key");
    const auto entries = dir.entries();
    auto wrong = store::change_passphrase(path, "fout", "nieuw", KdfParams::test_fast(), 1);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::wrong_passphrase);
    auto empty = store::change_passphrase(path, kPass, "", KdfParams::test_fast(), 1);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().code == ErrorCode::usage);
    CHECK(kt::test::file_sha256(path.string() + ".key") == key_sha);
    CHECK(dir.entries() == entries);
    CHECK(Vault::open(path, kPass).ok());
}

TEST_CASE("T-14 a passphrase change killed at random points leaves exactly one passphrase",
          "[security]") {
    TempDir dir;
    const fs::path path = dir / "v.ktv";
    { kt::test::create_test_vault(path, kPass); }
    // How long one change takes here, so the kills spread over all of it (fast test KDF).
    std::string current = kPass;
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(store::change_passphrase(path, current, "opwarmen", KdfParams::test_fast(), 1).ok());
    const double one_change = seconds_since(t0);
    current = "opwarmen";
    const unsigned seed = std::random_device{}();
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> delay_us(0, static_cast<int>(one_change * 1.3e6) + 200);
    int kept_old = 0, took_new = 0, both = 0, neither = 0, finished_before_kill = 0;
    for (int i = 0; i < 100; ++i) {
        const std::string next = "wachtwoord-" + std::to_string(i);
        kt::test::ChildProcess child([&] {
            auto s = store::change_passphrase(path, current, next, KdfParams::test_fast(), 100 + i);
            ::_exit(s.ok() ? 0 : 1);
        });
        ::usleep(static_cast<useconds_t>(delay_us(rng)));
        const int status = child.kill_and_wait();
        if (WIFEXITED(status)) {
            CHECK(WEXITSTATUS(status) == 0);
            ++finished_before_kill;
        }
        const bool old_ok = Vault::unlock_data_key(path, current).ok();
        const bool new_ok = Vault::unlock_data_key(path, next).ok();
        both += old_ok && new_ok;
        neither += !old_ok && !new_ok;
        CAPTURE(i, old_ok, new_ok);
        REQUIRE(old_ok != new_ok);
        if (new_ok) {
            ++took_new;
            current = next;
        } else {
            ++kept_old;
        }
        auto v = Vault::open(path, current);  // the one that unwraps really opens the vault
        REQUIRE(v.ok());
    }
    std::printf(
        "T-14: 100 kills during a passphrase change (one change takes %.1f ms): %d kept the old "
        "passphrase, %d took the new (%d had finished), %d both, %d bricked\n",
        one_change * 1e3, kept_old, took_new, finished_before_kill, both, neither);
    CHECK(kept_old > 0);  // the kills really landed before the switch and after it
    CHECK(took_new > 0);
}
