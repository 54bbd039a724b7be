#include "store/network.hpp"

#include "store/assessments.hpp"
#include "store/audit.hpp"

#include "util/ids.hpp"

namespace kt::store {

namespace {

constexpr unsigned kAllGives = 0xF;
constexpr unsigned kAllReasons = 0xF;

constexpr const char* kPersonColumns =
    "id, label, kind, ring, gives, frequency, could_do_more, hinders, carer_load";

// One integer from a query with a single text parameter (0 when there is no row).
Result<std::int64_t> scalar(Database& db, std::string_view sql, std::string_view arg) {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    st->bind(1, arg);
    auto row = st->step();
    if (!row) return row.error();
    return row.value() ? st->int64(0) : 0;
}

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

Status validate(const model::NetworkPerson& p) {
    const std::string label = trimmed(p.label);
    if (label.empty()) return make_error(ErrorCode::usage, "person without a label");
    if (label.size() > model::kMaxLabelBytes)
        return make_error(ErrorCode::usage, "label longer than a name or a role");
    if (p.ring < 0 || p.ring >= model::kRingCount)
        return make_error(ErrorCode::usage, "ring out of range");
    if ((p.gives & ~kAllGives) != 0) return make_error(ErrorCode::usage, "unknown gives bits");
    return {};
}

// Binds the person's fields to parameters first..first+7 (label .. carer_load).
void bind_fields(Statement& st, int first, const model::NetworkPerson& p) {
    // Why: a carer load means nothing without care (NetworkPerson::effective_carer_load).
    st.bind(first, trimmed(p.label))
        .bind(first + 1, model::to_string(p.kind))
        .bind(first + 2, std::int64_t(p.ring))
        .bind(first + 3, model::gives_to_string(p.gives))
        .bind(first + 4, model::to_string(p.frequency))
        .bind(first + 5, std::int64_t(p.could_do_more))
        .bind(first + 6, std::int64_t(p.hinders))
        .bind(first + 7, model::to_string(p.effective_carer_load()));
}

model::NetworkPerson read_person(const Statement& st) {
    model::NetworkPerson p;
    p.id = st.text(0);
    p.label = st.text(1);
    p.kind = model::person_kind_from_string(st.text(2)).value_or(model::PersonKind::other);
    p.ring = static_cast<int>(st.int64(3));
    p.gives = model::gives_from_string(st.text(4));
    p.frequency = model::frequency_from_string(st.text(5));
    p.could_do_more = st.int64(6) != 0;
    p.hinders = st.int64(7) != 0;
    p.carer_load = model::carer_load_from_string(st.text(8));
    return p;
}

Status require_assessment(Database& db, std::string_view id) {
    auto n = scalar(db, "SELECT count(*) FROM assessment WHERE id = ?", id);
    if (!n) return n.error();
    if (n.value() == 0) return make_error(ErrorCode::not_found, "no such assessment");
    return {};
}

// The map row exists before its people (foreign key) and records the time of the change.
Status touch_map(Database& db, std::string_view id, std::int64_t now) {
    auto ins =
        db.prepare("INSERT OR IGNORE INTO network_map (assessment_id, updated_at) VALUES (?, ?)");
    if (!ins) return ins.error();
    if (auto s = ins->bind(1, id).bind(2, now).run(); !s) return s;
    auto upd = db.prepare("UPDATE network_map SET updated_at = ? WHERE assessment_id = ?");
    if (!upd) return upd.error();
    return upd->bind(1, now).bind(2, id).run();
}

// One change to a draft's map: transaction, draft check, map row, `body`, audit, commit.
template <typename Body>
Status change_map(Database& db, std::string_view id, std::int64_t now, Body&& body) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = require_draft(db, id); !s) return s;
    if (auto s = touch_map(db, id, now); !s) return s;
    if (auto s = body(); !s) return s;
    if (auto s = audit_event(db, "network_changed", id, "ok", now); !s) return s;
    return tx->commit();
}

