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

void fill_measurement(const receiver::ScannedAssessment& a, monitoring::Measurement& m) {
    m.client_ref.assign(a.client_ref);
    m.assessment_uuid.assign(a.assessment_uuid);
    m.version = int(a.version);
    m.kind.assign(a.kind);
    m.sealed_at = a.sealed_at;
    m.age_years = a.age_years;
    m.wijk.assign(a.wijk);
    m.team.assign(a.team);
    m.household.assign(a.household);
    for (std::size_t d = 0; d < monitoring::kDomainCount; ++d) {
        const char level = d < a.levels.size() ? a.levels[d] : '0';
        const char agrees = d < a.agrees.size() ? a.agrees[d] : '-';
        m.levels[d].reset();
        if (level >= '1' && level <= '5') m.levels[d] = level - '0';
        m.client_agrees[d].reset();
        if (agrees == '0' || agrees == '1') m.client_agrees[d] = agrees == '1';
        m.goals[d] = d < a.goals.size() && a.goals[d] == '1';
    }
    // Mostly every domain is scored: 12 separators and no reason at all.
    const bool none = a.reasons.size() == monitoring::kDomainCount - 1;
    for (std::size_t d = 0; d < monitoring::kDomainCount; ++d)
        if (none || !receiver::scanned_reason(a.reasons, d, m.unscored_reason[d]))
            m.unscored_reason[d].clear();
    m.network_people = a.network.people;
    m.network_supportive = a.network.supportive;
    m.network_hindering = a.network.hindering;
    m.network_overloaded_carers = a.network.overloaded_carers;
}

monitoring::MeasurementSource store_source(receiver::Store& store) {
    return [&store](const monitoring::MeasurementSink& sink) {
        // One Measurement reused for every row: its strings keep their buffers, so a million
        // rows cost no allocation each.
        monitoring::Measurement m;
        return store.scan_assessments([&](const receiver::ScannedAssessment& a) {
            fill_measurement(a, m);
            return sink(m);
        });
    };
}

}  // namespace kt::cli
