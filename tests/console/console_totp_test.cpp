// The console's TOTP secrets at rest, through the real receiver on SQLite and PostgreSQL: a
// secret an older version kept in plain text is sealed when the console starts and its owner
// still logs in; the raw row then holds no plaintext; a sealed secret copied into another
// account's row lets no code through; a missing or wrong key file stops the console's start
// with a message naming the file, and nothing logs in.
#include <httplib.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <ctime>

#include "console/credentials.hpp"
#include "console/totp.hpp"
#include "receiver_process.hpp"

namespace kt::test {
namespace {

namespace console = receiver::console;

constexpr const char* kPassword = "paars-fietsrek-onder-de-brug-42";
const std::map<std::string, std::string> kSecrets = {{"anna", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"},
                                                     {"bo", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"}};

// Accounts as a receiver before schema version 4 left them: activated, the TOTP secret in
// plain text; and no keys/totp.key (its init made none).
void old_accounts(ReceiverData& data) {
    const auto hash = console::hash_password(kPassword);
    REQUIRE(hash);
    for (const auto& [name, secret] : kSecrets) {
        REQUIRE(data.run({"user", "add", "--name", name, "--role", "beheer"}).exit_code == 0);
        REQUIRE(raw_receiver_execute(data,
                                     "UPDATE console_accounts SET password_hash = $2, "
                                     "totp_secret = $3, active = 1 WHERE name = $1",
                                     {name, *hash, secret}) == 1);
    }
    fs::remove(data.dir / "keys" / "totp.key");
}

std::string code_now(const std::string& secret) {
    return console::totp_code(*console::base32_decode(secret),
                              console::totp_step(std::int64_t(std::time(nullptr))));
}

// Logs in as a browser does (the login page's cookie and form token, then the form); the
// answer's status: 303 logged in, 401 refused.
int login(int port, const std::string& name, const std::string& code) {
    httplib::SSLClient cli("127.0.0.1", port);
    cli.enable_server_certificate_verification(false);
    const auto page = cli.Get("/inloggen");
    REQUIRE(page);
    const std::string cookie = page->get_header_value("Set-Cookie");
    const std::string field = "name=\"csrf\" value=\"";
    const auto at = page->body.find(field) + field.size();
    const std::string csrf = page->body.substr(at, page->body.find('"', at) - at);
    const httplib::Params form{
        {"naam", name}, {"wachtwoord", kPassword}, {"code", code}, {"csrf", csrf}};
    const auto r = cli.Post("/inloggen", {{"Cookie", cookie.substr(0, cookie.find(';'))}}, form);
    REQUIRE(r);
    return r->status;
}

// totp_secret and totp_sealed of the account's row, as the database holds them.
std::vector<std::string> raw_totp(const ReceiverData& data, const std::string& name) {
    const auto rows = raw_receiver_query(
        data, "SELECT totp_secret, totp_sealed FROM console_accounts WHERE name = $1", 2, {name});
    REQUIRE(rows.size() == 1);
    return rows.front();
}

}  // namespace

TEST_CASE("a plaintext TOTP secret is sealed when the console starts and its owner logs in",
          "[console][security]") {
    const ReceiverDb db = GENERATE(ReceiverDb::sqlite, ReceiverDb::postgres);
    INFO("backend " << (db == ReceiverDb::postgres ? "postgres" : "sqlite"));
    ReceiverData data(db);
    data.console = "127.0.0.1:0";
    old_accounts(data);
    ReceiverProcess r(data);
    const fs::path key = data.dir / "keys" / "totp.key";
    struct stat st {};
    REQUIRE(::lstat(key.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(st.st_size == 32);
    for (const auto& [name, secret] : kSecrets) {
        const auto row = raw_totp(data, name);
        CHECK(row[0].empty());
        CHECK(row[1].rfind("x1:", 0) == 0);
        CHECK(row[1].find(secret.substr(0, 8)) == std::string::npos);
    }
    CHECK(login(r.console_port(), "anna", code_now(kSecrets.at("anna"))) == 303);

    // Bo's row with Anna's sealed secret: neither Anna's code nor Bo's own opens it.
    REQUIRE(raw_receiver_execute(data,
                                 "UPDATE console_accounts SET totp_sealed = $2 WHERE name = $1",
                                 {"bo", raw_totp(data, "anna")[1]}) == 1);
    CHECK(login(r.console_port(), "bo", code_now(kSecrets.at("anna"))) == 401);
    CHECK(login(r.console_port(), "bo", code_now(kSecrets.at("bo"))) == 401);
    CHECK(r.alive());
}

TEST_CASE("a missing or wrong TOTP key file stops the console's start with a message",
          "[console][security]") {
    ReceiverData data;
    data.console = "127.0.0.1:0";
    old_accounts(data);
    const fs::path key = data.dir / "keys" / "totp.key";
    { ReceiverProcess sealing(data); }
    const std::string right = read_bytes(key);
    const auto serve = [&] {
        return run_program(
            {"/usr/bin/timeout", "20", std::string(KT_BIN_DIR) + "/keukentafel-receiver", "serve",
             "--data", data.dir.string(), "--listen", "127.0.0.1:0", "--console", "127.0.0.1:0"});
    };

    fs::remove(key);
    auto r = serve();
    CHECK(r.exit_code == 3);  // not found
    CHECK(r.err.find("totp.key is missing while 2 console accounts have a sealed TOTP secret: "
                     "restore the file from the receiver's backup") != std::string::npos);
    CHECK(r.out.find("listening") == std::string::npos);
    CHECK_FALSE(fs::exists(key));  // not replaced by a new key that opens nothing

    write_bytes(key, random_bytes(32));
    ::chmod(key.c_str(), 0600);
    r = serve();
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("totp.key opens none of the console's TOTP secrets") != std::string::npos);

    write_bytes(key, right);
    ReceiverProcess back(data);
    CHECK(login(back.console_port(), "anna", code_now(kSecrets.at("anna"))) == 303);
}

}  // namespace kt::test
