// Benchmark helpers: timing, percentiles and the printed table.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace kt::bench {

inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline void row(const std::string& what, const std::string& figure, const std::string& target) {
    std::printf("| %-44s | %-22s | %-14s |\n", what.c_str(), figure.c_str(), target.c_str());
}

inline std::string fmt(const char* f, double a, double b = 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, a, b);
    return buf;
}

void bench_unlock(const std::string& dir);
void bench_tap_save(const std::string& dir);
void bench_frames(const std::string& dir);
void bench_idle(const std::string& dir);

}  // namespace kt::bench