// Runs an UPDATE/DELETE of one person; not_found when no row of this map matched.
Status run_on_person(Database& db, Statement& st) {
    if (auto s = st.run(); !s) return s;
    if (db.changes() == 0) return make_error(ErrorCode::not_found, "no such person on this map");
    return {};
}

Status insert_person(Database& db, std::string_view map_id, const model::NetworkPerson& p,
                     const std::string& person_id, std::int64_t now) {
    auto pos = scalar(db,
                      "SELECT coalesce(max(position) + 1, 0) FROM network_person "
                      "WHERE assessment_id = ?",
                      map_id);
    if (!pos) return pos.error();
    auto st = db.prepare(
        "INSERT INTO network_person (id, assessment_id, position, label, kind, ring, gives, "
        "frequency, could_do_more, hinders, carer_load, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st) return st.error();
    st->bind(1, person_id).bind(2, map_id).bind(3, pos.value());
    bind_fields(st.value(), 4, p);
    return st->bind(12, now).run();
}

Status write_meta(Database& db, std::string_view id, const model::NetworkMap& m) {
    auto st = db.prepare(
        "UPDATE network_map SET reasons = ?, other_reason = ?, note = ? WHERE assessment_id = ?");
    if (!st) return st.error();
    st->bind(1, model::reasons_to_string(m.reasons)).bind(2, m.other_reason).bind(3, m.note);
    return st->bind(4, id).run();
}

Status read_people(Database& db, model::NetworkMap& map) {
    auto st = db.prepare(std::string("SELECT ") + kPersonColumns +
                         " FROM network_person WHERE assessment_id = ? ORDER BY position");
    if (!st) return st.error();
    st->bind(1, map.assessment_id);
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) return {};
        map.people.push_back(read_person(st.value()));
    }
}

// The client's latest assessment before `id` that has a map ("" when none).
Result<std::string> previous_map_of(Database& db, std::string_view id) {
    auto st = db.prepare(
        "SELECT p.id FROM assessment a JOIN assessment p ON p.client_id = a.client_id "
        "JOIN network_map m ON m.assessment_id = p.id "
        "WHERE a.id = ? AND p.id <> a.id AND p.started_at <= a.started_at "
        "ORDER BY p.started_at DESC, p.rowid DESC LIMIT 1");
    if (!st) return st.error();
    st->bind(1, id);
    auto row = st->step();
    if (!row) return row.error();
    return row.value() ? st->text(0) : std::string();
}

Status copy_previous_map(Database& db, std::string_view id, std::int64_t now) {
    if (auto s = require_draft(db, id); !s) return s;
    auto has_map = scalar(db, "SELECT count(*) FROM network_map WHERE assessment_id = ?", id);
    if (!has_map) return has_map.error();
    if (has_map.value() != 0) return {};
    auto source = previous_map_of(db, id);
    if (!source) return source.error();
    if (source->empty()) return {};
    auto map = load_network(db, source.value());
    if (!map) return map.error();
    if (auto s = touch_map(db, id, now); !s) return s;
    if (auto s = write_meta(db, id, map.value()); !s) return s;
    for (const auto& p : map->people)
        if (auto s = insert_person(db, id, p, new_uuid(), now); !s) return s;
    return {};
}

}  // namespace

Status prefill_network_from_previous(Database& db, std::string_view assessment_id,
                                     std::int64_t now) {
    if (db.in_transaction()) return copy_previous_map(db, assessment_id, now);
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = copy_previous_map(db, assessment_id, now); !s) return s;
    return tx->commit();
}

Result<model::NetworkMap> load_network(Database& db, std::string_view assessment_id) {
    if (auto s = require_assessment(db, assessment_id); !s) return s.error();
    model::NetworkMap map;
    map.assessment_id = std::string(assessment_id);
    auto st =
        db.prepare("SELECT reasons, other_reason, note FROM network_map WHERE assessment_id = ?");
    if (!st) return st.error();
    st->bind(1, assessment_id);
    auto row = st->step();
    if (!row) return row.error();
    if (row.value()) {
        map.reasons = model::reasons_from_string(st->text(0));
        map.other_reason = st->text(1);
        map.note = st->text(2);
    }
    if (auto s = read_people(db, map); !s) return s.error();
    return map;
}

