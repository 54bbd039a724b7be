#include "store/clients.hpp"

#include "store/audit.hpp"

#include "util/ids.hpp"

namespace kt::store {

namespace {

constexpr const char* kColumns =
    "id, given_name, tussenvoegsel, family_name, birth_date, wijk, team";

model::Client read_client(const Statement& st) {
    model::Client c;
    c.id = st.text(0);
    c.given_name = st.text(1);
    c.tussenvoegsel = st.text(2);
    c.family_name = st.text(3);
    c.birth_date = st.text(4);
    c.wijk = st.text(5);
    c.team = st.text(6);
    return c;
}

Status validate(const model::Client& c) {
    if (c.given_name.empty() && c.family_name.empty())
        return make_error(ErrorCode::usage, "client without a name");
    for (const auto& m : c.household)
        if (m.age < 0 || m.age > 125) return make_error(ErrorCode::usage, "age out of range");
    return {};
}

// Household and consents are replaced as a whole: the form shows them as one list.
Status write_children(Database& db, const model::Client& c) {
    for (const char* sql : {"DELETE FROM household_member WHERE client_id = ?",
                            "DELETE FROM consent WHERE client_id = ?"}) {
        auto st = db.prepare(sql);
        if (!st) return st.error();
        if (auto s = st->bind(1, c.id).run(); !s) return s;
    }
    auto hm = db.prepare(
        "INSERT INTO household_member (client_id, position, relation, age) VALUES (?, ?, ?, ?)");
    if (!hm) return hm.error();
    for (std::size_t i = 0; i < c.household.size(); ++i) {
        hm->reset();
        hm->bind(1, c.id)
            .bind(2, std::int64_t(i))
            .bind(3, model::to_string(c.household[i].relation));
        if (auto s = hm->bind(4, std::int64_t(c.household[i].age)).run(); !s) return s;
    }
    auto cs = db.prepare(
        "INSERT INTO consent (client_id, purpose, given, recorded_at, given_by) VALUES (?, ?, ?, "
        "?, ?)");
    if (!cs) return cs.error();
    for (const auto& k : c.consents) {
        cs->reset();
        cs->bind(1, c.id).bind(2, model::to_string(k.purpose)).bind(3, std::int64_t(k.given));
        cs->bind(4, k.recorded_at);
        const char* by =
            k.given_by == model::ConsentGiver::representative ? "representative" : "client";
        if (auto s = cs->bind(5, std::string_view(by)).run(); !s) return s;
    }
    return {};
}

Status read_children(Database& db, model::Client& c) {
    auto hm = db.prepare(
        "SELECT relation, age FROM household_member WHERE client_id = ? ORDER BY position");
    if (!hm) return hm.error();
    hm->bind(1, c.id);
    for (auto row = hm->step(); row && row.value(); row = hm->step()) {
        const auto rel = model::relation_from_string(hm->text(0));
        c.household.push_back({rel.value_or(model::Relation::other), int(hm->int64(1))});
    }
    auto cs =
        db.prepare("SELECT purpose, given, recorded_at, given_by FROM consent WHERE client_id = ?");
    if (!cs) return cs.error();
    cs->bind(1, c.id);
    for (auto row = cs->step(); row && row.value(); row = cs->step()) {
        const auto purpose = model::purpose_from_string(cs->text(0));
        if (!purpose) continue;
        c.consents.push_back({*purpose, cs->int64(1) != 0, cs->int64(2),
                              cs->text(3) == "representative" ? model::ConsentGiver::representative
                                                              : model::ConsentGiver::client});
    }
    return {};
}

}  // namespace

Result<std::string> add_client(Database& db, const model::Client& input, std::int64_t now) {
    if (auto s = validate(input); !s) return s.error();
    model::Client c = input;
    if (c.id.empty()) c.id = new_uuid();
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto st = db.prepare(
        "INSERT INTO client (id, given_name, tussenvoegsel, family_name, birth_date, wijk, team, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st) return st.error();
    st->bind(1, c.id).bind(2, c.given_name).bind(3, c.tussenvoegsel).bind(4, c.family_name);
    st->bind(5, c.birth_date).bind(6, c.wijk).bind(7, c.team).bind(8, now);
    if (auto s = st->run(); !s) return s.error();
    if (auto s = write_children(db, c); !s) return s.error();
    if (auto s = audit_event(db, "client_created", c.id, "ok", now); !s) return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    return c.id;
}

Status update_client(Database& db, const model::Client& c, std::int64_t now) {
    if (auto s = validate(c); !s) return s;
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto st = db.prepare(
        "UPDATE client SET given_name = ?, tussenvoegsel = ?, family_name = ?, birth_date = ?, "
        "wijk = ?, team = ? WHERE id = ?");
    if (!st) return st.error();
    st->bind(1, c.given_name).bind(2, c.tussenvoegsel).bind(3, c.family_name).bind(4, c.birth_date);
    st->bind(5, c.wijk).bind(6, c.team).bind(7, c.id);
    if (auto s = st->run(); !s) return s;
    if (db.changes() == 0) return make_error(ErrorCode::not_found, "no such client");
    if (auto s = write_children(db, c); !s) return s;
    if (auto s = audit_event(db, "client_changed", c.id, "ok", now); !s) return s;
    return tx->commit();
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
    model::Client c = read_client(st.value());
    if (auto s = read_children(db, c); !s) return s.error();
    return c;
}

}  // namespace kt::store
