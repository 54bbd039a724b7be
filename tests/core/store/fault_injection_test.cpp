// T-02 power loss, T-03 disk full, T-04 I/O errors (security-tests.md): the realistic session
// of fault_session.hpp through the fault-injecting VFS (store/fault_vfs.hpp), swept over the
// session's syncs, writes, reads and truncates. Deterministic: the n-th call and a seed pick
// each fault, never a clock. Plus one run on a real tmpfs that is filled up.
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <climits>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "fault_session.hpp"
#include "i18n/catalog.hpp"
#include "store/fault_vfs.hpp"

using namespace kt;
using kt::test::FaultStep;
using kt::test::SessionIds;
using kt::test::VaultTemplate;
namespace faults = kt::store::faults;
namespace fs = std::filesystem;

namespace {

struct Run {
    std::vector<std::size_t> acked;  // steps that showed no error
    SessionIds ids;
    std::vector<int> calls_after;  // the VFS counts of the planned kind after each step
};

int calls_of(faults::Kind kind) {
    const auto c = faults::counts();
    switch (kind) {
        case faults::Kind::power_loss:
        case faults::Kind::io_sync:
            return c.syncs;
        case faults::Kind::disk_full:
        case faults::Kind::io_write:
            return c.writes;
        case faults::Kind::io_read:
            return c.reads;
        case faults::Kind::io_truncate:
            return c.truncates;
        case faults::Kind::none:
            break;
    }
    return 0;
}

// Every step once, as a worker does it; stops once the power is gone (the tablet is off).
Run run_session(const fs::path& vault, const std::vector<FaultStep>& steps, const Clock& clock,
                faults::Kind kind) {
    Run r;
    present::Session s(vault, clock);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].act(s, r.ids).empty()) r.acked.push_back(i);
        r.calls_after.push_back(calls_of(kind));
        if (faults::counts().powered_off) break;
    }
    return r;
}

std::vector<std::size_t> all_steps(const std::vector<FaultStep>& steps) {
    std::vector<std::size_t> all(steps.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = i;
    return all;
}

int checked_steps(const std::vector<FaultStep>& steps) {
    return int(
        std::count_if(steps.begin(), steps.end(), [](const auto& s) { return bool(s.stored); }));
}

std::size_t step_index(const std::vector<FaultStep>& steps, const std::string& name) {
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].name == name) return i;
    FAIL("no step " << name);
    return 0;
}

