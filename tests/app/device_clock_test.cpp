// T-42 in the program: the tablet's date set 5 years back and then 10 years on while a
// client's page is open. The idle lock runs on CLOCK_BOOTTIME: neither jump locks the screen,
// and it locks exactly when the worker has been idle for the set 120 s. The rest of T-42
// (sealing, device_seq, receipts) is tests/e2e/device_clock_test.cpp.
#include <catch2/catch.hpp>

#include "kiosk_runner.hpp"

namespace kt::test {

TEST_CASE(
    "T-42 a date set back or forward by years neither locks the screen nor delays the "
    "idle lock",
    "[security]") {
    DemoVault v;
    const std::string shown = "expect-text \"IJsbrand van Dijk\"";
    const std::vector<std::string> s = {"tap-text \"Dijk, IJsbrand van\"",
                                        shown,
                                        "wall-clock-jump -157680000",  // 5 years back
                                        shown,
                                        "advance-clock 119",
                                        shown,
                                        "wall-clock-jump 315360000",  // 10 years on
                                        shown,
                                        "advance-clock 2",
                                        "expect-text \"Vergrendeld\"",
                                        "type \"123456\"",
                                        "key Enter",
                                        shown};
    const auto r = run_kiosk(v, s);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    // The lock really hides the client: the same script with the name expected while locked.
    auto locked = s;
    locked.insert(locked.begin() + 10, shown);
    const auto hidden = run_kiosk(v, locked);
    CHECK(hidden.exit_code == 5);
    CHECK(hidden.err.find("line 11") != std::string::npos);
}

}  // namespace kt::test
