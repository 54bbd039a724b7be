// What every keukentafel-cli command shares: the options, error messages and exit codes, and
// reading secrets from files (never from the command line).
#pragma once

#include <map>
#include <string>

#include "crypto/secret.hpp"
#include "i18n/catalog.hpp"
#include "util/result.hpp"

namespace kt::cli {

using Options = std::map<std::string, std::string>;

/// 1 usage, 3 wrong passphrase, 4 not a vault or damaged, 2 anything else.
int exit_code_for(ErrorCode code);

/// Prints the error's message (never its detail) on stderr; returns its exit code.
int report(const i18n::Catalog& cat, const Error& e);

/// Prints the message of `key` on stderr; returns `code`.
int fail(const i18n::Catalog& cat, const char* key, int code);

/// The passphrase file's content (crypto::read_passphrase_file: the whole file minus one
/// trailing line break, bounded, in wiped memory).
Result<crypto::SecretBytes> read_passphrase(const std::string& path);

/// Whether `e` is a passphrase-file problem of read_passphrase.
bool is_passphrase_file_error(const Error& e);

/// Prints the message of a read_passphrase error on stderr; returns 1 (usage).
int fail_passphrase_file(const i18n::Catalog& cat, const Error& e);

/// The option's value, or `fallback` when it was not given.
std::string option(const Options& opts, const std::string& name, const std::string& fallback = "");

}  // namespace kt::cli
