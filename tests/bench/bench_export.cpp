// kt_bench_export: the monitoring export of N synthetic assessments from PostgreSQL
// and from the receiver's SQLCipher store: the fill (keukentafel-cli synth, bulk path) and the
// export (keukentafel-cli export as a child process: wall time, CPU time and peak RSS from
// wait4, and the time to its first progress line, its stderr being a pseudo-terminal).
// N is 100 000 by default; KT_BENCH_FULL=1 runs the target size, 1 000 000.
#include <pty.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <cstdio>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench.hpp"
#include "support/postgres_server.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using kt::bench::fmt;
using kt::bench::row;

struct Run {
    bool ok = false;
    double seconds = 0;
    double cpu_seconds = 0;
    double peak_mib = 0;
    double first_line = -1;  // seconds to the first byte on the terminal; -1: none
};

double seconds_of(const timeval& t) {
    return double(t.tv_sec) + double(t.tv_usec) / 1e6;
}

// Reads the terminal's side until the child closed it; notes when the first byte came.
void drain(int master, std::chrono::steady_clock::time_point t0, Run& run) {
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(master, buf, sizeof buf);
        if (n <= 0) return;
        if (run.first_line < 0) run.first_line = kt::bench::seconds_since(t0);
    }
}

// Runs keukentafel-cli with `args` (stdout to /dev/null, stderr a pseudo-terminal): wall time,
// the child's CPU time and peak RSS, the time to its first progress line.
Run cli(std::vector<std::string> args) {
    args.insert(args.begin(), std::string(KT_BIN_DIR) + "/keukentafel-cli");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    int master = -1, slave = -1;
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) return {};
    posix_spawn_file_actions_t io;
    posix_spawn_file_actions_init(&io);
    posix_spawn_file_actions_addopen(&io, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&io, slave, 2);
    posix_spawn_file_actions_addclose(&io, master);
    const auto t0 = std::chrono::steady_clock::now();
    pid_t pid = -1;
    Run run;
    const bool spawned = posix_spawn(&pid, argv[0], &io, nullptr, argv.data(), environ) == 0;
    ::close(slave);
    std::thread reader([&] { drain(master, t0, run); });
    if (spawned) {
        int status = 0;
        struct rusage usage {};
        if (wait4(pid, &status, 0, &usage) == pid) {
            run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
            run.peak_mib = double(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
            run.cpu_seconds = seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
        }
    }
    run.seconds = kt::bench::seconds_since(t0);
    reader.join();  // the child is gone: the terminal reads EOF or EIO
    ::close(master);
    posix_spawn_file_actions_destroy(&io);
    return run;
}

std::string count_text(long n) {
    return n >= 1000000 ? fmt("%.0f M", double(n) / 1e6) : fmt("%.0f k", double(n) / 1e3);
}

void bench_source(const std::string& name, const std::string& target, long rows,
                  const fs::path& dir) {
    const std::string clients = std::to_string(rows / 3);
    const Run fill = cli({"synth", "--out", target, "--clients", clients, "--wijken", "24",
                          "--measurements", "3", "--seed", "9"});
    if (!fill.ok) return row("export from " + name, "synth failed", "");
    row("fill " + count_text(rows) + " assessments into " + name + " (synth, bulk)",
        fmt("%.1f s", fill.seconds), name == "PostgreSQL" ? "<= 30 s @1M" : "<= 60 s @1M");
    const Run ex = cli({"export", "--from", target, "--purpose", "bench", "--secret-file",
                        (dir / "secret.bin").string(), "--out", (dir / ("out-" + name)).string()});
    if (!ex.ok) return row("export from " + name, "export failed", "");
    row("export of " + count_text(rows) + " assessments from " + name,
        fmt("%.1f s, peak RSS %.0f MiB", ex.seconds, ex.peak_mib),
        name == "PostgreSQL" ? "<= 5 s, 512 MiB @1M" : "<= 8 s, 512 MiB @1M");
    row("  CPU time of that export (user + sys)", fmt("%.1f s", ex.cpu_seconds), "");
    row("  time to its first progress line",
        ex.first_line < 0 ? "none" : fmt("%.2f s", ex.first_line), "<= 1 s");
    std::error_code ec;
    fs::remove_all(dir / ("out-" + name), ec);
}

// libpq keyword/value → URI (the test server's password is hex, so nothing needs escaping).
std::string uri_of(const kt::test::PostgresServer& pg, const std::string& db) {
    const std::string info = pg.conninfo_for(db);
    const auto at = info.find("password=") + 9;
    const std::string password = info.substr(at, info.find(' ', at) - at);
    return "postgresql://postgres:" + password + "@127.0.0.1:" + std::to_string(pg.port()) + "/" +
           db;
}

// 48 random bytes, mode 0600: the export refuses a secret others can read.
bool write_secret(const fs::path& path) {
    std::string secret(48, '\0');
    FILE* in = std::fopen("/dev/urandom", "rb");
    const bool read = in && std::fread(secret.data(), 1, secret.size(), in) == secret.size();
    if (in) std::fclose(in);
    FILE* out = std::fopen(path.c_str(), "wb");
    if (!read || !out) return false;
    const bool ok = std::fwrite(secret.data(), 1, secret.size(), out) == secret.size();
    std::fclose(out);
    return ok && ::chmod(path.c_str(), 0600) == 0;
}

}  // namespace

int main() {
    const char* full = std::getenv("KT_BENCH_FULL");
    const long rows = full && std::string(full) == "1" ? 1000000 : 100000;
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/kt-bench-export-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return 2;
    const fs::path dir = pattern;
    if (!write_secret(dir / "secret.bin")) return 2;
    std::printf("| %-44s | %-22s | %-14s |\n", "measure", "figure", "target");
    std::printf("|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(24, '-').c_str(),
                std::string(16, '-').c_str());
    if (auto pg = kt::test::PostgresServer::start()) {
        if (auto db = pg.value()->create_database("kt_bench_export"))
            bench_source("PostgreSQL", uri_of(*pg.value(), "kt_bench_export"), rows, dir);
    } else {
        row("export from PostgreSQL", "no PostgreSQL 15", "");
    }
    bench_source("SQLite", "receiver:" + (dir / "receiver").string(), rows, dir);
    std::error_code ec;
    fs::remove_all(dir, ec);
    return 0;
}
