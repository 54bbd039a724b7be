#include "store/fault_vfs.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <utility>

namespace kt::store::faults {

namespace {

constexpr std::int64_t kSector = 512;

// What SQLite allocates per open file: our header, then the unix VFS's own file object.
struct FaultFile {
    sqlite3_file base;   // first, so SQLite's pointer is ours
    sqlite3_file* real;  // the unix file, right after this struct in the same block
    const char* path;    // SQLite keeps the name valid until xClose
    bool tracked;        // main database, WAL or rollback journal
};

// A file's state as of its last sync: its size, and the old bytes of every 512-byte sector
// written or cut since ("" beyond the synced end). Only kept while a power loss is armed.
struct SyncLog {
    std::int64_t synced_size = 0;
    std::map<std::int64_t, std::string> old;  // sector index -> bytes as of the last sync
};

struct State {
    std::mutex mutex;
    sqlite3_vfs* real = nullptr;
    sqlite3_vfs vfs{};
    bool installed = false;
    bool simulated_syncs = false;
    bool armed = false;
    Plan plan;
    Counts counts;
    std::map<std::string, SyncLog> logs;  // by path
};

State& state() {
    static State s;
    return s;
}

FaultFile* fault_file(sqlite3_file* f) {
    return reinterpret_cast<FaultFile*>(f);
}

// True when call number `call` of an operation of `kind` is to fail under the armed plan.
bool strikes(const State& s, Kind kind, int call) {
    if (!s.armed || s.plan.kind != kind) return false;
    const bool sticky = s.plan.persist || kind == Kind::disk_full;
    return call == s.plan.at || (sticky && call > s.plan.at);
}

int injected(State& s, int rc) {
    ++s.counts.injected;
    return rc;
}

bool logging(const State& s) {
    return s.armed && s.plan.kind == Kind::power_loss;
}

SyncLog& log_for(State& s, FaultFile* p) {
    auto it = s.logs.find(p->path);
    if (it != s.logs.end()) return it->second;
    sqlite3_int64 size = 0;
    (void)p->real->pMethods->xFileSize(p->real, &size);
    return s.logs.emplace(p->path, SyncLog{size, {}}).first->second;
}

// Keeps the synced bytes of the sectors in [from, to) that are about to change.
void remember(State& s, FaultFile* p, std::int64_t from, std::int64_t to) {
    SyncLog& log = log_for(s, p);
    for (std::int64_t sector = from / kSector; sector * kSector < to; ++sector) {
        if (log.old.count(sector)) continue;
        const std::int64_t start = sector * kSector;
        const std::int64_t len = std::clamp<std::int64_t>(log.synced_size - start, 0, kSector);
        std::string bytes(static_cast<std::size_t>(len), '\0');
        if (len > 0) (void)p->real->pMethods->xRead(p->real, bytes.data(), int(len), start);
        log.old.emplace(sector, std::move(bytes));
    }
}

// The power goes: each logged sector below the surviving size gets its new or its synced
// content. style 0 drops everything unsynced, 1 keeps everything, 2 decides per sector.
void tear(const std::string& path, const SyncLog& log, unsigned style, std::mt19937& rng) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    ::fstat(fd, &st);
    const std::int64_t now = st.st_size;
    const bool new_size = style == 1 || (style == 2 && (rng() & 1u));
    const std::int64_t size = new_size ? now : log.synced_size;
    std::map<std::int64_t, std::string> image;
    for (const auto& [sector, old] : log.old) {
        const std::int64_t start = sector * kSector;
        if (start >= size) continue;
        const bool keep = start < now && (style == 1 || (style == 2 && (rng() & 1u)));
        std::string bytes(kSector, '\0');
        if (keep)
            (void)!::pread(fd, bytes.data(), kSector, start);
        else
            std::memcpy(bytes.data(), old.data(), old.size());
        bytes.resize(static_cast<std::size_t>(std::min(kSector, size - start)));
        image.emplace(start, std::move(bytes));
    }
    (void)!::ftruncate(fd, size);
    for (const auto& [start, bytes] : image)
        (void)!::pwrite(fd, bytes.data(), bytes.size(), start);
    ::close(fd);  // drops this process's locks on the file: fine, the power is off
}

void cut_power(State& s) {
    std::mt19937 rng(s.plan.seed);
    const unsigned style = std::min(s.plan.seed, 2u);
    for (const auto& [path, log] : s.logs)
        tear(path, log, style, rng);
    s.logs.clear();
    s.counts.powered_off = true;
}

// ---- sqlite3_io_methods ----

int f_close(sqlite3_file* f) {
    auto* p = fault_file(f);
    return p->real->pMethods->xClose(p->real);
}

int f_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    auto* p = fault_file(f);
    if (p->tracked) {
        State& s = state();
        std::lock_guard lock(s.mutex);
        const int call = ++s.counts.reads;
        if (s.counts.powered_off) return SQLITE_IOERR_READ;
        if (strikes(s, Kind::io_read, call)) return injected(s, SQLITE_IOERR_READ);
    }
    return p->real->pMethods->xRead(p->real, buf, n, off);
}