// A run without faults: every step succeeds and is found, and the checks are able to fail
// (a copy of the template has none of it). Returns the calls of `kind` after each step.
std::vector<int> dry_run(const VaultTemplate& tpl, const fs::path& vault,
                         const std::vector<FaultStep>& steps, const Clock& clock,
                         faults::Kind kind) {
    tpl.copy_to(vault);
    faults::arm({kind, INT_MAX, false, 0});
    const Run r = run_session(vault, steps, clock, kind);
    faults::disarm();
    REQUIRE(r.acked.size() == steps.size());
    const auto all = all_steps(steps);
    const auto ok = test::verify_vault(vault, tpl.dek(), steps, all, r.ids);
    REQUIRE(ok.opens);
    REQUIRE(ok.missing == 0);
    REQUIRE(ok.integrity_ok);
    tpl.copy_to(vault);
    const auto empty = test::verify_vault(vault, tpl.dek(), steps, all, r.ids);
    REQUIRE(empty.missing == checked_steps(steps));
    return r.calls_after;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE(
    "T-02 power lost at every sync of a session: every vault opens, no acknowledged "
    "commit is lost",
    "[security]") {
    faults::install(faults::Syncs::simulated);
    const VaultTemplate tpl;
    test::TempDir dir;
    const fs::path vault = dir / "v.kt";
    SystemClock system;
    OffsetClock clock(system);
    clock.freeze();
    const auto steps = test::realistic_session(vault, tpl.dek());
    const int syncs = dry_run(tpl, vault, steps, clock, faults::Kind::power_loss).back();
    REQUIRE(syncs > 20);
    // Seed 0 drops every unsynced sector, 1 keeps them all, the others tear them at random.
    const int seeds = (1000 + syncs - 1) / syncs;
    const auto t0 = std::chrono::steady_clock::now();
    int crashes = 0, not_open = 0, lost = 0, damaged = 0, audit_broken = 0, seals_broken = 0;
    std::size_t acked = 0;
    std::map<std::string, int> crash_steps;
    for (int k = 1; k <= syncs; ++k) {
        for (int seed = 0; seed < seeds; ++seed) {
            tpl.copy_to(vault);
            faults::arm({faults::Kind::power_loss, k, false, unsigned(seed)});
            const Run r = run_session(vault, steps, clock, faults::Kind::power_loss);
            const bool crashed = faults::counts().powered_off;
            faults::reboot(vault);
            crashes += crashed;
            acked += r.acked.size();
            ++crash_steps[steps[r.calls_after.size() - 1].name];
            const auto v = test::verify_vault(vault, tpl.dek(), steps, r.acked, r.ids);
            CAPTURE(k, seed, v.open_error, v.missing_steps);
            CHECK(v.opens);
            not_open += !v.opens;
            lost += v.missing;
            damaged += v.opens && !v.integrity_ok;
            audit_broken += v.opens && !v.audit_intact;
            seals_broken += v.seals_broken != 0 && v.opens;
        }
    }
    // The canary: a disk that acknowledges syncs but keeps nothing loses acknowledged commits,
    // and the same checks see it.
    tpl.copy_to(vault);
    faults::arm({faults::Kind::power_loss, syncs, true, 0});
    const Run lying = run_session(vault, steps, clock, faults::Kind::power_loss);
    faults::reboot(vault);
    const auto canary = test::verify_vault(vault, tpl.dek(), steps, lying.acked, lying.ids);
    CHECK(canary.missing > 0);
    std::printf("T-02 canary: a disk that lies about fsync loses %d acknowledged commits\n",
                canary.missing);
    std::printf(
        "T-02: %d simulated power losses (%d syncs in the session x %d seeds: drop, keep, "
        "torn per 512-byte sector) in %zu steps of %zu; %zu acknowledged steps checked; %d "
        "vaults that fail to open, %d lost acknowledged commits, %d integrity failures, %d "
        "audit chain breaks, %d broken seals; %.1f s\n",
        crashes, syncs, seeds, crash_steps.size(), steps.size(), acked, not_open, lost, damaged,
        audit_broken, seals_broken, seconds_since(t0));
    CHECK(crashes >= 1000);
    CHECK(not_open == 0);
    CHECK(lost == 0);
    CHECK(damaged == 0);
    CHECK(audit_broken == 0);
    CHECK(seals_broken == 0);
}

namespace {

struct Sweep {
    int points = 0, struck = 0, failures = 0, wrong_message = 0, not_done = 0;
    int lost = 0, not_open = 0, damaged = 0, audit_broken = 0, seals_broken = 0;
    std::set<std::string> keys;
};

bool stored_now(const fs::path& vault, const crypto::SecretBytes& dek, const FaultStep& step,
                const SessionIds& ids) {
    auto db = store::open_keyed_database(vault, dek, store::Database::Mode::open_existing);
    return db && step.stored(db.value(), ids);
}

// One session with `plan` armed. After a step that shows an error the fault ends (space is
// freed, the medium answers again); unless the step's change is there anyway, the worker
// does it again, and now it must succeed. In the end every step's change is in the vault.
void run_with_fault(const VaultTemplate& tpl, const fs::path& vault,
                    const std::vector<FaultStep>& steps, const Clock& clock,
                    const faults::Plan& plan, const std::string& expected_key, Sweep& out) {
    tpl.copy_to(vault);
    faults::arm(plan);
    SessionIds ids;
    {
        present::Session s(vault, clock);
        for (const auto& step : steps) {
            std::string err = step.act(s, ids);
            if (err.empty()) continue;
            ++out.failures;
            out.keys.insert(err);
            if (err != expected_key) {
                ++out.wrong_message;
                std::fprintf(stderr, "at %d step %s: %s\n", plan.at, step.name.c_str(),
                             err.c_str());
            }
            faults::disarm();
            if (step.stored && stored_now(vault, tpl.dek(), step, ids)) continue;
            err = step.act(s, ids);
            const bool done =
                err.empty() && (!step.stored || stored_now(vault, tpl.dek(), step, ids));
            if (!done)
                std::fprintf(stderr, "at %d step %s: not done (%s)\n", plan.at, step.name.c_str(),
                             err.c_str());
            out.not_done += !done;
        }
        out.struck += faults::counts().injected > 0;
    }
    faults::disarm();
    ++out.points;
    const auto v = test::verify_vault(vault, tpl.dek(), steps, all_steps(steps), ids);
    if (!v.missing_steps.empty())
        std::fprintf(stderr, "at %d missing: %s\n", plan.at, v.missing_steps.front().c_str());
    out.not_open += !v.opens;
    out.lost += v.missing;
    out.damaged += v.opens && !v.integrity_ok;
    out.audit_broken += v.opens && !v.audit_intact;
    out.seals_broken += v.opens && v.seals_broken != 0;
}

void check_sweep(const Sweep& s) {
    CHECK(s.struck == s.points);  // every point really injected its fault
    CHECK(s.wrong_message == 0);
    CHECK(s.not_done == 0);
    CHECK(s.lost == 0);
    CHECK(s.not_open == 0);
    CHECK(s.damaged == 0);
    CHECK(s.audit_broken == 0);
    CHECK(s.seals_broken == 0);
}

void print_sweep(const char* what, const Sweep& s) {
    std::printf(
        "%s: %d points, %d struck, %d error messages shown (wrong kind: %d; the rest absorbed, "
        "e.g. a checkpoint that waits for the next one), %d steps not done "
        "after the fault ended, %d lost commits, %d vaults that fail to open, %d integrity "
        "failures, %d audit chain breaks, %d broken seals\n",
        what, s.points, s.struck, s.failures, s.wrong_message, s.not_done, s.lost, s.not_open,
        s.damaged, s.audit_broken, s.seals_broken);
}

// Every call of the seal step, and calls spread evenly over the whole session (about `n`).
std::set<int> sweep_points(const std::vector<int>& calls_after, std::size_t seal, int n) {
    std::set<int> points;
    for (int c = calls_after[seal - 1] + 1; c <= calls_after[seal]; ++c)
        points.insert(c);
    const int total = calls_after.back();
    const int stride = std::max(1, total / n);
    for (int c = 1; c <= total; c += stride)
        points.insert(c);
    return points;
}

std::string dutch(const std::string& key) {
    auto nl = i18n::Catalog::open(test::i18n_dir(), "nl");
    REQUIRE(nl.ok());
    return nl->tr(key);
}

}  // namespace

TEST_CASE(
    "T-03 disk full at every write of the seal and across the session: the Dutch "
    "message, nothing lost, done once space is freed",
    "[security]") {
    faults::install(faults::Syncs::simulated);
    const VaultTemplate tpl;
    test::TempDir dir;
    const fs::path vault = dir / "v.kt";
    SystemClock system;
    OffsetClock clock(system);
    clock.freeze();
    const auto steps = test::realistic_session(vault, tpl.dek());
    const auto writes = dry_run(tpl, vault, steps, clock, faults::Kind::disk_full);
    const std::size_t seal = step_index(steps, "seal");
    const auto t0 = std::chrono::steady_clock::now();
    Sweep sweep;
    for (const int n : sweep_points(writes, seal, 60))
        run_with_fault(tpl, vault, steps, clock, {faults::Kind::disk_full, n, true, 0},
                       "error.disk_full", sweep);
    print_sweep("T-03 disk full (SQLITE_FULL from the n-th write until space is freed)", sweep);
    std::printf("T-03: %d writes in the session, %d in the seal; the message: \"%s\"; %.1f s\n",
                writes.back(), writes[seal] - writes[seal - 1], dutch("error.disk_full").c_str(),
                seconds_since(t0));
    CHECK(writes[seal] > writes[seal - 1]);
    check_sweep(sweep);
}

TEST_CASE(
    "T-04 I/O errors on read, write, sync and truncate across the session: the Dutch "
    "message, nothing lost, done on the next try",
    "[security]") {
    faults::install(faults::Syncs::simulated);
    const VaultTemplate tpl;
    test::TempDir dir;
    const fs::path vault = dir / "v.kt";
    SystemClock system;
    OffsetClock clock(system);
    clock.freeze();
    const auto steps = test::realistic_session(vault, tpl.dek());
    const std::size_t seal = step_index(steps, "seal");
    const auto t0 = std::chrono::steady_clock::now();
    const std::pair<faults::Kind, const char*> kinds[] = {{faults::Kind::io_read, "read"},
                                                          {faults::Kind::io_write, "write"},
                                                          {faults::Kind::io_sync, "sync"},
                                                          {faults::Kind::io_truncate, "truncate"}};
    for (const auto& [kind, name] : kinds) {
        const auto calls = dry_run(tpl, vault, steps, clock, kind);
        Sweep sweep;
        for (const int n : sweep_points(calls, seal, 40))
            run_with_fault(tpl, vault, steps, clock, {kind, n, false, 0}, "error.io", sweep);
        const std::string what = std::string("T-04 SQLITE_IOERR on the n-th ") + name + " (of " +
                                 std::to_string(calls.back()) + ")";
        print_sweep(what.c_str(), sweep);
        CAPTURE(name);
        check_sweep(sweep);
    }
    std::printf("T-04: the message: \"%s\"; %.1f s\n", dutch("error.io").c_str(),
                seconds_since(t0));
}

namespace {

// This process gets a mount namespace of its own (as root, or as root of a new user
// namespace), so the tmpfs is private to it and gone when it ends.
bool private_mounts() {
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (::unshare(uid == 0 ? CLONE_NEWNS : CLONE_NEWUSER | CLONE_NEWNS) != 0) return false;
    if (uid != 0) {
        std::ofstream("/proc/self/setgroups") << "deny";
        std::ofstream("/proc/self/uid_map") << "0 " << uid << " 1";
        std::ofstream("/proc/self/gid_map") << "0 " << gid << " 1";
    }
    return ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

// Writes to `file` until not one more byte fits; returns the bytes written.
std::size_t fill_up(const fs::path& file) {
    std::ofstream out(file, std::ios::binary);
    std::size_t total = 0;
    const std::string block(4096, 'x');
    for (std::size_t chunk = block.size(); chunk > 0; chunk /= 2) {
        for (;;) {
            out.write(block.data(), std::streamsize(chunk));
            out.flush();
            if (!out) break;
            total += chunk;
        }
        out.clear();
    }
    return total;
}

}  // namespace

TEST_CASE(
    "T-03 on a real tmpfs filled up: the seal shows the Dutch message, and succeeds "
    "once space is freed",
    "[security]") {
    const VaultTemplate tpl;
    test::TempDir dir;
    const fs::path small = dir / "small";
    fs::create_directory(small);
    REQUIRE(private_mounts());
    REQUIRE(::mount("tmpfs", small.c_str(), "tmpfs", 0, "size=2m,mode=0700") == 0);
    const fs::path vault = small / "v.kt";
    const fs::path filler = small / "filler";
    SystemClock system;
    OffsetClock clock(system);
    clock.freeze();
    const auto steps = test::realistic_session(vault, tpl.dek());
    const std::size_t seal = step_index(steps, "seal");
    tpl.copy_to(vault);
    SessionIds ids;
    std::size_t filled = 0;
    {
        present::Session s(vault, clock);
        for (std::size_t i = 0; i < seal; ++i) {
            CAPTURE(steps[i].name);
            REQUIRE(steps[i].act(s, ids).empty());
        }
        filled = fill_up(filler);
        CHECK(steps[seal].act(s, ids) == "error.disk_full");
        // The program runs on: what was signed is still shown, the seal is not there.
        CHECK(s.vault_open());
        REQUIRE(s.review().signature(model::Signer::worker) != nullptr);
        CHECK_FALSE(s.assessment()->sealed());
        fs::remove(filler);  // space is freed
        CHECK(steps[seal].act(s, ids).empty());
        for (std::size_t i = seal + 1; i < steps.size(); ++i) {
            CAPTURE(steps[i].name);
            CHECK(steps[i].act(s, ids).empty());
        }
    }
    const auto v = test::verify_vault(vault, tpl.dek(), steps, all_steps(steps), ids);
    std::printf(
        "T-03 on a 2 MiB tmpfs: %zu bytes of filler made it full; the seal showed \"%s\"; after "
        "freeing it sealed; %d steps' changes missing, integrity %s\n",
        filled, dutch("error.disk_full").c_str(), v.missing, v.integrity_ok ? "ok" : "FAILED");
    CHECK(v.missing == 0);
    CHECK(v.integrity_ok);
    CHECK(v.audit_intact);
    CHECK(v.seals_broken == 0);
    ::umount2(small.c_str(), MNT_DETACH);
}
