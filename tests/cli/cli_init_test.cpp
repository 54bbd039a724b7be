// keukentafel-cli init: an empty vault for scripted roll-outs, with the first run's rules;
// killed at every step of the create it leaves nothing or the complete vault.
#include <catch2/catch.hpp>

#include "cli_fixture.hpp"
#include "crypto/key_file.hpp"
#include "store/vault.hpp"
#include "store/vault_create.hpp"
#include "store/worker.hpp"

namespace kt::test {

namespace {

struct InitVault : CliVault {
    ProcessResult init(const std::map<std::string, std::string>& env = {}) const {
        return run_program(
            {"keukentafel-cli", "init", "--vault", vault.string(), "--passphrase-file",
             pass_file.string(), "--worker-name", "Tjitske Hoekstra", "--team", "Wijkteam Oost"},
            env);
    }
};

}  // namespace

TEST_CASE("init makes an empty vault with the worker's name and team") {
    InitVault v;
    const auto r = v.init();
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == cli_text("nl", "cli.init_done"));
    auto vault = store::Vault::open(v.vault, kCliPass);
    REQUIRE(vault.ok());
    const auto w = store::load_worker(vault->db());
    CHECK(w->name == "Tjitske Hoekstra");
    CHECK(w->team == "Wijkteam Oost");
    CHECK(vault->check()->clients == 0);
}

TEST_CASE("init refuses a weak passphrase in Dutch and makes nothing") {
    InitVault v;
    write_bytes(v.pass_file, "wachtwoord123\n");
    const auto r = v.init();
    CHECK(r.exit_code == 1);
    CHECK(r.err == cli_text("nl", "passphrase.rule.common", {{"min", std::int64_t(12)}}));
    CHECK(v.dir.entries() == std::set<std::string>{"wachtwoord.txt"});
}

TEST_CASE("demo, passwd and init share the kiosk's passphrase rule and its Dutch reasons") {
    const auto too_short = cli_text("nl", "passphrase.rule.too_short", {{"min", std::int64_t(12)}});
    CliVault weak;
    write_bytes(weak.pass_file, "Z\n");
    const auto demo = CliVault::cli(
        {"demo", "--vault", weak.vault.string(), "--passphrase-file", weak.pass_file.string()});
    CHECK(demo.exit_code == 1);
    CHECK(demo.err == too_short);
    CHECK(weak.dir.entries() == std::set<std::string>{"wachtwoord.txt"});

    CliVault v;
    v.make_demo();
    const std::string before = file_sha256(crypto::key_file_path(v.vault));
    for (const char* bad : {"Z", "aaaaaaaaaaaaaaaa", "wachtwoord123"}) {
        CAPTURE(bad);
        write_bytes(v.dir / "nieuw.txt", std::string(bad) + "\n");
        const auto r = CliVault::cli({"passwd", "--vault", v.vault.string(), "--passphrase-file",
                                      v.pass_file.string(), "--new-passphrase-file",
                                      (v.dir / "nieuw.txt").string()});
        CHECK(r.exit_code == 1);
        CHECK_FALSE(r.err.empty());
        CHECK(r.err.find("passphrase.rule") == std::string::npos);  // a message, not a key
        CHECK(file_sha256(crypto::key_file_path(v.vault)) == before);
    }
    CHECK(store::Vault::open(v.vault, kCliPass).ok());
}

TEST_CASE("init never replaces a vault or a lone key file") {
    InitVault v;
    REQUIRE(v.init().exit_code == 0);
    const std::string before = file_sha256(v.vault);
    const auto again = v.init();
    CHECK(again.exit_code == 2);
    CHECK(again.err == cli_text("nl", "error.vault.already_exists"));
    CHECK(file_sha256(v.vault) == before);

    InitVault lone;
    write_bytes(crypto::key_file_path(lone.vault), "van iemand");
    CHECK(lone.init().exit_code == 2);
    CHECK(read_bytes(crypto::key_file_path(lone.vault)) == "van iemand");
    CHECK_FALSE(fs::exists(lone.vault));
}

TEST_CASE("init killed at every step leaves nothing or the complete vault, and can be retried") {
    struct Point {
        const char* name;
        bool complete;  // the vault exists after this point
    };
    for (const Point p :
         {Point{"vault_create:filled", false}, Point{"vault_create:vault_written", false},
          Point{"file:temp_written", false}, Point{"file:renamed", false},
          Point{"vault_create:key_written", false}, Point{"vault_create:key_linked", false},
          Point{"vault_create:vault_linked", true}, Point{"vault_create:done", true}}) {
        CAPTURE(p.name);
        InitVault v;
        const auto killed = v.init({{"KT_CRASH_AT", p.name}});
        REQUIRE(killed.exit_code == 128 + 9);  // SIGKILL: the crash point is in this build
        // The next start (kiosk or CLI) undoes what was left half-way.
        REQUIRE(store::recover_interrupted_create(v.vault).ok());
        if (p.complete) {
            CHECK(v.dir.entries() ==
                  std::set<std::string>{"kluis.ktv", "kluis.ktv.key", "wachtwoord.txt"});
            auto vault = store::Vault::open(v.vault, kCliPass);
            REQUIRE(vault.ok());
            CHECK(store::load_worker(vault->db())->name == "Tjitske Hoekstra");
            CHECK(v.init().exit_code == 2);
        } else {
            CHECK(v.dir.entries() == std::set<std::string>{"wachtwoord.txt"});
            const auto retry = v.init();
            INFO(retry.err);
            CHECK(retry.exit_code == 0);
            CHECK(store::Vault::open(v.vault, kCliPass).ok());
        }
    }
}

}  // namespace kt::test
