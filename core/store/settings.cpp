#include "store/settings.hpp"

#include <charconv>
#include <optional>
#include <sstream>
#include <string_view>

namespace kt::store {

namespace {

bool valid(const Settings& s) {
    return (s.interval_months == 3 || s.interval_months == 6) && s.idle_lock_seconds >= 30 &&
           s.idle_lock_seconds <= 1800 && !s.wijken.empty();
}

// The whole of `text` as a decimal int, or nothing (no exception, no partial number).
std::optional<int> parse_int(std::string_view text) {
    int out = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return out;
}

// Applies one stored row; false when its value is not one save_settings could have written.
bool apply(Settings& out, const std::string& key, const std::string& value) {
    if (key == "wijken") {
        std::vector<std::string> list;
        std::istringstream in(value);
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) list.push_back(line);
        if (!list.empty()) out.wijken = list;
    } else if (key == "interval_months") {
        const auto months = parse_int(value);
        if (!months || (*months != 3 && *months != 6)) return false;
        out.interval_months = *months;
    } else if (key == "idle_lock_seconds") {
        const auto seconds = parse_int(value);
        if (!seconds || *seconds < 30 || *seconds > 1800) return false;
        out.idle_lock_seconds = *seconds;
    } else if (key == "pin_hash") {
        out.pin_hash = value;
    }
    return true;
}

}  // namespace

Result<Settings> load_settings(Database& db) {
    Settings out;
    auto st = db.prepare("SELECT key, value FROM setting");
    if (!st) return st.error();
    for (auto row = st->step(); row; row = st->step()) {
        if (!row.value()) break;
        const std::string key = st->text(0), value = st->text(1);
        // The key names a setting, never a person; the value is left out of the detail.
        if (!apply(out, key, value))
            return make_error(ErrorCode::damaged_vault, "stored setting " + key + " is invalid");
    }
    return out;
}

Status save_settings(Database& db, const Settings& s) {
    if (!valid(s)) return make_error(ErrorCode::usage, "setting out of range");
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
