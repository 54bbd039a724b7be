// Crash durability: a process killed at random moments loses no acknowledged commit (T-01),
// and a finished assessment never lives only in the WAL (T-08).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "support/child_process.hpp"
#include "support/test_support.hpp"

using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;
namespace store = kt::store;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

void say(int fd, const std::string& line) {
    // One write per line: below PIPE_BUF, so a line arrives whole or not at all.
    (void)!::write(fd, line.data(), line.size());
}

// The child: opens the vault, says it is ready, then saves scores in a loop through the real
// store API and reports each acknowledged commit ("A id" for an assessment, "S id domain
// level" for a score). Never returns.
[[noreturn]] void save_until_killed(const fs::path& path, const kt::crypto::SecretBytes& dek,
                                    const std::string& client, int round, int fd) {
    auto v = Vault::open_with_data_key(path, dek);
    if (!v) ::_exit(3);
    say(fd, "R\n");
    std::string assessment;
    for (int k = 0;; ++k) {
        const int domain = k % kt::zrm::kDomainCount;
        if (domain == 0) {
            auto a = store::start_assessment(v->db(), client, kt::model::AssessmentKind::intake,
                                             round * 100000 + k);
            if (!a) ::_exit(4);
            assessment = a.value();
            say(fd, "A " + assessment + "\n");
        }
        const int level = 1 + (k / kt::zrm::kDomainCount + domain) % 5;
        if (!store::set_score(v->db(), assessment, domain, level, round * 100000 + k)) ::_exit(5);
        say(fd,
            "S " + assessment + " " + std::to_string(domain) + " " + std::to_string(level) + "\n");
    }
}

// Reads from `fd` into `out` until `lines` more complete lines have arrived (or the pipe ends).
void read_lines(int fd, std::string& out, int lines) {
    char buf[256];
    while (lines > 0) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0 || (n < 0 && errno != EINTR)) return;
        if (n < 0) continue;
        for (ssize_t i = 0; i < n; ++i)
            lines -= buf[i] == '\n';
        out.append(buf, static_cast<std::size_t>(n));
    }
}

std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) out.append(buf, static_cast<std::size_t>(n));
        if (n == 0 || (n < 0 && errno != EINTR)) return out;
    }
}

using Scores = std::map<std::pair<std::string, int>, int>;  // (assessment, domain) -> level

Scores stored_scores(Vault& v) {
    auto st = v.db().prepare("SELECT assessment_id, domain, level FROM score");
    REQUIRE(st.ok());
    Scores out;
    for (;;) {
        auto row = st->step();
        REQUIRE(row.ok());
        if (!row.value()) return out;
        const auto index = kt::zrm::domain_index(st->text(1));
        REQUIRE(index);
        out[{st->text(0), *index}] = static_cast<int>(st->int64(2));
    }
}

}  // namespace

