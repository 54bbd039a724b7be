// Small file helpers: whole-file reads and crash-safe replacement of small files.
#pragma once

#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace kt {

/// Maps an errno value to our error codes (ENOSPC -> disk_full, EROFS/EACCES -> read_only).
ErrorCode error_code_from_errno(int err);

/// Reads a whole (small) file. Errors: not_found, io.
Result<std::string> read_file(const std::filesystem::path& path);

/// Replaces `path` atomically: writes a temp file beside it, fsyncs it, renames it over the
/// target and fsyncs the directory, so a crash leaves either the old or the new content.
/// The file gets mode 0600. The temp file is always a new file: a symlink or file already at
/// its name is removed, never followed or written through. Errors: io, disk_full, read_only.
Status write_file_atomic(const std::filesystem::path& path, const std::string& content);

}  // namespace kt
