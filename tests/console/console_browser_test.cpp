// The console in a real browser: Debian's Chromium driven by playwright-core (browser.mjs)
// against the real receiver on loopback, on SQLite and on PostgreSQL (there with a second
// receiver on the same database). This side makes the receiver's data, its users and a test
// vault, starts the receivers and afterwards checks the store; browser.mjs drives the pages,
// runs keukentafel-cli and prints its figures (axe violations per page, login timings).
#include <catch2/catch.hpp>
#include <cstdio>

#include "receiver_process.hpp"
#include "support/sealed_vault.hpp"

namespace kt::test {
namespace {

constexpr const char* kPass = "Koffie met koek 2026";

// The activation link `user add` printed.
std::string activation_link(ReceiverData& data, std::vector<std::string> args) {
    args.insert(args.begin(), {"user", "add"});
    const auto r = data.run(args);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto at = r.out.find("/activeren?token=");
    REQUIRE(at != std::string::npos);
    return r.out.substr(at, r.out.find('\n', at) - at);
}

}  // namespace

TEST_CASE("the console in Chromium: activation, login, enrollment, sync, revocation, roles",
          "[console][browser]") {
    const ReceiverDb db = GENERATE(ReceiverDb::sqlite, ReceiverDb::postgres);
    const bool pg = db == ReceiverDb::postgres;
    INFO("backend " << (pg ? "postgres" : "sqlite"));
    use_fast_kdf_for_children();
    ReceiverData data(db);
    data.console = "127.0.0.1:0";
    const auto beheer = activation_link(data, {"--name", "anna", "--role", "beheer"});
    const auto teamleider =
        activation_link(data, {"--name", "bo", "--role", "teamleider", "--team", "Oost"});
    ReceiverProcess a(data);
    REQUIRE(a.console_port() > 0);
    std::unique_ptr<ReceiverProcess> b;
    if (pg) b = std::make_unique<ReceiverProcess>(data);

    const fs::path vault = data.tmp / "kluis.ktv", pass = data.tmp / "wachtwoord.txt";
    write_bytes(pass, std::string(kPass) + "\n");
    {
        auto v = create_test_vault(vault, kPass);
        add_sealed_assessments(v.db(), 2, 1000);
    }
    const fs::path shots =
        fs::path(KT_BIN_DIR).parent_path() / "console-screenshots" / (pg ? "postgres" : "sqlite");
    fs::create_directories(shots);
    const std::map<std::string, std::string> env{
        {"KT_CONSOLE_URL", "https://127.0.0.1:" + std::to_string(a.console_port())},
        {"KT_CONSOLE_URL_2", b ? "https://127.0.0.1:" + std::to_string(b->console_port()) : ""},
        {"KT_API_URL", "https://127.0.0.1:" + std::to_string(a.port())},
        {"KT_ACTIVATE_BEHEER", beheer},
        {"KT_ACTIVATE_TEAMLEIDER", teamleider},
        {"KT_CLI", std::string(KT_BIN_DIR) + "/keukentafel-cli"},
        {"KT_VAULT", vault.string()},
        {"KT_PASS_FILE", pass.string()},
        {"KT_DB", data.db},
        {"KT_SCREENSHOTS", shots.string()},
        {"KT_BACKEND", pg ? "postgres" : "sqlite"}};
    const auto r = run_program(
        {"/usr/bin/node", std::string(KT_SOURCE_DIR) + "/tests/console/browser.mjs"}, env);
    std::printf("---- browser.mjs (%s) ----\n%s", pg ? "postgres" : "sqlite", r.out.c_str());
    INFO(r.out << r.err << a.errors());
    REQUIRE(r.exit_code == 0);

    // What the pages did is in the store.
    auto store = open_receiver_store(data);
    for (const char* action :
         {"console_activated", "console_login", "console_login_failed", "console_refused",
          "enrollment_created", "device_enrolled", "device_revoked", "device_wiped"}) {
        INFO(action);
        CHECK_FALSE(store->audit_entries(action).value().empty());
    }
    CHECK(a.alive());
    if (b) CHECK(b->alive());
    // Nothing of the enrollment code or a password is in the request log.
    const auto log = read_bytes(data.dir / "receiver.log");
    CHECK(log.find("token=") == std::string::npos);
    CHECK(log.find("wachtwoord") == std::string::npos);
}

}  // namespace kt::test

namespace kt::test {

TEST_CASE("console accounts from the terminal: user add, list, disable, enable, reset",
          "[console]") {
    ReceiverData data;
    const auto link = activation_link(data, {"--name", "anna", "--role", "beheer"});
    CHECK(link.size() == std::string("/activeren?token=").size() + 64);
    CHECK(data.run({"user", "add", "--name", "anna", "--role", "beleid"}).exit_code == 4);
    CHECK(data.run({"user", "add", "--name", "x", "--role", "baas"}).exit_code == 1);
    CHECK(data.run({"user", "add", "--name", "x", "--role", "teamleider"}).exit_code == 1);
    CHECK(data.run({"user", "disable", "--name", "niemand"}).exit_code == 3);
    auto list = data.run({"user", "list"});
    CHECK(list.out == "anna\tbeheer\t-\tawaiting activation\n");
    REQUIRE(data.run({"user", "disable", "--name", "anna"}).exit_code == 0);
    CHECK(data.run({"user", "list"}).out == "anna\tbeheer\t-\tdisabled\n");
    REQUIRE(data.run({"user", "enable", "--name", "anna"}).exit_code == 0);
    const auto reset = data.run({"user", "reset", "--name", "anna"});
    CHECK(reset.exit_code == 0);
    CHECK(reset.out.find("/activeren?token=") != std::string::npos);
    CHECK(reset.out.find(link) == std::string::npos);  // a new token
}

}  // namespace kt::test
