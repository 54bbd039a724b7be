// keukentafel-cli for a security officer: canonical-json (RFC 8785) and verify (sealed
// records, exit 4 when one is broken), with messages from the bundles and no names.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "cli_fixture.hpp"
#include "i18n/catalog.hpp"
#include "store/seal.hpp"
#include "store/vault.hpp"
#include "support/test_support.hpp"

using kt::test::ProcessResult;
using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = kt::test::kCliPass;

struct Fixture : kt::test::CliVault {
    ProcessResult canonical(const std::string& json, std::vector<std::string> extra = {}) {
        kt::test::write_bytes(dir / "in.json", json);
        extra.insert(extra.begin(), "canonical-json");
        return cli(extra, dir / "in.json");
    }
    ProcessResult verify(const fs::path& pw) {
        return cli({"verify", "--vault", vault.string(), "--passphrase-file", pw.string()});
    }
};

using kt::test::cli_text;

}  // namespace

TEST_CASE_METHOD(Fixture, "canonical-json writes the RFC 8785 form of stdin and nothing else") {
    const auto r = canonical(
        "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
        "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
        "  \"literals\": [null, true, false]\n}\n");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
          "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST_CASE_METHOD(Fixture, "canonical-json stops reading an endless input with a message") {
    // /dev/zero never ends: the command must stop at its limit instead of exhausting memory.
    const auto r = cli({"canonical-json"}, "/dev/zero");
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == cli_text("nl", "cli.json_too_large", {}));
}

TEST_CASE_METHOD(Fixture, "canonical-json refuses malformed input with exit 1 and a message") {
    for (const char* bad : {"", "{\"a\":1,}", "{\"a\":1,\"a\":2}", "\"\\ud800\"", "[1e999]"}) {
        CAPTURE(bad);
        const auto r = canonical(bad);
        CHECK(r.exit_code == 1);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("Geen geldige JSON", 0) == 0);
    }
    const auto en = canonical("[1,", {"--lang", "en"});
    CHECK(en.exit_code == 1);
    CHECK(en.err == cli_text("en", "cli.json_malformed",
                             {{"detail", std::string("malformed JSON at byte 4")}}));
    // It takes no vault: an option of another command is a usage mistake.
    CHECK(canonical("1", {"--vault", vault.string()}).exit_code == 1);
}

TEST_CASE_METHOD(Fixture, "verify counts the demo vault's sealed intake as intact", "[security]") {
    make_demo();
    const auto r = verify(pass_file);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == cli_text("nl", "cli.verify_result",
                            {{"ok", std::int64_t(1)}, {"broken", std::int64_t(0)}}));
}

TEST_CASE_METHOD(Fixture, "verify exits 4 and names the broken record by id only", "[security]") {
    make_demo();
    std::string id;
    {
        auto v = kt::store::Vault::open(vault, kPass);
        REQUIRE(v.ok());
        auto found = v->db().query_text("SELECT assessment_id FROM sealed_record");
        REQUIRE(found.ok());
        id = found.value();
        REQUIRE(v->db()
                    .exec("UPDATE review_answer SET own_words = own_words || '!' WHERE "
                          "own_words != ''")
                    .ok());
    }
    const auto r = verify(pass_file);
    CHECK(r.exit_code == 4);
    CHECK(r.out == cli_text("nl", "cli.verify_result",
                            {{"ok", std::int64_t(0)}, {"broken", std::int64_t(1)}}));
    CHECK(r.err == cli_text("nl", "cli.verify_broken", {{"record", id + ":v1"}}));
    for (const auto& m : kt::test::demo_markers())
        CHECK(kt::test::count_in_bytes(r.out + r.err, m) == 0);
}

TEST_CASE_METHOD(Fixture, "verify with a wrong passphrase exits 3", "[security]") {
    make_demo();
    kt::test::write_bytes(dir / "fout.txt", "koffie met koek 2026\n");
    const auto r = verify(dir / "fout.txt");
    CHECK(r.exit_code == 3);
    CHECK(r.out.empty());
}
