// The PIN that resumes an idle-locked session (T-15 in core; the screens test it too).
#include <catch2/catch.hpp>

#include "crypto/pin.hpp"
#include "present/session.hpp"
#include "store/demo_data.hpp"
#include "support/test_support.hpp"

using namespace kt;
namespace flow = kt::flow;

TEST_CASE("a PIN is exactly six digits and verifies only itself", "[security]") {
    CHECK(crypto::valid_pin("012345"));
    CHECK_FALSE(crypto::valid_pin("12345"));
    CHECK_FALSE(crypto::valid_pin("1234567"));
    CHECK_FALSE(crypto::valid_pin("12345a"));
    const std::string v = crypto::hash_pin("246810");
    CHECK(v.rfind("$argon2id$", 0) == 0);
    CHECK(crypto::verify_pin(v, "246810"));
    CHECK_FALSE(crypto::verify_pin(v, "246811"));
    CHECK_FALSE(crypto::verify_pin("", "246810"));
}

TEST_CASE("T-15 five wrong PINs close the vault and keep the place no more", "[security]") {
    test::TempDir dir;
    const auto path = dir / "v.kt";
    {
        auto v = test::create_test_vault(path, kt::test::kPassphrase);
        REQUIRE(store::fill_demo(v, 1'790'000'000).ok());
    }
    SystemClock clock;
    present::Session s(path, clock);
    s.unlock(kt::test::kPassphrase);
    REQUIRE(s.state().step == flow::Step::clients);
    s.open_client(s.clients().front().id);
    s.idle_lock();
    CHECK(s.state().mode == flow::Mode::locked);
    CHECK(s.clients().empty());  // nothing about any client while locked
    CHECK(s.client() == nullptr);
    for (int i = 1; i < crypto::kMaxPinFailures; ++i) {
        s.enter_pin("000000");
        CHECK(s.pin_failures() == i);
        CHECK(s.is_unlocked());
    }
    s.enter_pin(store::kDemoPin);  // right PIN after four wrong ones: resumes where we were
    CHECK(s.state().mode == flow::Mode::worker);
    CHECK(s.state().step == flow::Step::client);
    CHECK(s.client() != nullptr);
    s.idle_lock();
    for (int i = 0; i < crypto::kMaxPinFailures; ++i)
        s.enter_pin("999999");
    CHECK_FALSE(s.is_unlocked());
    CHECK(s.state() == flow::State{});
    CHECK(s.error_key() == "lock.pin_exhausted");
    s.enter_pin(store::kDemoPin);
    CHECK_FALSE(s.is_unlocked());
}

TEST_CASE("a vault without a PIN asks for one before the client list") {
    test::TempDir dir;
    const auto path = dir / "v.kt";
    { auto v = test::create_test_vault(path, kt::test::kPassphrase); }
    SystemClock clock;
    present::Session s(path, clock);
    s.unlock(kt::test::kPassphrase);
    REQUIRE(s.state().step == flow::Step::pin_setup);
    s.choose_pin("12345", "12345");
    CHECK(s.error_key() == "pin.invalid");
    s.choose_pin("246810", "135790");
    CHECK(s.error_key() == "pin.mismatch");
    s.choose_pin("135790", "135790");
    CHECK(s.state().step == flow::Step::clients);
    s.lock();
    s.unlock(kt::test::kPassphrase);
    CHECK(s.state().step == flow::Step::clients);  // chosen once, kept in the vault
}

TEST_CASE("a PIN anyone would try first is refused when chosen") {
    for (const char* p : {"000000", "999999", "123456", "654321", "890123", "121212", "123123"}) {
        CAPTURE(p);
        CHECK(crypto::guessable_pin(p));
        CHECK(crypto::pin_error_key(p, p) == "pin.guessable");
    }
    for (const char* p : {"246810", "135790", "482915"}) {
        CAPTURE(p);
        CHECK_FALSE(crypto::guessable_pin(p));
        CHECK(crypto::pin_error_key(p, p).empty());
    }
    CHECK(crypto::pin_error_key("12345", "12345") == "pin.invalid");
    CHECK(crypto::pin_error_key("246810", "246811") == "pin.mismatch");
}