int f_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    auto* p = fault_file(f);
    if (!p->tracked) return p->real->pMethods->xWrite(p->real, buf, n, off);
    State& s = state();
    std::lock_guard lock(s.mutex);
    const int call = ++s.counts.writes;
    if (s.counts.powered_off) return SQLITE_IOERR_WRITE;
    if (strikes(s, Kind::disk_full, call)) return injected(s, SQLITE_FULL);
    if (strikes(s, Kind::io_write, call)) return injected(s, SQLITE_IOERR_WRITE);
    if (logging(s)) remember(s, p, off, off + n);
    return p->real->pMethods->xWrite(p->real, buf, n, off);
}

int f_truncate(sqlite3_file* f, sqlite3_int64 size) {
    auto* p = fault_file(f);
    if (!p->tracked) return p->real->pMethods->xTruncate(p->real, size);
    State& s = state();
    std::lock_guard lock(s.mutex);
    const int call = ++s.counts.truncates;
    if (s.counts.powered_off) return SQLITE_IOERR_TRUNCATE;
    if (strikes(s, Kind::io_truncate, call)) return injected(s, SQLITE_IOERR_TRUNCATE);
    if (logging(s)) {
        sqlite3_int64 now = 0;
        (void)p->real->pMethods->xFileSize(p->real, &now);
        if (now > size) remember(s, p, size, now);
    }
    return p->real->pMethods->xTruncate(p->real, size);
}

int f_sync(sqlite3_file* f, int flags) {
    auto* p = fault_file(f);
    if (!p->tracked) return p->real->pMethods->xSync(p->real, flags);
    State& s = state();
    std::lock_guard lock(s.mutex);
    const int call = ++s.counts.syncs;
    if (s.counts.powered_off) return SQLITE_IOERR_FSYNC;
    if (strikes(s, Kind::io_sync, call)) return injected(s, SQLITE_IOERR_FSYNC);
    if (strikes(s, Kind::power_loss, call)) {
        cut_power(s);
        return injected(s, SQLITE_IOERR_FSYNC);
    }
    if (logging(s) && !s.plan.persist) s.logs.erase(p->path);  // durable now
    // Armed (or simulated), the simulation decides what is durable: no fsync, sweeps run fast.
    if (s.armed || s.simulated_syncs) return SQLITE_OK;
    return p->real->pMethods->xSync(p->real, flags);
}

int f_file_size(sqlite3_file* f, sqlite3_int64* size) {
    auto* p = fault_file(f);
    if (p->tracked) {
        State& s = state();
        std::lock_guard lock(s.mutex);
        if (s.counts.powered_off) return SQLITE_IOERR_FSTAT;
    }
    return p->real->pMethods->xFileSize(p->real, size);
}

int f_lock(sqlite3_file* f, int level) {
    auto* p = fault_file(f);
    return p->real->pMethods->xLock(p->real, level);
}

int f_unlock(sqlite3_file* f, int level) {
    auto* p = fault_file(f);
    return p->real->pMethods->xUnlock(p->real, level);
}

int f_check_reserved(sqlite3_file* f, int* out) {
    auto* p = fault_file(f);
    return p->real->pMethods->xCheckReservedLock(p->real, out);
}

int f_file_control(sqlite3_file* f, int op, void* arg) {
    auto* p = fault_file(f);
    return p->real->pMethods->xFileControl(p->real, op, arg);
}

int f_sector_size(sqlite3_file* f) {
    auto* p = fault_file(f);
    return p->real->pMethods->xSectorSize(p->real);
}

int f_device_characteristics(sqlite3_file* f) {
    auto* p = fault_file(f);
    return p->real->pMethods->xDeviceCharacteristics(p->real);
}

int f_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    auto* p = fault_file(f);
    {
        State& s = state();
        std::lock_guard lock(s.mutex);
        if (s.counts.powered_off) return SQLITE_IOERR_SHMMAP;
    }
    return p->real->pMethods->xShmMap(p->real, page, size, extend, out);
}

int f_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    auto* p = fault_file(f);
    return p->real->pMethods->xShmLock(p->real, offset, n, flags);
}

void f_shm_barrier(sqlite3_file* f) {
    auto* p = fault_file(f);
    p->real->pMethods->xShmBarrier(p->real);
}

int f_shm_unmap(sqlite3_file* f, int delete_flag) {
    auto* p = fault_file(f);
    return p->real->pMethods->xShmUnmap(p->real, delete_flag);
}

// Version 2: no xFetch, so SQLite never memory-maps the file and every read passes here.
const sqlite3_io_methods kMethods = {2,
                                     f_close,
                                     f_read,
                                     f_write,
                                     f_truncate,
                                     f_sync,
                                     f_file_size,
                                     f_lock,
                                     f_unlock,
                                     f_check_reserved,
                                     f_file_control,
                                     f_sector_size,
                                     f_device_characteristics,
                                     f_shm_map,
                                     f_shm_lock,
                                     f_shm_barrier,
                                     f_shm_unmap,
                                     nullptr,
                                     nullptr};

