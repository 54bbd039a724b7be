// keukentafel-cli client-copy: the client's copy (PDF) of a sealed assessment, written only to
// --out and never over a file; refused for one that is not sealed; messages from the bundles
// and no client names in the program's output.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli_fixture.hpp"
#include "i18n/catalog.hpp"
#include "store/vault.hpp"
#include "support/test_support.hpp"

using kt::test::ProcessResult;
using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = kt::test::kCliPass;

struct CopyFixture : kt::test::CliVault {
    std::string sealed, not_sealed;  // van Dijk's sealed intake; a finished, unsealed one

    CopyFixture() {
        make_demo();
        auto v = kt::store::Vault::open(vault, kPass);
        REQUIRE(v.ok());
        auto a = v->db().query_text("SELECT assessment_id FROM sealed_record");
        auto b = v->db().query_text(
            "SELECT id FROM assessment WHERE id NOT IN (SELECT assessment_id FROM sealed_record)");
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        sealed = a.value();
        not_sealed = b.value();
    }
    ProcessResult run(std::vector<std::string> args) const {
        for (const auto& extra : {"--vault", vault.c_str(), "--passphrase-file", pass_file.c_str()})
            args.push_back(extra);
        return cli(args);
    }
    ProcessResult copy(const std::string& id, const fs::path& out,
                       std::vector<std::string> extra = {}) const {
        std::vector<std::string> args = {"client-copy", "--assessment", id, "--out", out.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return run(args);
    }
};

std::string text(const char* locale, const char* key) {
    return kt::test::cli_text(locale, key);
}

void check_no_names(const ProcessResult& r) {
    for (const auto& m : kt::test::demo_markers())
        CHECK(kt::test::count_in_bytes(r.out + r.err, m) == 0);
}

}  // namespace

TEST_CASE_METHOD(CopyFixture, "client-copy writes the PDF of a sealed assessment in --lang") {
    for (const char* lang : {"ar", "tr", "en"}) {
        CAPTURE(lang);
        const fs::path out = dir / ("kopie-" + std::string(lang) + ".pdf");
        const auto r = copy(sealed, out, {"--lang", lang});
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.out == text(std::string(lang) == "en" ? "en" : "nl", "cli.copy_ok"));
        CHECK(kt::test::read_bytes(out).rfind("%PDF-", 0) == 0);
        check_no_names(r);
    }
    CHECK(!fs::exists(dir / "kopie-ar.pdf.tmp"));
}

TEST_CASE_METHOD(CopyFixture, "the Arabic and Polish copies as PNG pages for a person to look at") {
    // pdftoppm turns each copy into pages in the build tree (screenshots/), where a person
    // looks at the pictograms, the right-to-left layout and the joined Arabic letters.
    const fs::path shots = fs::path(KT_SCREENSHOT_DIR);
    fs::create_directories(shots);
    for (const std::string lang : {"ar", "pl"}) {
        CAPTURE(lang);
        const fs::path out = dir / ("kopie-" + lang + ".pdf");
        REQUIRE(copy(sealed, out, {"--lang", lang}).exit_code == 0);
        const std::string png = (shots / ("copy_" + lang)).string();
        CHECK(std::system(("pdftoppm -png -r 60 " + out.string() + " " + png).c_str()) == 0);
        CHECK(fs::exists(png + "-1.png"));
        CHECK(std::system(("pdftotext " + out.string() + " " + out.string() + ".txt").c_str()) ==
              0);
        std::string money = text(lang.c_str(), "plain.domain.financien.name");
        money.pop_back();  // cli_text's newline
        CHECK(kt::test::read_bytes(out.string() + ".txt").find(money) != std::string::npos);
    }
}

TEST_CASE_METHOD(CopyFixture, "client-copy refuses an assessment that is not sealed") {
    const auto r = copy(not_sealed, dir / "kopie.pdf");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == text("nl", "cli.copy_not_sealed"));
    CHECK(!fs::exists(dir / "kopie.pdf"));
    const auto unknown = copy("00000000-0000-4000-8000-000000000000", dir / "kopie.pdf");
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == text("nl", "cli.copy_not_found"));
}

TEST_CASE_METHOD(CopyFixture, "client-copy never overwrites the file at --out") {
    kt::test::write_bytes(dir / "kopie.pdf", "eerdere kopie");
    const auto r = copy(sealed, dir / "kopie.pdf", {"--lang", "en"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == text("en", "cli.copy_exists"));
    CHECK(kt::test::read_bytes(dir / "kopie.pdf") == "eerdere kopie");
}

TEST_CASE_METHOD(CopyFixture, "client-copy needs --assessment and --out and a client language") {
    CHECK(run({"client-copy", "--out", (dir / "a.pdf").string()}).exit_code == 1);
    CHECK(run({"client-copy", "--assessment", sealed}).exit_code == 1);
    const auto de = copy(sealed, dir / "de.pdf", {"--lang", "de"});
    CHECK(de.exit_code == 1);
    CHECK(de.err == text("nl", "cli.copy_lang"));
    CHECK(!fs::exists(dir / "de.pdf"));
    kt::test::write_bytes(dir / "fout.txt", "koffie met koek 2026\n");
    const auto wrong = kt::test::run_program(
        {"keukentafel-cli", "client-copy", "--vault", vault.string(), "--passphrase-file",
         (dir / "fout.txt").string(), "--assessment", sealed, "--out", (dir / "b.pdf").string()});
    CHECK(wrong.exit_code == 3);
    CHECK(!fs::exists(dir / "b.pdf"));
}
