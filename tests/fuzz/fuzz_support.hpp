// Shared by the libFuzzer targets: a property check whose failure is a crash libFuzzer records
// (input saved as an artifact), splitting one input into parts, and a private scratch directory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kt::fuzz {

[[noreturn]] inline void property_failed(const char* what, const char* file, int line) {
    std::fprintf(stderr, "fuzz property failed: %s (%s:%d)\n", what, file, line);
    std::abort();
}

/// The input as text (any bytes, NULs included).
inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Up to `parts` pieces of `data` separated by `sep`; the last piece takes the rest.
inline std::vector<std::string_view> split(std::string_view data, std::string_view sep,
                                           std::size_t parts) {
    std::vector<std::string_view> out;
    while (out.size() + 1 < parts) {
        const auto at = data.find(sep);
        if (at == std::string_view::npos) break;
        out.push_back(data.substr(0, at));
        data.remove_prefix(at + sep.size());
    }
    out.push_back(data);
    return out;
}

/// A directory of this process's own under $TMPDIR (mode 0700), made on first use.
std::filesystem::path scratch_dir();

/// Writes `bytes` to `path` (replacing it); aborts when the file system refuses.
void write_bytes(const std::filesystem::path& path, std::string_view bytes);

/// The whole file; aborts when it cannot be read (fixtures must be there).
std::string read_bytes(const std::filesystem::path& path);

}  // namespace kt::fuzz

#define KT_FUZZ_CHECK(cond)                                                  \
    do {                                                                     \
        if (!(cond)) ::kt::fuzz::property_failed(#cond, __FILE__, __LINE__); \
    } while (0)
