#include "store/clients.hpp"

#include "util/ids.hpp"

namespace kt::store {

namespace {

constexpr const char* kColumns = "id, given_name, tussenvoegsel, family_name, birth_date, wijk";

model::Client read_client(const Statement& st) {
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)};
}

}  // namespace

Result<std::string> add_client(Database& db, const model::Client& c, std::int64_t now) {
    if (c.given_name.empty() && c.family_name.empty())
        return make_error(ErrorCode::usage, "client without a name");
    const std::string id = c.id.empty() ? new_uuid() : c.id;
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto st = db.prepare(
        "INSERT INTO client (id, given_name, tussenvoegsel, family_name, birth_date, wijk, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st) return st.error();
    st->bind(1, id).bind(2, c.given_name).bind(3, c.tussenvoegsel).bind(4, c.family_name);
    st->bind(5, c.birth_date).bind(6, c.wijk).bind(7, now);
    if (auto s = st->run(); !s) return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    return id;
}

Result<std::vector<model::Client>> list_clients(Database& db) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM client");
    if (!st) return st.error();
    std::vector<model::Client> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        out.push_back(read_client(st.value()));
    }
    return out;
}

Result<model::Client> get_client(Database& db, std::string_view id) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM client WHERE id = ?");
    if (!st) return st.error();
    st->bind(1, id);
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return make_error(ErrorCode::not_found, "no such client");
    return read_client(st.value());
}

}  // namespace kt::store
