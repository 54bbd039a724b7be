// keukentafel-cli synth and export end to end from each source kind: a vault, a
// receiver data dir (SQLite) and PostgreSQL. The export writes the tables and the report into
// a new directory, prints counts only, refuses an existing directory and a weak secret, and
// two purposes never share a pseudonym.
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "cli_fixture.hpp"
#include "export/synthetic.hpp"
#include "receiver_process.hpp"
#include "support/export_golden.hpp"
#include "support/test_support.hpp"

using kt::test::cli_text;
using kt::test::CliVault;
namespace fs = std::filesystem;
using kt::test::ProcessResult;

namespace {

const char* const kOutputs[] = {"assessments.csv", "assessments_comma.csv", "assessments.json",
                                "schema.json",     "changes.csv",           "changes_comma.csv",
                                "report.html"};

struct Fixture : CliVault {
    fs::path secret = dir / "geheim.bin";

    Fixture() { write_secret(secret, 48, 0600); }

    static void write_secret(const fs::path& path, std::size_t size, mode_t mode) {
        kt::test::write_bytes(path, kt::test::random_bytes(size));
        REQUIRE(::chmod(path.c_str(), mode) == 0);
    }
    static ProcessResult synth(const std::string& out, std::vector<std::string> more) {
        std::vector<std::string> args{"synth", "--out", out};
        args.insert(args.end(), more.begin(), more.end());
        auto r = cli(args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return r;
    }
    ProcessResult export_to(const std::string& from, const fs::path& out,
                            const std::string& purpose = "monitoring-2026",
                            std::vector<std::string> more = {}) const {
        std::vector<std::string> args{"export",        "--from", from,
                                      "--purpose",     purpose,  "--secret-file",
                                      secret.string(), "--out",  out.string()};
        args.insert(args.end(), more.begin(), more.end());
        return cli(args);
    }
};

// The libpq keyword/value string of the test server as a postgresql:// URI (hex password).
std::string postgres_uri(const std::string& conninfo) {
    std::istringstream in(conninfo);
    std::map<std::string, std::string> kv;
    for (std::string word; in >> word;)
        if (auto eq = word.find('='); eq != std::string::npos)
            kv[word.substr(0, eq)] = word.substr(eq + 1);
    return "postgresql://" + kv["user"] + ":" + kv["password"] + "@" + kv["host"] + ":" +
           kv["port"] + "/" + kv["dbname"] + "?connect_timeout=10";
}

// The first column of every data row of the comma dialect: the pseudonyms.
std::set<std::string> pseudonyms(const fs::path& dir) {
    std::istringstream in(kt::test::read_bytes(dir / "assessments_comma.csv"));
    std::string line;
    std::getline(in, line);
    REQUIRE(line.rfind("pseudonym", 0) == 0);
    std::set<std::string> out;
    while (std::getline(in, line))
        if (!line.empty()) out.insert(line.substr(0, line.find(',')));
    return out;
}

// Every output exists; stdout is the counts line and holds no pseudonym.
void check_export(const ProcessResult& r, const fs::path& out) {
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    for (const char* name : kOutputs)
        CHECK(fs::exists(out / name));
    const std::string prefix = cli_text("nl", "cli.export_counts").substr(0, 20);
    CHECK(r.out.rfind(prefix, 0) == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
    for (const auto& p : pseudonyms(out))
        CHECK(r.out.find(p) == std::string::npos);
}

// Every output file's bytes, one after the other.
std::string all_output(const fs::path& dir) {
    std::string all;
    for (const auto& f : fs::recursive_directory_iterator(dir))
        if (f.is_regular_file()) all += kt::test::read_bytes(f.path()) + "\n";
    return all;
}

// `word` in `text` as a whole word (a family name may be part of a wijk's name).
bool has_word(const std::string& text, const std::string& word) {
    const auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        const bool start = at == 0 || !letter(text[at - 1]);
        const auto end = at + word.size();
        if (start && (end == text.size() || !letter(text[end]))) return true;
    }
    return false;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "synth into a new vault seals real assessments and export reads them") {
    const std::string vault_target = "vault:" + vault.string();
    const auto s = synth(vault_target, {"--passphrase-file", pass_file.string(), "--clients", "40",
                                        "--wijken", "2", "--measurements", "2", "--seed", "7"});
    CHECK(s.out.find("40") != std::string::npos);
    const auto verify =
        cli({"verify", "--vault", vault.string(), "--passphrase-file", pass_file.string()});
    CHECK(verify.exit_code == 0);
    const auto r = export_to(vault_target, dir / "uit", "monitoring-2026",
                             {"--passphrase-file", pass_file.string()});
    check_export(r, dir / "uit");
    const std::string out = all_output(dir / "uit");
    for (const auto& who : kt::monitoring::synthetic_identities(7, 40)) {
        INFO(who.family_name);
        CHECK(!has_word(out, who.family_name));
        CHECK(!has_word(out, who.bsn));
        CHECK(!has_word(out, who.birth_date));
    }
}

TEST_CASE_METHOD(Fixture, "synth into a receiver data dir and export from it with filters") {
    const std::string target = "receiver:" + (dir / "ontvanger").string();
    synth(target, {"--clients", "400", "--wijken", "4", "--measurements", "3"});
    auto r = export_to(target, dir / "alles");
    check_export(r, dir / "alles");
    CHECK(!pseudonyms(dir / "alles").empty());
    r = export_to(target, dir / "kwartaal", "monitoring-2026", {"--period", "2026Q1..2026Q2"});
    check_export(r, dir / "kwartaal");
}

TEST_CASE_METHOD(Fixture, "synth into PostgreSQL and export from it") {
    const std::string uri = postgres_uri(kt::test::new_postgres_database());
    synth(uri, {"--clients", "400", "--wijken", "4", "--measurements", "3"});
    const auto r = export_to(uri, dir / "pg");
    check_export(r, dir / "pg");
    CHECK(!pseudonyms(dir / "pg").empty());
}

TEST_CASE_METHOD(Fixture, "two purposes give different pseudonyms and one purpose the same") {
    const std::string target = "receiver:" + (dir / "ontvanger").string();
    synth(target, {"--clients", "300", "--wijken", "2", "--measurements", "2"});
    check_export(export_to(target, dir / "a", "monitoring-2026"), dir / "a");
    check_export(export_to(target, dir / "b", "onderzoek-2026"), dir / "b");
    check_export(export_to(target, dir / "c", "monitoring-2026"), dir / "c");
    const auto a = pseudonyms(dir / "a"), b = pseudonyms(dir / "b");
    REQUIRE(!a.empty());
    for (const auto& p : a)
        CHECK(b.count(p) == 0);
    CHECK(pseudonyms(dir / "c") == a);
}

TEST_CASE_METHOD(Fixture, "export refuses an existing directory that is not empty") {
    const std::string target = "receiver:" + (dir / "ontvanger").string();
    synth(target, {"--clients", "20", "--wijken", "1", "--measurements", "1"});
    fs::create_directories(dir / "vol");
    kt::test::write_bytes(dir / "vol" / "notities.txt", "niet overschrijven");
    const auto r = export_to(target, dir / "vol");
    CHECK(r.exit_code == 2);
    CHECK(r.err == cli_text("nl", "cli.export_out_exists"));
    CHECK(kt::test::read_bytes(dir / "vol" / "notities.txt") == "niet overschrijven");
    CHECK(!fs::exists(dir / "vol" / "assessments.csv"));
}

TEST_CASE_METHOD(Fixture, "export refuses a short or readable secret and a missing store") {
    const std::string target = "receiver:" + (dir / "ontvanger").string();
    synth(target, {"--clients", "20", "--wijken", "1", "--measurements", "1"});
    write_secret(secret, 31, 0600);
    auto r = export_to(target, dir / "uit");
    CHECK(r.exit_code == 1);
    CHECK(r.err == cli_text("nl", "cli.export_secret"));
    write_secret(secret, 64, 0644);
    r = export_to(target, dir / "uit");
    CHECK(r.exit_code == 1);
    CHECK(r.err == cli_text("nl", "cli.export_secret"));
    CHECK(!fs::exists(dir / "uit"));
    write_secret(secret, 64, 0600);
    r = export_to("receiver:" + (dir / "nergens").string(), dir / "uit");
    CHECK(r.exit_code == 2);
    CHECK(!fs::exists(dir / "nergens"));
    CHECK(!fs::exists(dir / "uit"));
}

TEST_CASE_METHOD(Fixture, "export and synth check their options") {
    const std::string target = "receiver:" + (dir / "ontvanger").string();
    auto r = export_to(target, dir / "uit", "p", {"--passphrase-file", pass_file.string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err == cli_text("nl", "cli.usage"));
    r = export_to("vault:" + vault.string(), dir / "uit");
    CHECK(r.exit_code == 1);
    r = export_to("ftp://elders", dir / "uit");
    CHECK(r.exit_code == 1);
    r = export_to(target, dir / "uit", "p", {"--k", "3"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == cli_text("nl", "cli.export_k"));
    r = cli({"synth", "--out", target, "--clients", "-1", "--wijken", "2", "--measurements", "1"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == cli_text("nl", "cli.synth_counts"));
    r = cli({"synth", "--out", target, "--clients", "10"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == cli_text("nl", "cli.usage"));
}

namespace {

// The golden files (tests/support/export_golden.hpp) through a store: every file but
// report.html, whose "Gemaakt op" is today's date.
void check_golden_through(const Fixture& f, const std::string& target, const fs::path& out) {
    const auto p = kt::test::golden::population();
    Fixture::synth(target, {"--clients", std::to_string(p.clients), "--wijken",
                            std::to_string(p.wijken), "--measurements",
                            std::to_string(p.measurements), "--seed", std::to_string(p.seed)});
    const fs::path secret = f.dir / "golden.bin";
    kt::test::write_bytes(secret, kt::test::golden::kSecret);
    REQUIRE(::chmod(secret.c_str(), 0600) == 0);
    const auto r =
        Fixture::cli({"export", "--from", target, "--purpose", kt::test::golden::kPurpose,
                      "--secret-file", secret.string(), "--out", out.string()});
    check_export(r, out);
    auto got = kt::test::golden::hashes(out);
    CHECK(got.erase("report.html") == 1);
    auto want = kt::test::golden::expected();
    want.erase("report.html");
    CHECK(got.size() == want.size());
    for (const auto& [name, sha] : want) {
        INFO(name);
        REQUIRE(got.count(name) == 1);
        CHECK(got.at(name) == sha);
    }
}

}  // namespace

TEST_CASE_METHOD(Fixture, "export from a receiver data dir writes the golden files") {
    check_golden_through(*this, "receiver:" + (dir / "ontvanger").string(), dir / "uit");
}

TEST_CASE_METHOD(Fixture, "export from PostgreSQL writes the golden files") {
    check_golden_through(*this, postgres_uri(kt::test::new_postgres_database()), dir / "uit");
}
