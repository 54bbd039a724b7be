// Passphrase change: re-wraps the data key only, and a kill at any moment leaves exactly one
// of the two passphrases working (T-14).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <iterator>
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

TEST_CASE("T-14 a passphrase change killed at every step leaves exactly one passphrase",
          "[security]") {
    // Each named step of change_passphrase, in order, and which passphrase must work after a
    // kill there: the key file's rename is the one switch.
    struct Step {
        const char* name;
        bool switched;
    };
    const Step steps[] = {
        {"passphrase:key_checked", false}, {"passphrase:wrapped", false},
        {"file:temp_written", false},      {"file:renamed", true},
        {"passphrase:key_written", true},  {"passphrase:audited", true},
    };
    TempDir dir;
    const fs::path path = dir / "v.ktv";
    { kt::test::create_test_vault(path, kPass); }
    std::string current = kPass;
    int kept_old = 0, took_new = 0, both = 0, neither = 0, kills = 0;
    for (int round = 0; kills < 100; ++round) {
        for (const Step& step : steps) {
            const std::string next = "wachtwoord-" + std::to_string(kills);
            kt::test::ChildProcess child([&] {
                ::setenv("KT_CRASH_AT", step.name, 1);
                auto s = store::change_passphrase(path, current, next, KdfParams::test_fast(),
                                                  100 + kills);
                ::_exit(s.ok() ? 0 : 1);
            });
            const int status = child.wait();
            ++kills;
            CAPTURE(round, step.name);
            REQUIRE(WIFSIGNALED(status));  // the child really died at that step
            REQUIRE(WTERMSIG(status) == SIGKILL);
            const bool old_ok = Vault::unlock_data_key(path, current).ok();
            const bool new_ok = Vault::unlock_data_key(path, next).ok();
            both += old_ok && new_ok;
            neither += !old_ok && !new_ok;
            REQUIRE(old_ok != new_ok);
            CHECK(new_ok == step.switched);
            if (new_ok) {
                ++took_new;
                current = next;
            } else {
                ++kept_old;
            }
            auto v = Vault::open(path, current);  // the one that unwraps really opens the vault
            REQUIRE(v.ok());
        }
    }
    std::printf(
        "T-14: %d kills at the %zu steps of a passphrase change: %d kept the old passphrase, %d "
        "took the new, %d both, %d bricked\n",
        kills, std::size(steps), kept_old, took_new, both, neither);
}
