// The receiver's settings in DIR/config.json, written by `init` and read by every command.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "store.hpp"
#include "util/result.hpp"

namespace kt::receiver {

struct Config {
    std::string listen = "127.0.0.1:8443";
    std::vector<std::string>
        hostnames;   // extra names in the certificate; the first is the URL hint
    std::string db;  // PostgreSQL conninfo; empty: SQLite in the data dir
    long long max_body_bytes = 1048576;
    int rate_per_minute = 600;
    int enroll_rate_per_minute = 30;
    // The connection layer (http_session.cpp): a request head (also the next one on a
    // keep-alive connection) must be complete within head_timeout_seconds; a body must arrive at
    // min_body_bytes_per_second or faster (after head_timeout_seconds of slack); an answer must
    // be written within write_timeout_seconds.
    int head_timeout_seconds = 5;
    int min_body_bytes_per_second = 16384;
    int write_timeout_seconds = 10;
    // Connections served at once, in total and per client address; beyond them 503 with
    // Retry-After. Request bodies held in memory at once, in bytes; beyond that 503.
    int max_connections = 2000;
    int max_connections_per_address = 64;
    long long max_buffered_body_bytes = 64LL << 20;
    int threads = 8;  // the worker pool (verification, the store); also the PostgreSQL pool
    int retention_days = 30;
    std::string min_app_version = "0.1.0";
    // The web console's HOST:PORT (HTTPS, the same TLS key); empty: no console.
    std::string console;
};

/// The text of config.json: canonical JSON and a newline. Errors: usage (text not UTF-8).
Result<std::string> config_text(const Config& config);
/// Reads config.json's text; members left out keep their defaults. Errors: usage (not JSON,
/// a member of the wrong type or out of range, a listen address that is not HOST:PORT).
Result<Config> parse_config(std::string_view text);

/// Writes DIR/config.json (mode 0600, it may hold a database password). Errors: io.
Status save_config(const std::filesystem::path& dir, const Config& config);

/// Reads DIR/config.json; members left out keep their defaults. Errors: not_found, usage
/// (not JSON, a member of the wrong type or out of range).
Result<Config> load_config(const std::filesystem::path& dir);

/// "host:port" split; port 0 is allowed (any free port). Errors: usage.
struct ListenAddress {
    std::string host;
    int port = 0;
};
Result<ListenAddress> parse_listen(const std::string& text);

/// The store settings for this data dir: PostgreSQL when `config.db` is set, else SQLCipher at
/// DIR/receiver.db with its key in DIR/keys/store.key.
StoreConfig store_config(const std::filesystem::path& dir, const Config& config);

}  // namespace kt::receiver