TEST_CASE("T-01 acknowledged commits survive SIGKILL", "[security]") {
    TempDir dir;
    const fs::path path = dir / "v.ktv";
    std::string client;
    {
        auto v = kt::test::create_test_vault(path, kPass);
        kt::model::Client c;
        c.given_name = "Duurzaam";
        c.family_name = "Bewaard";
        auto id = store::add_client(v.db(), c, 1);
        REQUIRE(id.ok());
        client = id.value();
    }
    auto dek = Vault::unlock_data_key(path, kPass);
    REQUIRE(dek.ok());
    const unsigned seed = std::random_device{}();
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    // The kill comes after a random number of acknowledged commits (counted from the child's
    // own reports, never guessed from wall-clock time) plus a random delay that lands it
    // anywhere inside the next commit.
    std::uniform_int_distribution<int> acks_before_kill(1, 8);
    std::uniform_int_distribution<int> delay_us(0, 3000);
    Scores acked;
    std::size_t assessments_acked = 0, commits = 0, lost = 0, integrity_failures = 0, breaks = 0;
    constexpr int kKills = 200;
    for (int round = 0; round < kKills; ++round) {
        int fds[2];
        REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
        kt::test::ChildProcess child([&] {
            ::close(fds[0]);
            save_until_killed(path, dek.value(), client, round, fds[1]);
        });
        ::close(fds[1]);
        std::string reported;
        read_lines(fds[0], reported, 1 + acks_before_kill(rng));  // "R" and then the acks
        REQUIRE(reported.rfind("R\n", 0) == 0);
        ::usleep(static_cast<useconds_t>(delay_us(rng)));
        const int status = child.kill_and_wait();
        CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));  // killed, not failed
        std::istringstream lines(reported + read_all(fds[0]));
        ::close(fds[0]);
        for (std::string kind, id; lines >> kind;) {
            if (kind == "R") continue;
            lines >> id;
            if (kind == "A") {
                ++assessments_acked;
                ++commits;
                continue;
            }
            int domain = 0, level = 0;
            lines >> domain >> level;
            acked[{id, domain}] = level;
            ++commits;
        }
        auto v = Vault::open_with_data_key(path, dek.value());
        REQUIRE(v.ok());
        auto quick = v->db().query_text("PRAGMA quick_check");
        REQUIRE(quick.ok());
        integrity_failures += quick.value() != "ok";
        breaks += v->audit_chain_broken();
        const Scores stored = stored_scores(v.value());
        for (const auto& [key, level] : acked) {
            const auto it = stored.find(key);
            lost += it == stored.end() || it->second != level;
        }
        if (lost || integrity_failures) break;
    }
    std::printf(
        "T-01: %d kills, %zu commits acknowledged (%zu scores, %zu assessments), %zu lost, "
        "%zu integrity failures, %zu audit chain breaks\n",
        kKills, commits, acked.size(), assessments_acked, lost, integrity_failures, breaks);
    CHECK(lost == 0);
    CHECK(integrity_failures == 0);
    CHECK(breaks == 0);
    CHECK(commits > static_cast<std::size_t>(kKills));  // the children really were committing
}

TEST_CASE("T-08 after finishing an assessment the WAL is 0 bytes and the main file holds it",
          "[security]") {
    TempDir dir;
    const fs::path path = dir / "v.ktv";
    const fs::path wal = path.string() + "-wal";
    std::string assessment;
    {
        auto v = kt::test::create_test_vault(path, kPass);
        kt::model::Client c;
        c.given_name = "Afgerond";
        c.family_name = "Gesloten";
        auto client = store::add_client(v.db(), c, 1);
        REQUIRE(client.ok());
        auto a =
            store::start_assessment(v.db(), client.value(), kt::model::AssessmentKind::intake, 2);
        REQUIRE(a.ok());
        assessment = a.value();
        for (int d = 0; d < kt::zrm::kDomainCount; ++d)
            REQUIRE(store::set_score(v.db(), assessment, d, 3, 3).ok());
        CHECK(fs::file_size(wal) > 0);  // the scores are in the WAL for now
        REQUIRE(store::finish_assessment(v.db(), assessment, 4).ok());
        REQUIRE(v.checkpoint().ok());  // what Session::finish does right after finishing
        CHECK(fs::file_size(wal) == 0);
        // The main file alone, as if the WAL were lost or torn now, holds the finished one.
        fs::create_directory(dir / "alone");
        fs::copy_file(path, dir / "alone" / "v.ktv");
        fs::copy_file(path.string() + ".key", dir / "alone" / "v.ktv.key");
        std::printf("T-08: after finish + checkpoint the WAL is %llu bytes\n",
                    static_cast<unsigned long long>(fs::file_size(wal)));
    }
    auto alone = Vault::open(dir / "alone" / "v.ktv", kPass);
    REQUIRE(alone.ok());
    auto a = store::load_assessment(alone->db(), assessment);
    REQUIRE(a.ok());
    CHECK(a->status == kt::model::AssessmentStatus::finished);
    CHECK(a->scored_count() == kt::zrm::kDomainCount);
    CHECK_FALSE(alone->audit_chain_broken());
}
