// kt_bench: prints the performance table of the README.
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include "bench.hpp"

int main() {
    if (sodium_init() < 0) return 2;
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/kt-bench-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return 2;
    struct Cleanup {
        std::string path;
        ~Cleanup() { std::filesystem::remove_all(path); }
    } dir{pattern};
    std::printf("| %-44s | %-22s | %-14s |\n", "measure", "figure", "target");
    std::printf("|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(24, '-').c_str(),
                std::string(16, '-').c_str());
    kt::bench::bench_unlock(dir.path);
    kt::bench::bench_tap_save(dir.path);
    kt::bench::bench_frames(dir.path);
    kt::bench::bench_idle(dir.path);
    return 0;
}
