// keukentafel-cli enroll, sync and outbox: counts and the worker's message from the bundles,
// a non-zero exit when a pass fails, never a name.
#include <catch2/catch.hpp>
#include <string>

#include "cli_fixture.hpp"
#include "support/test_support.hpp"

using kt::test::cli_text;
using kt::test::ProcessResult;

namespace {

struct Fixture : kt::test::CliVault {
    ProcessResult run(std::vector<std::string> args) {
        args.insert(args.end(),
                    {"--vault", vault.string(), "--passphrase-file", pass_file.string()});
        return cli(args);
    }
};

void check_no_names(const ProcessResult& r) {
    for (const auto& name : kt::test::demo_markers()) {
        CHECK(r.out.find(name) == std::string::npos);
        CHECK(r.err.find(name) == std::string::npos);
    }
}

}  // namespace

TEST_CASE_METHOD(Fixture, "outbox counts the demo's sealed intake as waiting") {
    make_demo();
    const auto r = run({"outbox"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == cli_text("nl", "cli.outbox_counts", {{"pending", 1}, {"sent", 0}}));
    check_no_names(r);
}

TEST_CASE_METHOD(Fixture, "sync on a vault that is not enrolled says so and fails") {
    make_demo();
    auto r = run({"sync"});
    CHECK(r.exit_code == 5);
    CHECK(r.out == cli_text("nl", "cli.sync_counts", {{"sent", 0}, {"pending", 1}}));
    CHECK(r.err == cli_text("nl", "error.sync.not_enrolled"));
    r = run({"sync", "--lang", "en"});
    CHECK(r.exit_code == 5);
    CHECK(r.err == cli_text("en", "error.sync.not_enrolled"));
    check_no_names(r);
}

TEST_CASE_METHOD(Fixture, "enroll refuses a plain http address or a malformed code") {
    make_demo();
    auto r = run({"enroll", "--url", "http://127.0.0.1:8443", "--code", "7KQM-2D9X-HT4B-W1ZC"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == cli_text("nl", "error.sync.invalid_input"));
    r = run({"enroll", "--url", "https://127.0.0.1:8443", "--code", "kort"});
    CHECK(r.exit_code == 1);
    r = run({"enroll", "--url", "https://127.0.0.1:8443"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == cli_text("nl", "cli.usage"));
}

TEST_CASE_METHOD(Fixture, "enroll with nothing listening reports offline and stores nothing") {
    make_demo();
    auto r = run({"enroll", "--url", "https://127.0.0.1:1", "--code", "7KQM-2D9X-HT4B-W1ZC"});
    CHECK(r.exit_code == 5);
    CHECK(r.err == cli_text("nl", "error.sync.offline"));
    r = run({"sync"});
    CHECK(r.err == cli_text("nl", "error.sync.not_enrolled"));
}
