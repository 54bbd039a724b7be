// keukentafel-cli as a user runs it: exit codes, messages in the right language, no names in
// the output, and every file byte-identical after a refused command (T-10, T-19).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "cli_fixture.hpp"
#include "i18n/catalog.hpp"
#include "store/clients.hpp"
#include "store/vault.hpp"
#include "support/test_support.hpp"

using kt::test::ProcessResult;
using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = kt::test::kCliPass;

struct Fixture : kt::test::CliVault {
    fs::path wrong_file = dir / "fout.txt";

    Fixture() { kt::test::write_bytes(wrong_file, "koffie met koek 2026\n"); }
    ProcessResult demo() {
        return cli({"demo", "--vault", vault.string(), "--passphrase-file", pass_file.string()});
    }
    ProcessResult check(const fs::path& v, const fs::path& pw, const char* lang = nullptr) {
        std::vector<std::string> args = {"check", "--vault", v.string(), "--passphrase-file",
                                         pw.string()};
        if (lang) args.insert(args.end(), {"--lang", lang});
        return cli(args);
    }
};

std::string message(const char* locale, const char* key) {
    return kt::test::cli_text(locale, key);
}

}  // namespace

TEST_CASE_METHOD(Fixture, "demo creates a vault and its key file readable by the owner only",
                 "[security]") {
    const auto r = demo();
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind("Demokluis gemaakt met ", 0) == 0);
    CHECK(dir.entries() ==
          std::set<std::string>{"fout.txt", "kluis.ktv", "kluis.ktv.key", "wachtwoord.txt"});
    for (const fs::path& f : {vault, fs::path(vault.string() + ".key")}) {
        struct stat st {};
        REQUIRE(::stat(f.c_str(), &st) == 0);
        CAPTURE(f.filename().string());
        CHECK((st.st_mode & 0777) == 0600);
    }
    auto v = kt::store::Vault::open(vault, kPass);
    REQUIRE(v.ok());
    auto clients = kt::store::list_clients(v->db());
    REQUIRE(clients.ok());
    CHECK(r.out.find(" " + std::to_string(clients->size()) + " ") != std::string::npos);
}

TEST_CASE_METHOD(Fixture, "demo refuses to overwrite an existing vault and changes nothing",
                 "[security]") {
    make_demo();
    const auto vault_sha = kt::test::file_sha256(vault);
    const auto key_sha = kt::test::file_sha256(vault.string() + ".key");
    const auto r = demo();
    CHECK(r.exit_code == 2);
    CHECK(r.err == message("nl", "error.vault.already_exists"));
    CHECK(r.out.empty());
    CHECK(kt::test::file_sha256(vault) == vault_sha);
    CHECK(kt::test::file_sha256(vault.string() + ".key") == key_sha);
}

TEST_CASE_METHOD(Fixture, "check prints only counts and never a name from the vault",
                 "[security]") {
    make_demo();
    const auto r = check(vault, pass_file);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    auto v = kt::store::Vault::open(vault, kPass);
    REQUIRE(v.ok());
    auto counts = v->check();
    REQUIRE(counts.ok());
    CHECK(counts->clients > 0);
    CHECK(counts->scores > 0);
    const std::string expected = "Kluis in orde: " + std::to_string(counts->clients) +
                                 " cliënten, " + std::to_string(counts->assessments) +
                                 " metingen, " + std::to_string(counts->scores) + " scores.\n";
    CHECK(r.out == expected);
    auto clients = kt::store::list_clients(v->db());
    REQUIRE(clients.ok());
    for (const auto& c : clients.value()) {
        for (const auto& field : {c.given_name, c.family_name, c.wijk, c.birth_date}) {
            CAPTURE(field);
            CHECK(kt::test::count_in_bytes(r.out + r.err, field) == 0);
        }
    }
    for (const auto& m : kt::test::demo_markers())
        CHECK(kt::test::count_in_bytes(r.out + r.err, m) == 0);
}

TEST_CASE_METHOD(Fixture, "check speaks English when asked") {
    make_demo();
    const auto r = check(vault, pass_file, "en");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.rfind("Vault OK: ", 0) == 0);
}

TEST_CASE_METHOD(Fixture, "a usage mistake exits with 1 and creates nothing") {
    const std::string v = vault.string(), pw = pass_file.string();
    const std::vector<std::vector<std::string>> mistakes = {
        {},
        {"export", "--vault", v, "--passphrase-file", pw},
        {"demo"},
        {"demo", "--vault", v},
        {"demo", "--passphrase-file", pw},
        {"check", "--vault", v, "--passphrase-file"},
        {"check", "--vault", v, "--lang", "de", "--passphrase-file", pw},
        {"demo", "--vault", v, "--passphrase-file", (dir / "missing.txt").string()},
        // There is no flag for a passphrase on the command line: it would be in ps and history.
        {"demo", "--vault", v, "--passphrase", kPass},
        {"check", "--vault", v, "--passphrase", kPass},
        // ...not even beside a passphrase file.
        {"demo", "--vault", v, "--passphrase-file", pw, "--passphrase", kPass},
        {"demo", "--vault", v, "-p", kPass},
    };
    const auto before = dir.entries();
    for (const auto& args : mistakes) {
        CAPTURE(args);
        const auto r = cli(args);
        CHECK(r.exit_code == 1);
        CHECK(r.out.empty());
        CHECK_FALSE(r.err.empty());
        CHECK(kt::test::count_in_bytes(r.out + r.err, kPass) == 0);
    }
    CHECK(dir.entries() == before);
}