// ---- sqlite3_vfs ----

int v_open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
    State& s = state();
    auto* p = fault_file(f);
    p->base.pMethods = nullptr;
    p->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(p) + sizeof(FaultFile));
    std::memset(p->real, 0, static_cast<std::size_t>(s.real->szOsFile));
    p->path = name;
    p->tracked = name != nullptr &&
                 (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) != 0;
    if (p->tracked) {
        std::lock_guard lock(s.mutex);
        if (s.counts.powered_off) return SQLITE_CANTOPEN;
    }
    const int rc = s.real->xOpen(s.real, name, p->real, flags, out_flags);
    // SQLite closes a file whose pMethods is set, even after a failed open: mirror the unix one.
    if (p->real->pMethods != nullptr) p->base.pMethods = &kMethods;
    return rc;
}

int v_delete(sqlite3_vfs*, const char* name, int sync_dir) {
    State& s = state();
    {
        std::lock_guard lock(s.mutex);
        if (s.counts.powered_off) return SQLITE_IOERR_DELETE;
        s.logs.erase(name);  // an unlinked file's unsynced writes no longer matter
    }
    return s.real->xDelete(s.real, name, sync_dir);
}

int v_access(sqlite3_vfs*, const char* name, int flags, int* out) {
    State& s = state();
    return s.real->xAccess(s.real, name, flags, out);
}

int v_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
    State& s = state();
    return s.real->xFullPathname(s.real, name, n, out);
}

bool parse_int(std::string_view text, unsigned& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

void install(Syncs syncs) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.simulated_syncs = syncs == Syncs::simulated;
    if (s.installed) return;
    s.real = sqlite3_vfs_find(nullptr);
    // The unix VFS's other methods (randomness, sleep, time, system calls, dlopen) ignore the
    // VFS pointer they get, so they are taken over as they are.
    s.vfs = *s.real;
    s.vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + s.real->szOsFile;
    s.vfs.pNext = nullptr;
    s.vfs.zName = kVfsName;
    s.vfs.xOpen = v_open;
    s.vfs.xDelete = v_delete;
    s.vfs.xAccess = v_access;
    s.vfs.xFullPathname = v_full_pathname;
    s.installed = sqlite3_vfs_register(&s.vfs, 0) == SQLITE_OK;
}

const char* vfs_for_open() {
    State& s = state();
    {
        std::lock_guard lock(s.mutex);
        if (s.installed) return kVfsName;
    }
    const char* env = std::getenv("KT_TEST_FAULTS");
    if (env == nullptr) return nullptr;
    install();
    if (auto plan = parse_plan(env); plan && plan->kind != Kind::none) arm(*plan);
    return kVfsName;
}

void arm(const Plan& plan) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.plan = plan;
    s.armed = plan.kind != Kind::none;
    const bool off = s.counts.powered_off;
    s.counts = Counts{};
    s.counts.powered_off = off;
    s.logs.clear();
}

void disarm() {
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.armed = false;
    s.plan = Plan{};
    s.logs.clear();
}

Counts counts() {
    State& s = state();
    std::lock_guard lock(s.mutex);
    return s.counts;
}

void reboot(const std::filesystem::path& vault) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    std::error_code ec;
    std::filesystem::remove(vault.string() + "-shm", ec);
    s.armed = false;
    s.plan = Plan{};
    s.logs.clear();
    s.counts.powered_off = false;
}

std::optional<Plan> parse_plan(std::string_view spec) {
    if (spec == "off") return Plan{};
    const auto at = spec.find('@');
    if (at == std::string_view::npos) return std::nullopt;
    static const std::pair<std::string_view, Kind> kKinds[] = {
        {"power_loss", Kind::power_loss}, {"disk_full", Kind::disk_full},
        {"io_read", Kind::io_read},       {"io_write", Kind::io_write},
        {"io_sync", Kind::io_sync},       {"io_truncate", Kind::io_truncate}};
    Plan plan;
    for (const auto& [name, kind] : kKinds)
        if (spec.substr(0, at) == name) plan.kind = kind;
    if (plan.kind == Kind::none) return std::nullopt;
    std::string_view rest = spec.substr(at + 1);
    const bool io = plan.kind != Kind::power_loss && plan.kind != Kind::disk_full;
    if (io && !rest.empty() && rest.back() == '+') {
        plan.persist = true;
        rest.remove_suffix(1);
    }
    if (plan.kind == Kind::power_loss) {
        const auto colon = rest.find(':');
        if (colon == std::string_view::npos || !parse_int(rest.substr(colon + 1), plan.seed))
            return std::nullopt;
        rest = rest.substr(0, colon);
    }
    unsigned n = 0;
    if (!parse_int(rest, n) || n < 1 || n > 1'000'000'000u) return std::nullopt;
    plan.at = static_cast<int>(n);
    return plan;
}

}  // namespace kt::store::faults
