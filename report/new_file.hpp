// Crash-safe creation of a new file that never replaces one: the bytes go to "<path>.tmp"
// beside it, are synced, and are renamed onto `path` only when nothing is there.
// Internal to kt_report.
#pragma once

#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace kt::report {

/// Something (a file, link or directory) is at `path`.
bool path_taken(const std::filesystem::path& path);

/// Creates `path` with `bytes` (mode 0600). A crash leaves no file or the whole file at `path`
/// (at worst a stale "<path>.tmp", replaced by the next attempt). Errors: already_exists (a
/// file, link or directory at `path`; it is not touched), not_found (no such directory), io,
/// disk_full, read_only.
Status write_new_file(const std::filesystem::path& path, const std::string& bytes);

}  // namespace kt::report