TEST_CASE_METHOD(Fixture, "the usage message is Dutch by default and English with lang en") {
    CHECK(cli({"help"}).err == message("nl", "cli.usage"));
    CHECK(cli({"help", "--lang", "en"}).err == message("en", "cli.usage"));
}

TEST_CASE_METHOD(Fixture, "an empty passphrase file is a usage mistake") {
    kt::test::write_bytes(dir / "leeg.txt", "\n");
    const auto r =
        cli({"demo", "--vault", vault.string(), "--passphrase-file", (dir / "leeg.txt").string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err == message("nl", "passphrase_file.empty"));
    CHECK_FALSE(fs::exists(vault));
}

TEST_CASE_METHOD(Fixture, "a passphrase file with a NUL byte is refused with its own message") {
    kt::test::write_bytes(dir / "nul.txt", std::string("Z\0", 2) + std::string(30, 'q'));
    const auto r =
        cli({"demo", "--vault", vault.string(), "--passphrase-file", (dir / "nul.txt").string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err == message("nl", "passphrase_file.nul"));
    CHECK_FALSE(fs::exists(vault));
}

TEST_CASE_METHOD(Fixture, "a FIFO without a writer as passphrase file ends with a message") {
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
    const auto r =
        cli({"demo", "--vault", vault.string(), "--passphrase-file", (dir / "fifo").string()});
    CHECK(r.exit_code == 1);  // it returned (a hang would time out the test)
    CHECK(r.err == message("nl", "passphrase_file.empty"));
    CHECK_FALSE(fs::exists(vault));
}

TEST_CASE_METHOD(Fixture,
                 "a wrong passphrase exits with 3 in the user's language and changes nothing",
                 "[security]") {
    make_demo();
    const auto vault_sha = kt::test::file_sha256(vault);
    const auto key_sha = kt::test::file_sha256(vault.string() + ".key");
    const auto entries = dir.entries();
    const auto nl = check(vault, wrong_file);
    CHECK(nl.exit_code == 3);
    CHECK(nl.err.rfind("Wachtwoord klopt niet", 0) == 0);
    CHECK(nl.out.empty());
    const auto en = check(vault, wrong_file, "en");
    CHECK(en.exit_code == 3);
    CHECK(en.err.rfind("Wrong passphrase", 0) == 0);
    CHECK(kt::test::count_in_bytes(nl.err + en.err, "koffie met koek") == 0);
    CHECK(kt::test::file_sha256(vault) == vault_sha);
    CHECK(kt::test::file_sha256(vault.string() + ".key") == key_sha);
    CHECK(dir.entries() == entries);
}

TEST_CASE_METHOD(Fixture,
                 "a file that is no vault or a damaged vault exits with 4 and stays unchanged",
                 "[security]") {
    make_demo();
    const std::string demo_bytes = kt::test::read_bytes(vault);
    const std::string key_text = kt::test::read_bytes(vault.string() + ".key");
    kt::test::create_plain_sqlite(dir / "plain.db", kt::test::demo_markers());
    const std::vector<std::pair<const char*, std::string>> files = {
        {"an empty file", ""},
        {"random bytes", kt::test::random_bytes(3 * 4096)},
        {"a plain SQLite database", kt::test::read_bytes(dir / "plain.db")},
        {"a vault truncated to half a page", demo_bytes.substr(0, 2048)},
        {"a vault truncated by one page", demo_bytes.substr(0, demo_bytes.size() - 4096)},
    };
    const std::string not_a_vault = message("nl", "error.vault.not_a_vault");
    const std::string damaged = message("nl", "error.vault.damaged");
    for (const auto& [what, bytes] : files) {
        for (const bool with_key : {false, true}) {
            CAPTURE(what, with_key);
            TempDir here;
            kt::test::write_bytes(here / "x.ktv", bytes);
            if (with_key) kt::test::write_bytes(here / "x.ktv.key", key_text);
            const auto sha = kt::test::file_sha256(here / "x.ktv");
            const auto entries = here.entries();
            const auto r = check(here / "x.ktv", pass_file);
            CHECK(r.exit_code == 4);
            CHECK((r.err == not_a_vault || r.err == damaged));
            CHECK(r.out.empty());
            CHECK(kt::test::file_sha256(here / "x.ktv") == sha);
            CHECK(here.entries() == entries);
            if (with_key) CHECK(kt::test::read_bytes(here / "x.ktv.key") == key_text);
        }
    }
}

TEST_CASE_METHOD(Fixture, "a missing vault exits with 2 and creates nothing") {
    const auto r = check(vault, pass_file);
    CHECK(r.exit_code == 2);
    CHECK(r.err == message("nl", "error.not_found"));
    CHECK_FALSE(fs::exists(vault));
}

TEST_CASE_METHOD(Fixture, "T-40 damaged language files give a message and exit 2, no crash",
                 "[security]") {
    const fs::path share = dir / "share";
    fs::create_directories(share);
    fs::copy(kt::test::i18n_dir(), share / "i18n", fs::copy_options::recursive);
    std::string nl = kt::test::read_bytes(share / "i18n" / "nl.res");
    kt::test::write_bytes(share / "i18n" / "nl.res", nl.substr(0, nl.size() / 2));
    const auto r = kt::test::run_program({"keukentafel-cli", "check", "--vault", vault.string(),
                                          "--passphrase-file", pass_file.string()},
                                         {{"KEUKENTAFEL_DATA_DIR", share.string()}});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("taalbestanden ontbreken of zijn beschadigd") != std::string::npos);
    CHECK(r.out.empty());
}
