// Reading a passphrase from a file (CLI and kiosk --passphrase-file): bounded, never blocking
// on a device or a FIFO without a writer, and never silently shortened.
#pragma once

#include <filesystem>

#include "crypto/secret.hpp"
#include "util/result.hpp"

namespace kt::crypto {

/// The longest passphrase a file may hold, in bytes.
constexpr std::size_t kMaxPassphraseFileBytes = 1024;

/// Reads the passphrase: the whole file minus one trailing line break ("\n" or "\r\n"). The
/// bytes go straight into secure memory. Accepts a regular file, a pipe or a FIFO (read until
/// its writer closes, at most 10 s); refuses anything else (a directory, /dev/zero) without
/// reading it. Errors (ErrorCode::usage unless said otherwise; `detail` is the locales key of
/// the message, also given by passphrase_file_message_key):
///  - not_found / io: the file is missing or unreadable ("passphrase_file.unreadable"),
///  - "passphrase_file.not_a_file": not a regular file, pipe or FIFO,
///  - "passphrase_file.too_long": more than kMaxPassphraseFileBytes,
///  - "passphrase_file.empty": nothing before the line break,
///  - "passphrase_file.nul": a NUL byte (it would cut the passphrase short),
///  - "passphrase_file.lines": a line break inside the passphrase,
///  - "passphrase_file.timeout": a pipe or FIFO that sent no end within 10 s.
Result<SecretBytes> read_passphrase_file(const std::filesystem::path& path);

/// The locales key of the message for an error of read_passphrase_file.
const char* passphrase_file_message_key(const Error& e);

}  // namespace kt::crypto
