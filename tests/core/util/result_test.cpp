// Result<T>, Status and the mapping of error codes to message keys.
#include "util/result.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <set>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n/catalog.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;

namespace {

// Every ErrorCode; `internal` is the last enumerator.
std::vector<ErrorCode> all_codes() {
    std::vector<ErrorCode> out;
    for (int i = 0; i <= static_cast<int>(ErrorCode::internal); ++i)
        out.push_back(static_cast<ErrorCode>(i));
    return out;
}

kt::Result<int> parse_level(int raw) {
    if (raw < 1 || raw > 5) return kt::make_error(ErrorCode::usage, "level out of range");
    return raw;
}

// Runs `misuse` in a child process; true when the child died of SIGABRT (and nothing else).
template <typename F>
bool aborts(F misuse) {
    const pid_t pid = fork();
    if (pid == 0) {
        std::fclose(stderr);  // the message is for developers; keep the test output clean
        misuse();
        _exit(0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) return false;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

}  // namespace

TEST_CASE("a successful result carries its value") {
    auto r = parse_level(3);
    REQUIRE(r.ok());
    REQUIRE(static_cast<bool>(r));
    CHECK(r.value() == 3);
    CHECK(*r == 3);
}

TEST_CASE("a failed result carries its error code and detail") {
    auto r = parse_level(7);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::usage);
    CHECK(r.error().detail == "level out of range");
}

TEST_CASE("a result can hold a move-only value and hand it over") {
    kt::Result<std::unique_ptr<int>> r(std::make_unique<int>(42));
    REQUIRE(r.ok());
    std::unique_ptr<int> p = std::move(r).value();
    REQUIRE(p != nullptr);
    CHECK(*p == 42);
}

TEST_CASE("a default status is success and an error status is not") {
    kt::Status fine;
    CHECK(fine.ok());
    kt::Status bad = kt::make_error(ErrorCode::disk_full, "no space");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::disk_full);
}

TEST_CASE("every error code has its own message key") {
    std::set<std::string> keys;
    for (ErrorCode code : all_codes()) {
        const std::string key = kt::error_message_key(code);
        CAPTURE(static_cast<int>(code), key);
        CHECK(key.rfind("error.", 0) == 0);
        keys.insert(key);
    }
    CHECK(keys.size() == all_codes().size());
    CHECK(std::string(kt::error_message_key(ErrorCode::wrong_passphrase)) ==
          "error.vault.wrong_passphrase");
}

TEST_CASE("every error message exists in Dutch and English") {
    const auto root = kt::test::bundle_keys(kt::test::i18n_dir(), "root");
    for (const std::string locale : {"nl", "en"}) {
        auto cat = kt::i18n::Catalog::open(kt::test::i18n_dir(), locale);
        REQUIRE(cat.ok());
        const auto own = cat->own_keys();
        for (ErrorCode code : all_codes()) {
            const std::string key = kt::error_message_key(code);
            CAPTURE(locale, key);
            CHECK(root.count(key) == 1);
            CHECK(std::find(own.begin(), own.end(), key) != own.end());
            CHECK_FALSE(cat->tr(key).empty());
        }
    }
}

TEST_CASE("asking a success for its error or a failure for its value aborts, never reads junk") {
    CHECK(aborts([] {
        kt::Status fine;
        (void)fine.error().code;
    }));
    CHECK(aborts([] { (void)parse_level(3).error().code; }));
    CHECK(aborts([] { (void)parse_level(7).value(); }));
    // The same calls on the right kind of result return normally.
    CHECK_FALSE(aborts([] { (void)parse_level(7).error().code; }));
    CHECK_FALSE(aborts([] { (void)parse_level(3).value(); }));
}
