// Kiosk figures: CPU time per frame of the matrix screen (real frames, offscreen GL) and the
// idle CPU and memory of the real program in a window under Xvfb.
#include <SDL_opengl.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "bench.hpp"
#include "i18n/catalog.hpp"
#include "kiosk_app.hpp"
#include "platform/frame_loop.hpp"
#include "platform/window.hpp"
#include "store/demo_data.hpp"

extern char** environ;

namespace kt::bench {

namespace {

double process_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

std::string make_demo(const std::string& path, const crypto::KdfParams& params) {
    auto v = store::Vault::create(path, "bench wachtwoord", params);
    if (!v || !store::fill_demo(v.value(), 1'790'000'000)) return {};
    return path;
}

pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& extra_env,
            const std::string& log = "/dev/null") {
    std::vector<char*> argv, envp;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (char** e = environ; *e; ++e)
        envp.push_back(*e);
    for (const auto& e : extra_env)
        envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = -1;
    if (posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), envp.data()) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

double cpu_ticks(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string s((std::istreambuf_iterator<char>(in)), {});
    std::istringstream rest(s.substr(s.rfind(')') + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14) utime = std::stod(field);
        if (i == 15) stime = std::stod(field);
    }
    return utime + stime;
}

double status_mib(pid_t pid, const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
    return 0;
}

void stop(pid_t pid) {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
}

}  // namespace

void bench_frames(const std::string& dir) {
    const std::string vault = make_demo(dir + "/frames.kt", crypto::KdfParams::test_fast());
    auto cat = i18n::Catalog::open(i18n::default_bundle_dir(), "nl");
    std::string error;
    auto window = kiosk::Window::create({true, false, 1280, 800, 150.0f}, error);
    if (vault.empty() || !cat || !window) return row("frame CPU time (matrix)", "setup failed", "");
    SystemClock clock;
    kiosk::KioskApp app(cat.value(), clock, vault);
    app.unlock_with("bench wachtwoord");
    app.session().open_client(app.session().clients().front().id);
    app.session().start_assessment(model::AssessmentKind::intake);
    std::vector<double> total, ui;
    for (int i = 0; i < 300; ++i) {
        const ImVec2 pointer(200.0f + float(i % 100) * 9.0f, 250.0f + float(i % 50) * 7.0f);
        const double t0 = process_cpu_seconds();
        // The frame as run_frame() draws it, with the UI part timed on its own.
        window->begin_frame();
        ImGui::GetIO().MousePos = pointer;
        ImGui::NewFrame();
        app.draw();
        ImGui::Render();
        const double t1 = process_cpu_seconds();
        window->render();
        window->present();
        glFinish();  // llvmpipe rasterises in threads: count this frame's work in this frame
        app.apply();
        if (i < 20) continue;
        total.push_back((process_cpu_seconds() - t0) * 1000);
        ui.push_back((t1 - t0) * 1000);
    }
    row("CPU per frame, matrix 1280x800, all (llvmpipe)",
        fmt("p50 %.1f ms, p95 %.1f ms", percentile(total, 50), percentile(total, 95)),
        "p95 <= 16.7 ms");
    row("  of which building the UI (our code + ImGui)",
        fmt("p50 %.2f ms, p95 %.2f ms", percentile(ui, 50), percentile(ui, 95)), "");
}

void bench_idle(const std::string& dir) {
    const std::string vault = make_demo(dir + "/idle.kt", crypto::KdfParams::production());
    const std::string pw = dir + "/idle.pw";
    std::ofstream(pw) << "bench wachtwoord\n";
    int fds[2];
    if (vault.empty() || pipe(fds) != 0) return row("idle CPU", "setup failed", "");
    const pid_t xvfb = spawn({"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0",
                              "1280x800x24", "-nolisten", "tcp"},
                             {});
    close(fds[1]);
    char buf[16] = {};
    const ssize_t n = xvfb > 0 ? read(fds[0], buf, sizeof buf - 1) : -1;
    close(fds[0]);
    if (n <= 0) {
        stop(xvfb);
        return row("idle CPU over 5 s (Xvfb window)", "Xvfb not available", "0.0 %");
    }
    const std::string display = ":" + std::string(buf, std::size_t(n - 1));
    const pid_t app =
        spawn({std::string(KT_BIN_DIR) + "/keukentafel", "--vault", vault, "--passphrase-file", pw},
              {"DISPLAY=" + display, "SDL_VIDEODRIVER=x11"});
    std::this_thread::sleep_for(std::chrono::seconds(3));  // start, unlock, settle
    const double before = cpu_ticks(app);
    std::this_thread::sleep_for(std::chrono::seconds(5));
    const double ticks = cpu_ticks(app) - before;
    const double rss = status_mib(app, "VmRSS"), peak = status_mib(app, "VmHWM");
    int status = 0;
    if (waitpid(app, &status, WNOHANG) == app) {
        stop(xvfb);
        std::ifstream log(dir + "/kiosk.log");
        std::string first;
        std::getline(log, first);
        return row("idle CPU over 5 s (Xvfb window)", "kiosk exited: " + first.substr(0, 40),
                   "0.0 %");
    }
    stop(app);
    stop(xvfb);
    row("idle CPU over 5 s, nothing happening (Xvfb)",
        fmt("%.1f %%", ticks / double(sysconf(_SC_CLK_TCK)) / 5.0 * 100.0), "0.0 %");
    row("RSS while idle (peak incl. Argon2id 256 MiB)", fmt("%.0f MiB (peak %.0f MiB)", rss, peak),
        "<= 150 MiB");
}

}  // namespace kt::bench
