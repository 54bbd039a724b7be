// `keukentafel-receiver user add|disable|reset|list`: console accounts from the server's
// terminal. add and reset print a one-time activation link (valid 24 hours; the store keeps
// only its hash).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace kt::receiver::console {

struct UserOptions {
    std::filesystem::path dir;
    std::string db;
    std::string action;  // add | disable | enable | reset | list
    std::string name;
    std::string role;
    std::vector<std::string> teams;
};

inline constexpr std::int64_t kActivationLifetime = 24 * 3600;

/// Errors: usage (bad name, role or teams), already_exists (add: that name), not_found
/// (disable, reset: no such account), store errors.
Status run_user(const UserOptions& options);

/// The console's base URL for links: https://<first hostname or console host>:<console port>.
std::string console_url(const std::vector<std::string>& hostnames, const std::string& console);

}  // namespace kt::receiver::console
