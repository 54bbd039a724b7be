#include "config.hpp"

#include "sync/wire.hpp"
#include "util/canonical_json.hpp"
#include "util/files.hpp"

namespace kt::receiver {

namespace ks = kt::sync;
namespace fs = std::filesystem;

namespace {

Status read_int(const json::Value& v, const char* key, long long min, long long max,
                long long& out) {
    const json::Value* m = v.find(key);
    if (!m) return {};
    const auto n = ks::int_member(v, key);
    if (!n || *n < min || *n > max)
        return make_error(ErrorCode::usage, std::string("config.json: bad ") + key);
    out = *n;
    return {};
}

Status read_int(const json::Value& v, const char* key, long long min, long long max, int& out) {
    long long wide = out;
    if (auto s = read_int(v, key, min, max, wide); !s) return s;
    out = int(wide);
    return {};
}

Status read_text(const json::Value& v, const char* key, std::string& out) {
    const json::Value* m = v.find(key);
    if (!m) return {};
    if (!m->string()) return make_error(ErrorCode::usage, std::string("config.json: bad ") + key);
    out = *m->string();
    return {};
}

Status read_names(const json::Value& v, std::vector<std::string>& out) {
    const json::Value* m = v.find("hostnames");
    if (!m) return {};
    if (!m->array()) return make_error(ErrorCode::usage, "config.json: bad hostnames");
    for (const auto& item : *m->array()) {
        if (!item.string()) return make_error(ErrorCode::usage, "config.json: bad hostnames");
        out.push_back(*item.string());
    }
    return {};
}

Status read_all(const json::Value& v, Config& c) {
    Status checks[] = {
        read_text(v, "listen", c.listen),
        read_names(v, c.hostnames),
        read_text(v, "db", c.db),
        read_int(v, "max_body_bytes", 1024, 1LL << 30, c.max_body_bytes),
        read_int(v, "rate_per_minute", 1, 1000000, c.rate_per_minute),
        read_int(v, "enroll_rate_per_minute", 1, 1000000, c.enroll_rate_per_minute),
        read_int(v, "head_timeout_seconds", 1, 3600, c.head_timeout_seconds),
        read_int(v, "min_body_bytes_per_second", 1, 1 << 30, c.min_body_bytes_per_second),
        read_int(v, "write_timeout_seconds", 1, 3600, c.write_timeout_seconds),
        read_int(v, "max_connections", 1, 1000000, c.max_connections),
        read_int(v, "max_connections_per_address", 1, 1000000, c.max_connections_per_address),
        read_int(v, "max_buffered_body_bytes", 1024, 1LL << 40, c.max_buffered_body_bytes),
        read_int(v, "threads", 1, 256, c.threads),
        read_int(v, "retention_days", 0, 36500, c.retention_days),
        read_text(v, "min_app_version", c.min_app_version),
        read_text(v, "console", c.console),
    };
    for (auto& s : checks)
        if (!s) return s;
    return {};
}

}  // namespace

Result<std::string> config_text(const Config& c) {
    json::Array names(c.hostnames.begin(), c.hostnames.end());
    const json::Value v = json::Object{
        {"listen", c.listen},
        {"hostnames", std::move(names)},
        {"db", c.db},
        {"max_body_bytes", std::int64_t(c.max_body_bytes)},
        {"rate_per_minute", c.rate_per_minute},
        {"enroll_rate_per_minute", c.enroll_rate_per_minute},
        {"head_timeout_seconds", c.head_timeout_seconds},
        {"min_body_bytes_per_second", c.min_body_bytes_per_second},
        {"write_timeout_seconds", c.write_timeout_seconds},
        {"max_connections", c.max_connections},
        {"max_connections_per_address", c.max_connections_per_address},
        {"max_buffered_body_bytes", std::int64_t(c.max_buffered_body_bytes)},
        {"threads", c.threads},
        {"retention_days", c.retention_days},
        {"min_app_version", c.min_app_version},
    };
    json::Value with_console = v;
    if (!c.console.empty()) with_console.object()->emplace_back("console", c.console);
    auto text = json::canonical(with_console);
    if (!text) return text.error();
    return text.value() + "\n";
}

Status save_config(const fs::path& dir, const Config& c) {
    auto text = config_text(c);
    if (!text) return text.error();
    return write_file_atomic(dir / "config.json", text.value());
}

Result<Config> load_config(const fs::path& dir) {
    auto text = read_file(dir / "config.json");
    if (!text) return text.error();
    return parse_config(text.value());
}

Result<Config> parse_config(std::string_view text) {
    auto v = json::parse(text);
    if (!v || !v->object()) return make_error(ErrorCode::usage, "config.json is not a JSON object");
    Config c;
    if (auto s = read_all(v.value(), c); !s) return s.error();
    if (c.max_buffered_body_bytes < c.max_body_bytes)
        return make_error(ErrorCode::usage,
                          "config.json: max_buffered_body_bytes is below max_body_bytes");
    if (auto l = parse_listen(c.listen); !l) return l.error();
    if (!c.console.empty())
        if (auto l = parse_listen(c.console); !l) return l.error();
    return c;
}

Result<ListenAddress> parse_listen(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size() ||
        colon + 6 < text.size())
        return make_error(ErrorCode::usage, "listen address must be HOST:PORT");
    int port = 0;
    for (char ch : text.substr(colon + 1)) {
        if (ch < '0' || ch > '9') return make_error(ErrorCode::usage, "bad port");
        port = port * 10 + (ch - '0');
    }
    if (port > 65535) return make_error(ErrorCode::usage, "bad port");
    return ListenAddress{text.substr(0, colon), port};
}

StoreConfig store_config(const fs::path& dir, const Config& c) {
    StoreConfig s;
    s.postgres_conninfo = c.db;
    s.sqlite_path = dir / "receiver.db";
    s.sqlite_key_file = dir / "keys" / "store.key";
    s.postgres_pool_size = c.threads;
    return s;
}

}  // namespace kt::receiver
