// The real kiosk process: not dumpable and no core files while it runs (T-18); a full
// headless run in an empty $HOME and working directory leaves only the vault, its key file
// and non-personal state, all private to the user, and no imgui.ini (T-21).
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "kiosk_runner.hpp"
#include "model/zrm.hpp"
#include "support/child_process.hpp"

namespace kt::test {

namespace {

// Root may read any process's memory (CAP_SYS_PTRACE); run the kiosk and the probes as an
// ordinary user then, so "not dumpable" can be told apart from "readable by the same user".
constexpr uid_t kNobody = 65534;

uid_t run_as() {
    return ::getuid() == 0 ? kNobody : ::getuid();
}

void become(uid_t uid) {
    if (::getuid() == uid) return;
    if (::setgroups(0, nullptr) != 0 || ::setgid(uid) != 0 || ::setuid(uid) != 0) ::_exit(120);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // cleared by the credential change
}

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string line_of(const std::string& text, const std::string& start) {
    const auto at = text.find(start);
    return at == std::string::npos ? "" : text.substr(at, text.find('\n', at) - at);
}

// "Max core file size   0   0   bytes" -> "Max core file size 0 0 bytes"
std::string squeeze(const std::string& s) {
    std::string out;
    for (const char c : s)
        if (c != ' ' || (!out.empty() && out.back() != ' ')) out.push_back(c);
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

uid_t owner_of(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_uid : static_cast<uid_t>(-1);
}

// Whether a process of the same (ordinary) user may open /proc/PID/mem.
bool same_user_can_read_memory(pid_t pid) {
    ChildProcess probe([&] {
        become(run_as());
        const std::string mem = "/proc/" + std::to_string(pid) + "/mem";
        ::_exit(::open(mem.c_str(), O_RDONLY) >= 0 ? 0 : 1);
    });
    const int status = probe.wait();
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void chown_tree(const fs::path& root, uid_t uid) {
    REQUIRE(::chown(root.c_str(), uid, uid) == 0);
    for (const auto& e : fs::recursive_directory_iterator(root))
        REQUIRE(::lchown(e.path().c_str(), uid, uid) == 0);
}

// Every file and directory under `root` with its mode, relative names sorted.
std::map<std::string, unsigned> tree(const fs::path& root) {
    std::map<std::string, unsigned> out;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        struct stat st {};
        REQUIRE(::lstat(e.path().c_str(), &st) == 0);
        out[fs::relative(e.path(), root).string()] = st.st_mode & 07777;
    }
    return out;
}

std::string descriptor(int domain, int level) {
    return dutch().tr(zrm::descriptor_key(zrm::kDomains[std::size_t(domain)], level));
}

// Sets the process's working directory for a scope (posix_spawn children inherit it).
struct WorkingDir {
    fs::path old = fs::current_path();
    explicit WorkingDir(const fs::path& dir) { fs::current_path(dir); }
    ~WorkingDir() { fs::current_path(old); }
};

}  // namespace

TEST_CASE("T-18 the running kiosk is not dumpable and may write no core file", "[security]") {
    DemoVault v;
    write_bytes(v.dir / "script.txt", "frames 200\nframes 200\n");
    // The unprivileged user may not be able to enter the checkout (a 0700 home): it runs a
    // copy of the program and its data from the test's own directory.
    const fs::path bin_copy = v.dir / "bin" / "keukentafel";
    const fs::path data_copy = v.dir / "share";
    fs::create_directories(bin_copy.parent_path());
    fs::copy_file(fs::path(KT_BIN_DIR) / "keukentafel", bin_copy);
    fs::copy(i18n_dir().parent_path(), data_copy, fs::copy_options::recursive);
    const uid_t uid = run_as();
    chown_tree(v.dir.path(), uid);
    const std::string bin = bin_copy.string();
    const std::string data = "KEUKENTAFEL_DATA_DIR=" + data_copy.string();
    const std::string home = "HOME=" + v.dir.path().string();
    const std::string script = (v.dir / "script.txt").string();
    ChildProcess kiosk([&] {
        become(uid);
        const char* argv[] = {bin.c_str(),     "--headless",        "--vault",
                              v.vault.c_str(), "--passphrase-file", v.passphrase.c_str(),
                              "--script",      script.c_str(),      nullptr};
        const char* envp[] = {data.c_str(), home.c_str(), "SDL_VIDEODRIVER=offscreen", nullptr};
        ::execve(bin.c_str(), const_cast<char* const*>(argv), const_cast<char* const*>(envp));
        ::_exit(127);
    });
    const std::string proc = "/proc/" + std::to_string(kiosk.pid());
    // Wait until the program runs (exec done) and has hardened itself: its /proc files then
    // belong to root, the kernel's sign of a non-dumpable process.
    bool hardened = false;
    for (int i = 0; i < 500 && !hardened; ++i) {
        std::error_code ec;
        const auto exe = fs::read_symlink(proc + "/exe", ec).filename().string();
        hardened = exe == "keukentafel" && owner_of(proc + "/status") == 0;
        if (!hardened) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const std::string status = read_text(proc + "/status");
    const std::string limits = line_of(read_text(proc + "/limits"), "Max core file size");
    const bool readable = same_user_can_read_memory(kiosk.pid());
    const uid_t kiosk_owner = owner_of(proc + "/status");
    const bool running = ::kill(kiosk.pid(), 0) == 0 && status.find("Name:\tkeukentafel") == 0;
    const int exit = kiosk.wait();
    INFO(status);
    CHECK(running);  // every figure above was read while the kiosk ran
    CHECK(hardened);
    CHECK(line_of(status, "Uid:").find("\t" + std::to_string(uid) + "\t") != std::string::npos);
    CHECK(limits.find("Max core file size        0                    0") == 0);
    CHECK_FALSE(readable);
    CHECK((WIFEXITED(exit) && WEXITSTATUS(exit) == 0));

    // Control: an ordinary process of the same user is dumpable, and the probe can read it.
    ChildProcess sleeper([&] {
        become(uid);
        const char* argv[] = {"/bin/sleep", "5", nullptr};
        ::execv(argv[0], const_cast<char* const*>(argv));
        ::_exit(127);
    });
    const std::string sproc = "/proc/" + std::to_string(sleeper.pid());
    for (int i = 0; i < 200; ++i) {
        std::error_code ec;
        if (fs::read_symlink(sproc + "/exe", ec).filename() == "sleep") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const bool control_readable = same_user_can_read_memory(sleeper.pid());
    const uid_t control_owner = owner_of(sproc + "/status");
    CHECK(control_readable);
    CHECK(control_owner == uid);
    std::printf(
        "T-18: kiosk (uid %u): /proc owned by uid %u (not dumpable), %s, /proc/PID/mem %s to "
        "the same user; control process: /proc owned by uid %u, mem %s\n",
        uid, kiosk_owner, squeeze(limits).c_str(), readable ? "READABLE" : "refused", control_owner,
        control_readable ? "readable" : "refused");
}

TEST_CASE("T-21 a full run in an empty home and working dir leaves only private vault files",
          "[security]") {
    TempDir home, work, outside;
    const fs::path vault = home / ".local/share/keukentafel/vault.kt";
    const fs::path pw = outside / "pw";
    write_bytes(pw, "thee met de buurvrouw\n");
    use_fast_kdf_for_children();
    const std::map<std::string, std::string> env = {{"HOME", home.path().string()},
                                                    {"XDG_DATA_HOME", ""},
                                                    {"XDG_CONFIG_HOME", ""},
                                                    {"XDG_CACHE_HOME", ""},
                                                    {"SDL_VIDEODRIVER", "offscreen"}};
    WorkingDir in(work.path());
    const auto demo = run_program(
        {"keukentafel-cli", "demo", "--vault", vault.string(), "--passphrase-file", pw.string()},
        env);
    REQUIRE(demo.exit_code == 0);
    // The whole conversation, with the vault at its default place under $HOME.
    std::string script =
        "expect-text \"Cliënten\"\ntap-text \"Zoek op naam\"\ntype \"wojcik\"\n"
        "tap-text \"Klaar\"\ntap-text \"Wójcik, Agnieszka\"\ntap-text \"Intake starten\"\n"
        "tap-text \"Gesprek beginnen\"\n";
    for (int d = 0; d < zrm::kDomainCount; ++d)
        script += "tap-text \"" + descriptor(d, 3) + "\"\ntap-text \"" +
                  (d + 1 < zrm::kDomainCount ? "Volgende" : "Klaar") + "\"\n";
    script += "expect-text \"Afgerond\"\nframes 20\n";
    write_bytes(outside / "script.txt", script);
    const auto run = run_program({"keukentafel", "--headless", "--passphrase-file", pw.string(),
                                  "--script", (outside / "script.txt").string()},
                                 env);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    // And a locked start with a wrong passphrase typed in.
    write_bytes(outside / "locked.txt", "type \"verkeerd wachtwoord\"\nkey Enter\nframes 20\n");
    const auto locked = run_program(
        {"keukentafel", "--headless", "--script", (outside / "locked.txt").string()}, env);
    INFO(locked.err);
    REQUIRE(locked.exit_code == 0);

    const auto files = tree(home.path());
    std::string listing;
    for (const auto& [name, mode] : files) {
        char line[300];
        std::snprintf(line, sizeof line, " %s %04o", name.c_str(), mode);
        listing += line;
        CAPTURE(name, mode);
        const bool dir = fs::is_directory(home / name);
        CHECK(mode == (dir ? 0700u : 0600u));
        const std::string base = fs::path(name).filename().string();
        CHECK((dir || base == "vault.kt" || base == "vault.kt.key" || base == "vault.kt.state"));
        CHECK(base != "imgui.ini");
    }
    CHECK(files.count(".local/share/keukentafel/vault.kt") == 1);
    CHECK(files.count(".local/share/keukentafel/vault.kt.key") == 1);
    CHECK(fs::is_empty(work.path()));  // no imgui.ini, no log, nothing in the working dir
    for (const auto& m : demo_markers())
        CHECK(count_in_bytes(run.out + run.err + locked.out + locked.err, m) == 0);
    std::printf("T-21: files after a full run in an empty $HOME:%s; working dir: %s\n",
                listing.c_str(), fs::is_empty(work.path()) ? "empty" : "NOT EMPTY");
}

}  // namespace kt::test
