#include "store/worker.hpp"

#include "store/meta.hpp"

namespace kt::store {

namespace {

std::string trimmed(const std::string& s) {
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

bool fits(const std::string& s) {
    std::size_t chars = 0;
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7F) return false;
        if ((c & 0xC0) != 0x80) ++chars;
    }
    return chars <= kMaxWorkerField;
}

}  // namespace

std::string worker_error_key(const Worker& w) {
    if (trimmed(w.name).empty()) return "first_run.worker.name_missing";
    if (!fits(w.name) || !fits(w.team)) return "first_run.worker.too_long";
    return {};
}

Result<Worker> load_worker(Database& db) {
    auto name = meta_value(db, "worker_name");
    if (!name) return name.error();
    auto team = meta_value(db, "worker_team");
    if (!team) return team.error();
    return Worker{name.value(), team.value()};
}

Status save_worker(Database& db, const Worker& w) {
    if (!worker_error_key(w).empty()) return make_error(ErrorCode::usage, "worker name or team");
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = set_meta_value(db, "worker_name", trimmed(w.name)); !s) return s;
    if (auto s = set_meta_value(db, "worker_team", trimmed(w.team)); !s) return s;
    return tx->commit();
}

}  // namespace kt::store
