#include "store/meta.hpp"

namespace kt::store {

Result<std::string> meta_value(Database& db, std::string_view key) {
    auto st = db.prepare("SELECT value FROM kt_meta WHERE key = ?");
    if (!st) return st.error();
    st->bind(1, key);
    auto row = st->step();
    if (!row) return row.error();
    return row.value() ? st->text(0) : std::string();
}

Status set_meta_value(Database& db, std::string_view key, std::string_view value) {
    auto st = db.prepare("INSERT OR REPLACE INTO kt_meta (key, value) VALUES (?, ?)");
    if (!st) return st.error();
    return st->bind(1, key).bind(2, value).run();
}

}  // namespace kt::store
