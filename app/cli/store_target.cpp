#include "store_target.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

#include "model/zrm.hpp"
#include "receiver_store/config.hpp"

namespace kt::cli {

namespace fs = std::filesystem;

namespace {

bool starts_with(const std::string& s, std::string_view prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

bool empty_or_absent(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return true;
    return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

// A new data dir for a SQLite store: DIR and DIR/keys, readable by the owner only.
Status make_data_dir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir / "keys", ec);
    if (ec) return make_error(ErrorCode::io, "cannot create the receiver data dir");
    ::chmod(dir.c_str(), 0700);
    ::chmod((dir / "keys").c_str(), 0700);
    return {};
}

Result<receiver::StoreConfig> dir_store_config(const fs::path& dir, bool create) {
    auto config = receiver::load_config(dir);
    if (!config && config.error().code != ErrorCode::not_found) return config.error();
    auto store = receiver::store_config(dir, config ? config.value() : receiver::Config{});
    store.postgres_pool_size = 2;
    if (!store.postgres_conninfo.empty()) return store;
    std::error_code ec;
    if (fs::exists(store.sqlite_path, ec)) return store;
    if (!create || !empty_or_absent(dir))
        return make_error(ErrorCode::not_found, "no receiver store in that data dir");
    if (auto s = make_data_dir(dir); !s) return s.error();
    return store;
}

}  // namespace

Result<StoreTarget> parse_target(const std::string& text) {
    if (starts_with(text, "vault:") && text.size() > 6)
        return StoreTarget{TargetKind::vault, text.substr(6)};
    if (starts_with(text, "receiver:") && text.size() > 9)
        return StoreTarget{TargetKind::receiver_dir, text.substr(9)};
    if (starts_with(text, "postgresql://") || starts_with(text, "postgres://"))
        return StoreTarget{TargetKind::postgres, text};
    return make_error(ErrorCode::usage, "expected vault:PATH, receiver:DIR or postgresql://...");
}

Result<std::unique_ptr<receiver::Store>> open_receiver_store(const StoreTarget& target,
                                                             bool create) {
    receiver::StoreConfig config;
    if (target.kind == TargetKind::vault)
        return make_error(ErrorCode::usage, "a vault is not a receiver store");
    if (target.kind == TargetKind::postgres) {
        config.postgres_conninfo = target.where;
        config.postgres_pool_size = 2;
    } else {
        auto c = dir_store_config(target.where, create);
        if (!c) return c.error();
        config = std::move(c.value());
    }
    return receiver::open_store(config);
}

}  // namespace kt::cli
