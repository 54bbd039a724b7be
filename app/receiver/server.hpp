// `keukentafel-receiver serve`: the HTTPS endpoint of docs/receiver-api.md until SIGTERM or
// SIGINT.
#pragma once

#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace kt::receiver {

struct ServeOptions {
    std::filesystem::path dir;
    std::string listen;   // overrides config.json when not empty; port 0 picks a free port
    std::string db;       // overrides config.json when not empty
    std::string console;  // overrides config.json's "console" when not empty
};

/// Loads the config and keys, opens the store, listens (TLS 1.2 or newer only) and prints
/// "listening on https://HOST:PORT" once ready; returns after a clean stop.
/// Errors: those of loading and opening, io (cannot listen).
Status serve(const ServeOptions& options);

}  // namespace kt::receiver
