// Test-only (compiled in KT_TEST_HOOKS builds alone): a SQLite VFS over the default "unix" one
// that injects the faults of SQLite's own crash and I/O-error tests into the vault's files
// (main database, WAL, rollback journal; never temp files or -shm):
//   power_loss  at the n-th xSync the writes since each file's last sync are dropped, kept or
//               torn per 512-byte sector (seeded), the size is the old or the new one, and
//               from then on every I/O call fails until reboot(): the device lost power.
//   disk_full   the n-th xWrite and every later one fail with SQLITE_FULL until disarm().
//   io_read, io_write, io_sync, io_truncate
//               the n-th call of that kind fails with SQLITE_IOERR_<kind>; once, or, with
//               `persist`, that call and every later one until disarm().
// While armed, or always when installed with Syncs::simulated, xSync does not reach the disk
// (the simulation decides what is durable), so sweeps run fast. Database::open uses this VFS once
// install() ran in the process, or when the environment has KT_TEST_FAULTS (a plan as in
// parse_plan, or "off").
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace kt::store::faults {

enum class Kind { none, power_loss, disk_full, io_read, io_write, io_sync, io_truncate };

struct Plan {
    Kind kind = Kind::none;
    int at = 1;  // the 1-based call, counted from arm(), where the fault strikes
    // io_*: keep failing from `at` on (disk_full always persists). power_loss: a lying disk
    // that acknowledges every sync but keeps nothing until the power goes (the canary that
    // proves a sweep can see lost commits).
    bool persist = false;
    unsigned seed = 0;  // power_loss: 0 drops every unsynced sector, 1 keeps all, else torn
};

/// Calls on the vault's files since arm(), and what was injected.
struct Counts {
    int reads = 0, writes = 0, syncs = 0, truncates = 0;
    int injected = 0;          // calls answered with a fault
    bool powered_off = false;  // a power loss happened and reboot() has not run yet
};

inline constexpr const char* kVfsName = "kt-faults";

enum class Syncs { real, simulated };

/// Registers the VFS (idempotent), not as SQLite's default. Call after crypto::init().
/// `simulated`: no xSync reaches the disk, armed or not (in-process sweeps).
void install(Syncs syncs = Syncs::real);
/// The VFS Database::open should name: kVfsName once installed (installing and arming from
/// KT_TEST_FAULTS when that is set), else nullptr (SQLite's default).
const char* vfs_for_open();

/// Starts a plan; the counts start at 0 and the unsynced-write log is empty.
void arm(const Plan& plan);
/// No more faults ("the space was freed"). A power loss stays until reboot().
void disarm();
Counts counts();
/// After a power loss, with every connection to the vault closed: the shared-memory index
/// (-shm, lost with the power) is removed and the power comes back; nothing is armed.
void reboot(const std::filesystem::path& vault);

/// "off", "disk_full@N", "io_read@N" (once), "io_write@N+" (from N on), "power_loss@N:SEED".
/// nullopt when malformed.
std::optional<Plan> parse_plan(std::string_view spec);

}  // namespace kt::store::faults
