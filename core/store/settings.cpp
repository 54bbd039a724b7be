#include "store/settings.hpp"

#include <sstream>

namespace kt::store {

Result<Settings> load_settings(Database& db) {
    Settings out;
    auto st = db.prepare("SELECT key, value FROM setting");
    if (!st) return st.error();
    for (auto row = st->step(); row; row = st->step()) {
        if (!row.value()) break;
        const std::string key = st->text(0), value = st->text(1);
        if (key == "wijken") {
            std::vector<std::string> list;
            std::istringstream in(value);
            for (std::string line; std::getline(in, line);)
                if (!line.empty()) list.push_back(line);
            if (!list.empty()) out.wijken = list;
        } else if (key == "interval_months") {
            out.interval_months = std::stoi(value) == 3 ? 3 : 6;
        } else if (key == "idle_lock_seconds") {
            out.idle_lock_seconds = std::stoi(value);
        } else if (key == "pin_hash") {
            out.pin_hash = value;
        }
    }
    return out;
}

Status save_settings(Database& db, const Settings& s) {
    if ((s.interval_months != 3 && s.interval_months != 6) || s.idle_lock_seconds < 30 ||
        s.idle_lock_seconds > 1800 || s.wijken.empty())
        return make_error(ErrorCode::usage, "setting out of range");
    std::string wijken;
    for (const auto& w : s.wijken)
        wijken += w + "\n";
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto st = db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)");
    if (!st) return st.error();
    const std::pair<const char*, std::string> rows[] = {
        {"wijken", wijken},
        {"interval_months", std::to_string(s.interval_months)},
        {"idle_lock_seconds", std::to_string(s.idle_lock_seconds)},
        {"pin_hash", s.pin_hash}};
    for (const auto& [key, value] : rows) {
        st->reset();
        if (auto r = st->bind(1, std::string_view(key)).bind(2, value).run(); !r) return r;
    }
    return tx->commit();
}

}  // namespace kt::store