Result<std::string> add_person(Database& db, std::string_view assessment_id,
                               const model::NetworkPerson& person, std::int64_t now) {
    if (auto s = validate(person); !s) return s.error();
    const std::string id = new_uuid();
    auto s = change_map(db, assessment_id, now, [&]() -> Status {
        auto n = scalar(db, "SELECT count(*) FROM network_person WHERE assessment_id = ?",
                        assessment_id);
        if (!n) return n.error();
        if (n.value() >= model::kMaxNetworkPeople)
            return make_error(ErrorCode::usage, "the map is full");
        return insert_person(db, assessment_id, person, id, now);
    });
    if (!s) return s.error();
    return id;
}

Status update_person(Database& db, std::string_view assessment_id,
                     const model::NetworkPerson& person, std::int64_t now) {
    if (auto s = validate(person); !s) return s;
    return change_map(db, assessment_id, now, [&]() -> Status {
        auto st = db.prepare(
            "UPDATE network_person SET label = ?, kind = ?, ring = ?, gives = ?, frequency = ?, "
            "could_do_more = ?, hinders = ?, carer_load = ?, updated_at = ? "
            "WHERE id = ? AND assessment_id = ?");
        if (!st) return st.error();
        bind_fields(st.value(), 1, person);
        st->bind(9, now).bind(10, person.id).bind(11, assessment_id);
        return run_on_person(db, st.value());
    });
}

Status move_person(Database& db, std::string_view assessment_id, std::string_view person_id,
                   int ring, std::int64_t now) {
    if (ring < 0 || ring >= model::kRingCount)
        return make_error(ErrorCode::usage, "ring out of range");
    return change_map(db, assessment_id, now, [&]() -> Status {
        auto st = db.prepare(
            "UPDATE network_person SET ring = ?, updated_at = ? WHERE id = ? AND assessment_id = "
            "?");
        if (!st) return st.error();
        st->bind(1, std::int64_t(ring)).bind(2, now).bind(3, person_id).bind(4, assessment_id);
        return run_on_person(db, st.value());
    });
}

Status remove_person(Database& db, std::string_view assessment_id, std::string_view person_id,
                     std::int64_t now) {
    return change_map(db, assessment_id, now, [&]() -> Status {
        auto st = db.prepare("DELETE FROM network_person WHERE id = ? AND assessment_id = ?");
        if (!st) return st.error();
        st->bind(1, person_id).bind(2, assessment_id);
        return run_on_person(db, st.value());
    });
}

Status set_network_reasons(Database& db, std::string_view assessment_id, unsigned reasons,
                           std::string_view other_reason, std::int64_t now) {
    if ((reasons & ~kAllReasons) != 0) return make_error(ErrorCode::usage, "unknown reason bits");
    const bool other = (reasons & static_cast<unsigned>(model::AskReason::other)) != 0;
    return change_map(db, assessment_id, now, [&]() -> Status {
        auto st = db.prepare(
            "UPDATE network_map SET reasons = ?, other_reason = ? WHERE assessment_id = ?");
        if (!st) return st.error();
        st->bind(1, model::reasons_to_string(reasons));
        st->bind(2, other ? trimmed(other_reason) : std::string());
        return st->bind(3, assessment_id).run();
    });
}

Status set_network_note(Database& db, std::string_view assessment_id, std::string_view note,
                        std::int64_t now) {
    return change_map(db, assessment_id, now, [&]() -> Status {
        auto st = db.prepare("UPDATE network_map SET note = ? WHERE assessment_id = ?");
        if (!st) return st.error();
        return st->bind(1, note).bind(2, assessment_id).run();
    });
}

}  // namespace kt::store
