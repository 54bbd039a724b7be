// Enrollment codes, devices, revocation and device sequence numbers on both backends.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "store_fixture.hpp"

namespace kt::test {
namespace {

using receiver::SeqCheck;

TEST_CASE("an enrollment code creates one device and only once", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    REQUIRE(s->add_enrollment({"tablet-oost-3", "Oost", "k1", 100, 200}));
    auto pending = s->pending_enrollments(150);
    REQUIRE(pending);
    REQUIRE(pending->size() == 1);
    CHECK(pending->front().code_key_hex == "k1");
    CHECK(pending->front().team == "Oost");
    CHECK(s->pending_enrollments(200)->empty());  // expired at expires_at

    auto dev = s->complete_enrollment("k1", "dev-1", "pk1", 150);
    REQUIRE(dev);
    CHECK(dev->name == "tablet-oost-3");
    CHECK(dev->team == "Oost");
    CHECK(dev->public_key_hex == "pk1");
    CHECK(dev->enrolled_at == 150);
    CHECK_FALSE(dev->revoked);
    CHECK(dev->last_seq == 0);

    auto again = s->complete_enrollment("k1", "dev-2", "pk2", 151);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::invalid_state);
    CHECK_FALSE(s->device("dev-2")->has_value());
    CHECK(s->pending_enrollments(150)->empty());
    CHECK(s->complete_enrollment("unknown", "dev-3", "pk3", 150).error().code ==
          ErrorCode::invalid_state);
}

TEST_CASE("an expired or replaced enrollment code is refused", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    REQUIRE(s->add_enrollment({"tablet-a", "Oost", "old", 100, 1000}));
    REQUIRE(s->add_enrollment({"tablet-a", "Oost", "new", 110, 1000}));
    auto pending = s->pending_enrollments(120);
    REQUIRE(pending->size() == 1);
    CHECK(pending->front().code_key_hex == "new");
    CHECK(s->complete_enrollment("old", "d1", "pk", 120).error().code == ErrorCode::invalid_state);
    CHECK(s->complete_enrollment("new", "d1", "pk", 1000).error().code == ErrorCode::invalid_state);
    CHECK(s->complete_enrollment("new", "d1", "pk", 999));
}

TEST_CASE("concurrent completions of one code create exactly one device", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    constexpr int kRounds = 20;
    constexpr int kThreads = 4;
    for (int round = 0; round < kRounds; ++round) {
        const std::string code = "code-" + std::to_string(round);
        REQUIRE(s->add_enrollment({"tablet-" + std::to_string(round), "Oost", code, 1, 100}));
        std::atomic<int> ready{0}, ok{0}, refused{0}, other{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                ++ready;
                while (ready < kThreads)
                    std::this_thread::yield();
                const std::string id = "dev-" + std::to_string(round) + "-" + std::to_string(t);
                auto r = s->complete_enrollment(code, id, "pk", 50);
                if (r)
                    ++ok;
                else if (r.error().code == ErrorCode::invalid_state)
                    ++refused;
                else
                    ++other;
            });
        for (auto& th : threads)
            th.join();
        CHECK(ok == 1);
        CHECK(refused == kThreads - 1);
        CHECK(other == 0);
    }
}

TEST_CASE("revoking a name revokes its newest active device", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    enroll_device(*s, "tablet-1", "older", 100);
    enroll_device(*s, "tablet-1", "newer", 200);
    auto first = s->revoke_device("tablet-1", 300);
    REQUIRE(first);
    CHECK(first.value() == "newer");
    auto dev = s->device("newer");
    REQUIRE(dev->has_value());
    CHECK(dev->value().revoked);
    CHECK(dev->value().revoked_at == 300);
    CHECK_FALSE(s->device("older")->value().revoked);
    CHECK(s->revoke_device("tablet-1", 301).value() == "older");
    CHECK(s->revoke_device("tablet-1", 302).error().code == ErrorCode::not_found);
    CHECK(s->revoke_device("no-such-tablet", 302).error().code == ErrorCode::not_found);
}

TEST_CASE("a device sequence number not above the last one is a rollback", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    const auto id = enroll_device(*s, "tablet-1", "d1");
    CHECK(s->advance_seq(id, 5).value() == SeqCheck::accepted);
    CHECK(s->advance_seq(id, 5).value() == SeqCheck::rolled_back);
    CHECK(s->advance_seq(id, 4).value() == SeqCheck::rolled_back);
    CHECK(s->advance_seq(id, 6).value() == SeqCheck::accepted);
    CHECK(s->device(id)->value().last_seq == 6);
    CHECK(s->advance_seq("nobody", 1).error().code == ErrorCode::not_found);
    CHECK(s->mark_wipe_reported(id).value() == true);
    CHECK(s->mark_wipe_reported(id).value() == false);
    CHECK(s->device(id)->value().wipe_reported);
    CHECK(s->mark_wipe_reported("nobody").error().code == ErrorCode::not_found);
}

TEST_CASE("audit entries are kept and read back by action", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    REQUIRE(s->audit({10, "enroll", "d1", "200", "127.0.0.1"}));
    REQUIRE(s->audit({11, "submission", "u:1", "201", "d1"}));
    REQUIRE(s->audit({12, "enroll", "d2", "403 enrollment_refused", "127.0.0.2"}));
    auto entries = s->audit_entries("enroll");
    REQUIRE(entries);
    REQUIRE(entries->size() == 2);
    CHECK(entries->at(0).object == "d1");
    CHECK(entries->at(1).result == "403 enrollment_refused");
    CHECK(entries->at(1).actor == "127.0.0.2");
    CHECK(entries->at(1).time == 12);
    CHECK(s->audit_entries("wipe")->empty());
}

}  // namespace
}  // namespace kt::test
