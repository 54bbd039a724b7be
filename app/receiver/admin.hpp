// The operator's commands: init (keys, certificate, config, database), enroll (a one-time code
// for one device, with a QR code) and revoke.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace kt::receiver {

struct InitOptions {
    std::filesystem::path dir;
    std::vector<std::string> hostnames;
    std::string db;
};

/// Makes the data dir, its keys and config, creates the database and prints the TLS pin.
/// Errors: those of init_data_dir and open_store.
Status run_init(const InitOptions& options);

struct EnrollOptions {
    std::filesystem::path dir;
    std::string device, team, db;
};

/// Stores a new one-time code (its key only, valid 24 hours) and prints the code, the TLS pin,
/// the receiver URL and a QR code of "keukentafel-enroll:v1?code=…&pin=…&url=…".
/// Errors: usage (a bad name), store errors.
Status run_enroll(const EnrollOptions& options);

/// Revokes the device of that name; prints its id. Errors: not_found, store errors.
Status run_revoke(const std::filesystem::path& dir, const std::string& device,
                  const std::string& db);

/// A device or team name: 1..64 bytes of printable text without ',', ';', '"' or '\\'.
bool valid_name(const std::string& name);

}  // namespace kt::receiver
