// keukentafel-cli passwd, backup and the audit verdict of check, run as a user runs them
// (T-14, T-35, T-39 from the command line).
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
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
constexpr const char* kNewPass = "Thee met de buren 2027";

struct Fixture : kt::test::CliVault {
    fs::path new_file = dir / "nieuw.txt";

    Fixture() : CliVault("oud.txt") {
        kt::test::write_bytes(new_file, std::string(kNewPass) + "\n");
        make_demo();
    }
    ProcessResult passwd() {
        return cli({"passwd", "--vault", vault.string(), "--passphrase-file", pass_file.string(),
                    "--new-passphrase-file", new_file.string()});
    }
    ProcessResult backup(const fs::path& out, const char* lang = "nl") {
        return cli({"backup", "--vault", vault.string(), "--passphrase-file", pass_file.string(),
                    "--out", out.string(), "--lang", lang});
    }
    ProcessResult check(const fs::path& v, const fs::path& pw, const char* lang = "nl") {
        return cli(
            {"check", "--vault", v.string(), "--passphrase-file", pw.string(), "--lang", lang});
    }
};

const kt::i18n::Catalog& catalog(const char* locale) {
    static auto nl = kt::i18n::Catalog::open(kt::test::i18n_dir(), "nl");
    static auto en = kt::i18n::Catalog::open(kt::test::i18n_dir(), "en");
    auto& c = std::string(locale) == "en" ? en : nl;
    REQUIRE(c.ok());
    return c.value();
}

std::string message(const char* locale, const char* key) {
    return kt::test::cli_text(locale, key);
}

}  // namespace

TEST_CASE_METHOD(Fixture, "T-14 passwd switches to the new passphrase and keeps every record",
                 "[security]") {
    std::size_t clients = 0;
    {
        auto v = kt::store::Vault::open(vault, kPass);
        REQUIRE(v.ok());
        clients = kt::store::list_clients(v->db())->size();
    }
    const auto r = passwd();
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == message("nl", "cli.passwd_ok"));
    CHECK(kt::test::count_in_bytes(r.out + r.err, kPass) == 0);
    CHECK(kt::test::count_in_bytes(r.out + r.err, kNewPass) == 0);
    CHECK(check(vault, pass_file).exit_code == 3);
    const auto ok = check(vault, new_file);
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
    auto v = kt::store::Vault::open(vault, kNewPass);
    REQUIRE(v.ok());
    CHECK(kt::store::list_clients(v->db())->size() == clients);
}

TEST_CASE_METHOD(Fixture, "T-14 passwd with a wrong old passphrase exits 3 and changes nothing",
                 "[security]") {
    const auto key_sha = kt::test::file_sha256(vault.string() + ".key");
    std::swap(pass_file, new_file);
    const auto r = passwd();
    CHECK(r.exit_code == 3);
    CHECK(r.err == message("nl", "error.vault.wrong_passphrase"));
    CHECK(kt::test::file_sha256(vault.string() + ".key") == key_sha);
}

TEST_CASE_METHOD(Fixture, "passwd and backup without their file option are usage mistakes") {
    const auto before = dir.entries();
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"passwd", "--vault", vault.string(), "--passphrase-file", pass_file.string()},
             {"backup", "--vault", vault.string(), "--passphrase-file", pass_file.string()},
             {"passwd", "--vault", vault.string(), "--passphrase-file", pass_file.string(),
              "--new-passphrase", kNewPass},
             {"backup", "--vault", vault.string(), "--passphrase-file", pass_file.string(),
              "--out"}}) {
        CAPTURE(args);
        const auto r = cli(args);
        CHECK(r.exit_code == 1);
        CHECK(r.err == message("nl", "cli.usage"));
    }
    CHECK(dir.entries() == before);
}

TEST_CASE_METHOD(Fixture, "T-39 backup writes an encrypted copy that opens with the passphrase",
                 "[security]") {
    const fs::path out = dir / "kopie.ktv";
    const auto r = backup(out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == message("nl", "cli.backup_ok"));
    for (const fs::path& f : {out, fs::path(out.string() + ".key")}) {
        struct stat st {};
        REQUIRE(::stat(f.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
    }
    for (const auto& m : kt::test::demo_markers())
        CHECK(kt::test::count_occurrences(out, m) == 0);
    const auto restored = check(out, pass_file);
    INFO(restored.err);
    CHECK(restored.exit_code == 0);
    CHECK(restored.out == check(vault, pass_file).out);  // the same counts
}

TEST_CASE_METHOD(Fixture, "T-39 backup never overwrites an existing file", "[security]") {
    kt::test::write_bytes(dir / "bezet.ktv", "boodschappen");
    const auto nl = backup(dir / "bezet.ktv");
    CHECK(nl.exit_code == 2);
    CHECK(nl.err == message("nl", "error.backup.target_exists"));
    const auto en = backup(dir / "bezet.ktv", "en");
    CHECK(en.exit_code == 2);
    CHECK(en.err == message("en", "error.backup.target_exists"));
    CHECK(kt::test::read_bytes(dir / "bezet.ktv") == "boodschappen");
    CHECK_FALSE(fs::exists(dir / "bezet.ktv.key"));
}

TEST_CASE_METHOD(Fixture, "T-35 check exits 4 and names the broken audit row in Dutch and English",
                 "[security]") {
    {
        auto v = kt::store::Vault::open(vault, kPass);
        REQUIRE(v.ok());
        REQUIRE(v->db().exec("DELETE FROM audit WHERE seq = 3").ok());
    }
    const auto nl = check(vault, pass_file);
    CHECK(nl.exit_code == 4);
    CHECK(nl.err ==
          catalog("nl").format("error.audit.chain_broken", {{"seq", std::int64_t(3)}}) + "\n");
    CHECK(nl.err.find(" 3") != std::string::npos);
    const auto en = check(vault, pass_file, "en");
    CHECK(en.exit_code == 4);
    CHECK(en.err ==
          catalog("en").format("error.audit.chain_broken", {{"seq", std::int64_t(3)}}) + "\n");
    // The vault still opens: nothing is lost, the worker is warned.
    auto v = kt::store::Vault::open(vault, kPass);
    REQUIRE(v.ok());
    CHECK(v->audit_chain_broken());
    CHECK(v->audit_break_seq() == 3);
}

TEST_CASE("every failure class has its own Dutch and English message", "[security]") {
    using kt::ErrorCode;
    std::vector<std::string> keys = {"error.audit.chain_broken", "error.backup.target_exists",
                                     "error.unlock.wait"};
    for (const auto code : {ErrorCode::usage, ErrorCode::wrong_passphrase, ErrorCode::not_a_vault,
                            ErrorCode::damaged_vault, ErrorCode::already_exists,
                            ErrorCode::not_found, ErrorCode::io, ErrorCode::disk_full,
                            ErrorCode::read_only, ErrorCode::invalid_state, ErrorCode::internal})
        keys.push_back(kt::error_message_key(code));
    for (const char* locale : {"nl", "en"}) {
        const auto own = catalog(locale).own_keys();
        std::set<std::string> texts;
        for (const auto& key : keys) {
            CAPTURE(locale, key);
            CHECK(std::find(own.begin(), own.end(), key) != own.end());
            texts.insert(catalog(locale).tr(key));
        }
        CHECK(texts.size() == keys.size());  // no two failure classes share a message
    }
}
