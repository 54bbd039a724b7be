// The failed-unlock counter beside the vault and the growing delay between attempts (T-15).
#include "store/unlock_guard.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "support/test_support.hpp"

using kt::store::UnlockGuard;
using kt::test::TempDir;

TEST_CASE("T-15 no delay up to 5 failures, then 2^(n-5) seconds, at most 300", "[security]") {
    for (int n = -1; n <= 5; ++n)
        CHECK(UnlockGuard::delay_seconds(n) == 0.0);
    const double expected[] = {2, 4, 8, 16, 32, 64, 128, 256, 300, 300};
    std::string table;
    for (int n = 6; n <= 15; ++n) {
        CAPTURE(n);
        CHECK(UnlockGuard::delay_seconds(n) == Approx(expected[n - 6]).margin(0.1));
        table += " " + std::to_string(n) + ":" +
                 std::to_string(static_cast<int>(UnlockGuard::delay_seconds(n))) + "s";
    }
    CHECK(UnlockGuard::delay_seconds(1000) == 300.0);
    std::printf("T-15: delay after n failures:%s\n", table.c_str());
}

TEST_CASE("T-15 failures survive a restart and the wait counts down from the last one",
          "[security]") {
    TempDir dir;
    const auto vault = dir / "v.ktv";
    for (int i = 1; i <= 7; ++i)
        REQUIRE(UnlockGuard::load(vault).record_failure(1000 + i).ok());
    const auto g = UnlockGuard::load(vault);  // a new process reads the same file
    CHECK(g.failures() == 7);
    CHECK(g.last_failure() == 1007);
    CHECK(g.pending().size() == 7);
    CHECK(g.seconds_until_allowed(1007) == Approx(4.0));
    CHECK(g.seconds_until_allowed(1010) == Approx(1.0));
    CHECK(g.seconds_until_allowed(1011) == 0.0);
    struct stat st {};
    REQUIRE(::stat(kt::store::state_file_path(vault).c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(kt::store::state_file_path(vault).filename() == "v.ktv.state");
}

TEST_CASE("reset clears the count but keeps failures not yet in the audit log") {
    TempDir dir;
    const auto vault = dir / "v.ktv";
    auto stale = UnlockGuard::load(vault);  // loaded before the failures: must not undo them
    for (int i = 0; i < 3; ++i)
        REQUIRE(UnlockGuard::load(vault).record_failure(50 + i).ok());
    REQUIRE(stale.reset().ok());
    auto g = UnlockGuard::load(vault);
    CHECK(g.failures() == 0);
    CHECK(g.pending().size() == 3);
    REQUIRE(g.clear_pending().ok());
    CHECK(UnlockGuard::load(vault).pending().empty());
}

TEST_CASE("a missing or garbled state file counts as no failures") {
    TempDir dir;
    const auto vault = dir / "v.ktv";
    CHECK(UnlockGuard::load(vault).failures() == 0);
    CHECK_FALSE(std::filesystem::exists(kt::store::state_file_path(vault)));
    kt::test::write_bytes(kt::store::state_file_path(vault), kt::test::random_bytes(100));
    CHECK(UnlockGuard::load(vault).failures() == 0);
    REQUIRE(UnlockGuard::load(vault).record_failure(9).ok());
    CHECK(UnlockGuard::load(vault).failures() == 1);
}

TEST_CASE("the state file keeps at most 200 failure times but counts every failure") {
    TempDir dir;
    const auto vault = dir / "v.ktv";
    for (int i = 0; i < 230; ++i)
        REQUIRE(UnlockGuard::load(vault).record_failure(i).ok());
    const auto g = UnlockGuard::load(vault);
    CHECK(g.failures() == 230);
    REQUIRE(g.pending().size() == UnlockGuard::kMaxPending);
    CHECK(g.pending().back() == 229);
    CHECK(g.seconds_until_allowed(229) == 300.0);
}
