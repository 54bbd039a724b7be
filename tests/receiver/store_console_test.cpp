// The console's state in the store on both backends: accounts, activation, sessions, TOTP
// steps and recovery codes used once, throttling counters, checkins and the filtered audit log.
#include <catch2/catch.hpp>

#include "receiver_store/console_store.hpp"
#include "store_fixture.hpp"

namespace kt::test {
namespace {

using receiver::ConsoleAccount;

receiver::ConsoleStore& console_of(StoreUnderTest& s) {
    return s->console();
}

TEST_CASE("a console account is activated once by its token", "[receiver][store][console]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    auto& c = console_of(s);
    REQUIRE(
        c.add_account({"anna", "teamleider", {"Oost", "West"}, "", "", 0, {}, false, false, 5}));
    CHECK(c.add_account({"anna", "beheer", {}, "", "", 0, {}, false, false, 6}).error().code ==
          ErrorCode::already_exists);
    REQUIRE(c.add_activation("t-old", "anna", 10, 100));
    REQUIRE(c.add_activation("t1", "anna", 20, 100));
    CHECK_FALSE(c.activation_account("t-old", 30)->has_value());  // replaced
    CHECK(c.activation_account("t1", 30)->value() == "anna");
    CHECK_FALSE(c.activation_account("t1", 100)->has_value());  // expired at expires_at
    REQUIRE(c.set_pending_totp("anna", "SECRET"));

    CHECK_FALSE(c.complete_activation("t1", "hash", 7, {"r1", "r2"}, 100).value());  // expired
    CHECK(c.complete_activation("t1", "hash", 7, {"r1", "r2"}, 50).value());
    CHECK_FALSE(c.complete_activation("t1", "hash2", 8, {}, 51).value());  // used
    auto a = c.account("anna");
    REQUIRE(a->has_value());
    CHECK(a->value().active);
    CHECK(a->value().password_hash == "hash");
    CHECK(a->value().totp_secret == "SECRET");
    CHECK(a->value().teams == std::vector<std::string>{"Oost", "West"});
    CHECK(a->value().recovery == std::vector<std::string>{"r1", "r2"});
    CHECK_FALSE(c.set_pending_totp("anna", "OTHER"));  // active: the secret stays

    CHECK_FALSE(c.use_totp_step("anna", 7).value());  // the step used at activation
    CHECK(c.use_totp_step("anna", 8).value());
    CHECK_FALSE(c.use_totp_step("anna", 8).value());
    CHECK(c.use_recovery_code("anna", "r2").value());
    CHECK_FALSE(c.use_recovery_code("anna", "r2").value());
    CHECK(c.account("anna")->value().recovery == std::vector<std::string>{"r1"});

    REQUIRE(c.reset_account("anna"));
    a = c.account("anna");
    CHECK_FALSE(a->value().active);
    CHECK(a->value().password_hash.empty());
    CHECK(a->value().totp_secret.empty());
    CHECK(c.reset_account("nobody").error().code == ErrorCode::not_found);
    REQUIRE(c.accounts()->size() == 1);
}

TEST_CASE("console sessions expire when idle or old and end on logout or disabling",
          "[receiver][store][console]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    auto& c = console_of(s);
    REQUIRE(c.add_account({"bert", "beheer", {}, "", "", 0, {}, false, false, 1}));
    REQUIRE(c.add_activation("t", "bert", 1, 100));
    REQUIRE(c.complete_activation("t", "h", 1, {}, 2).value());
    constexpr std::int64_t idle = 1800, absolute = 43200;

    REQUIRE(c.create_session("s1", "bert", 1000));
    CHECK(c.touch_session("s1", 2000, idle, absolute)->value().account == "bert");
    CHECK(c.touch_session("s1", 3799, idle, absolute)->has_value());  // 1799 s idle
    CHECK_FALSE(c.touch_session("s1", 3799 + idle, idle, absolute)->has_value());
    CHECK_FALSE(c.touch_session("unknown", 2000, idle, absolute)->has_value());

    REQUIRE(c.create_session("s2", "bert", 10000));
    std::int64_t t = 10000;
    for (; t < 10000 + absolute - 1000; t += 1000)
        REQUIRE(c.touch_session("s2", t, idle, absolute)->has_value());
    CHECK_FALSE(c.touch_session("s2", 10000 + absolute, idle, absolute)->has_value());

    REQUIRE(c.create_session("s3", "bert", 50000));
    REQUIRE(c.end_session("s3"));
    CHECK_FALSE(c.touch_session("s3", 50001, idle, absolute)->has_value());

    REQUIRE(c.create_session("s4", "bert", 60000));
    REQUIRE(c.set_disabled("bert", true));
    CHECK_FALSE(c.touch_session("s4", 60001, idle, absolute)->has_value());
    REQUIRE(c.set_disabled("bert", false));
    CHECK_FALSE(c.touch_session("s4", 60002, idle, absolute)->has_value());  // ended for good
}

TEST_CASE("login failures are counted per key until cleared", "[receiver][store][console]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    auto& c = console_of(s);
    CHECK(c.throttle("account:x")->failures == 0);
    for (int i = 0; i < 3; ++i)
        REQUIRE(c.record_failure("account:x", 100 + i));
    CHECK(c.throttle("account:x")->failures == 3);
    CHECK(c.throttle("account:x")->last_failure == 102);
    CHECK(c.throttle("addr:1.2.3.4")->failures == 0);
    REQUIRE(c.clear_failures("account:x"));
    CHECK(c.throttle("account:x")->failures == 0);
}

TEST_CASE("the device overview shows checkins and revocation by id", "[receiver][store][console]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    auto& c = console_of(s);
    enroll_device(*s, "tablet-1", "dev-1", 100);
    enroll_device(*s, "tablet-2", "dev-2", 200);
    REQUIRE(c.record_checkin("dev-1", 300, 4, "1.2.0"));
    auto list = c.devices();
    REQUIRE(list->size() == 2);
    CHECK(list->at(0).device.id == "dev-2");
    CHECK_FALSE(list->at(0).last_checkin.has_value());
    CHECK(list->at(1).last_checkin == 300);
    CHECK(list->at(1).outbox == 4);
    CHECK(list->at(1).app_version == "1.2.0");
    CHECK(c.revoke_device_id("dev-1", 400).value() == "tablet-1");
    CHECK(c.revoke_device_id("dev-1", 401).error().code == ErrorCode::not_found);
    CHECK(s->device("dev-1")->value().revoked);
    CHECK_FALSE(s->device("dev-2")->value().revoked);
}

TEST_CASE("the audit page filters on kind, object and period", "[receiver][store][console]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    REQUIRE(s->audit({100, "device_enrolled", "dev-1", "ok", "operator"}));
    REQUIRE(s->audit({200, "device_revoked", "dev-1", "ok", "anna"}));
    REQUIRE(s->audit({300, "device_revoked", "dev-2", "ok", "anna"}));
    auto& c = console_of(s);
    CHECK(c.audit_page({})->size() == 3);
    CHECK(c.audit_page({})->front().time == 300);  // newest first
    CHECK(c.audit_page({"device_revoked", "", 0, 0, 200})->size() == 2);
    CHECK(c.audit_page({"", "dev-1", 0, 0, 200})->size() == 2);
    CHECK(c.audit_page({"", "", 150, 300, 200})->size() == 1);
    CHECK(c.audit_page({"", "", 0, 0, 1})->size() == 1);
}

}  // namespace
}  // namespace kt::test
