#include "sync/config.hpp"

#include <cstdlib>
#include <functional>

namespace kt::sync {

namespace {

std::int64_t to_int(const std::string& s) {
    return s.empty() ? 0 : std::strtoll(s.c_str(), nullptr, 10);
}

}  // namespace

Status in_transaction(store::Database& db, const std::function<Status()>& work) {
    if (db.in_transaction()) return work();
    auto tx = store::Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = work(); !s) return s;
    return tx->commit();
}

Result<SyncConfig> load_config(store::Database& db) {
    SyncConfig c;
    std::string retention;
    const std::pair<const char*, std::string*> fields[] = {
        {"sync_url", &c.url},
        {"sync_tls_pin", &c.tls_pin},
        {"sync_ca_pem", &c.ca_pem},
        {"sync_device_id", &c.device_id},
        {"sync_device_name", &c.device_name},
        {"sync_team", &c.team},
        {"sync_box_public_key", &c.box_public_key},
        {"sync_receipt_public_key", &c.receipt_public_key},
        {"sync_retention_days", &retention}};
    for (const auto& [key, out] : fields) {
        auto v = meta_value(db, key);
        if (!v) return v.error();
        *out = std::move(v.value());
    }
    if (const auto days = to_int(retention); days > 0 && days < 100000)
        c.retention_days = int(days);
    return c;
}

Status save_config(store::Database& db, const SyncConfig& c) {
    return in_transaction(db, [&]() -> Status {
        const std::pair<const char*, std::string> fields[] = {
            {"sync_url", c.url},
            {"sync_tls_pin", c.tls_pin},
            {"sync_ca_pem", c.ca_pem},
            {"sync_device_id", c.device_id},
            {"sync_device_name", c.device_name},
            {"sync_team", c.team},
            {"sync_box_public_key", c.box_public_key},
            {"sync_receipt_public_key", c.receipt_public_key},
            {"sync_retention_days", std::to_string(c.retention_days)}};
        for (const auto& [key, value] : fields)
            if (auto s = set_meta_value(db, key, value); !s) return s;
        return {};
    });
}

Result<SyncState> load_state(store::Database& db) {
    SyncState s;
    std::string success, next, failures;
    const std::pair<const char*, std::string*> fields[] = {{"sync_last_success", &success},
                                                           {"sync_last_error", &s.last_error},
                                                           {"sync_next_attempt_at", &next},
                                                           {"sync_failures", &failures},
                                                           {"sync_blocked", &s.blocked}};
    for (const auto& [key, out] : fields) {
        auto v = meta_value(db, key);
        if (!v) return v.error();
        *out = std::move(v.value());
    }
    s.last_success = to_int(success);
    s.next_attempt_at = to_int(next);
    s.failures = int(to_int(failures));
    return s;
}

Status save_state(store::Database& db, const SyncState& s) {
    return in_transaction(db, [&]() -> Status {
        const std::pair<const char*, std::string> fields[] = {
            {"sync_last_success", std::to_string(s.last_success)},
            {"sync_last_error", s.last_error},
            {"sync_next_attempt_at", std::to_string(s.next_attempt_at)},
            {"sync_failures", std::to_string(s.failures)},
            {"sync_blocked", s.blocked}};
        for (const auto& [key, value] : fields)
            if (auto st = set_meta_value(db, key, value); !st) return st;
        return {};
    });
}

}  // namespace kt::sync
