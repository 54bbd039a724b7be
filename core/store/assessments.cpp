#include "store/assessments.hpp"

#include "util/ids.hpp"

namespace kt::store {

namespace {

constexpr const char* kSelect =
    "SELECT id, client_id, kind, status, instrument, started_at, finished_at FROM assessment ";

Result<model::Assessment> read_row(const Statement& st) {
    model::Assessment a;
    a.id = st.text(0);
    a.client_id = st.text(1);
    const auto kind = model::kind_from_string(st.text(2));
    if (!kind) return make_error(ErrorCode::damaged_vault, "unknown assessment kind");
    a.kind = *kind;
    a.status = st.text(3) == "finished" ? model::AssessmentStatus::finished
                                        : model::AssessmentStatus::draft;
    a.instrument = st.text(4);
    a.started_at = st.int64(5);
    a.finished_at = st.int64(6);
    return a;
}

Status load_levels(Database& db, model::Assessment& a) {
    auto st = db.prepare("SELECT domain, level FROM score WHERE assessment_id = ?");
    if (!st) return st.error();
    st->bind(1, a.id);
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) return {};
        const auto index = zrm::domain_index(st->text(0));
        if (index) a.levels[static_cast<std::size_t>(*index)] = static_cast<int>(st->int64(1));
    }
}

Result<std::vector<model::Assessment>> query_many(Database& db, const std::string& where,
                                                  std::string_view arg) {
    auto st = db.prepare(kSelect + where);
    if (!st) return st.error();
    st->bind(1, arg);
    std::vector<model::Assessment> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        auto a = read_row(st.value());
        if (!a) return a.error();
        out.push_back(std::move(a.value()));
    }
    for (auto& a : out)
        if (auto s = load_levels(db, a); !s) return s.error();
    return out;
}

Result<std::string> draft_status(Database& db, std::string_view id) {
    auto st = db.prepare("SELECT status FROM assessment WHERE id = ?");
    if (!st) return st.error();
    st->bind(1, id);
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return make_error(ErrorCode::not_found, "no such assessment");
    return st->text(0);
}

}  // namespace

Result<std::string> start_assessment(Database& db, std::string_view client_id,
                                     model::AssessmentKind kind, std::int64_t now) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto exists = db.prepare("SELECT 1 FROM client WHERE id = ?");
    if (!exists) return exists.error();
    exists->bind(1, client_id);
    auto row = exists->step();
    if (!row) return row.error();
    if (!row.value()) return make_error(ErrorCode::not_found, "no such client");
    const std::string id = new_uuid();
    auto st = db.prepare(
        "INSERT INTO assessment (id, client_id, kind, instrument, started_at) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!st) return st.error();
    st->bind(1, id).bind(2, client_id).bind(3, model::to_string(kind));
    st->bind(4, zrm::kInstrumentVersion).bind(5, now);
    if (auto s = st->run(); !s) return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    return id;
}

Result<model::Assessment> load_assessment(Database& db, std::string_view id) {
    auto many = query_many(db, "WHERE id = ?", id);
    if (!many) return many.error();
    if (many->empty()) return make_error(ErrorCode::not_found, "no such assessment");
    return std::move(many->front());
}

Result<std::vector<model::Assessment>> assessments_of(Database& db, std::string_view client_id) {
    return query_many(db, "WHERE client_id = ? ORDER BY started_at DESC, rowid DESC", client_id);
}

Result<std::optional<model::Assessment>> previous_assessment(Database& db,
                                                             const model::Assessment& current) {
    auto all = assessments_of(db, current.client_id);
    if (!all) return all.error();
    for (auto& a : all.value())
        if (a.id != current.id && a.started_at <= current.started_at)
            return std::optional<model::Assessment>(std::move(a));
    return std::optional<model::Assessment>();
}

Status set_score(Database& db, std::string_view assessment_id, int domain_index, int level,
                 std::int64_t now) {
    if (domain_index < 0 || domain_index >= zrm::kDomainCount || !zrm::is_valid_level(level))
        return make_error(ErrorCode::usage, "domain or level out of range");
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto status = draft_status(db, assessment_id);
    if (!status) return status.error();
    if (status.value() != "draft")
        return make_error(ErrorCode::invalid_state, "assessment is finished");
    auto st = db.prepare(
        "INSERT OR REPLACE INTO score (assessment_id, domain, level, instrument, scored_at) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!st) return st.error();
    st->bind(1, assessment_id)
        .bind(2, zrm::kDomains[static_cast<std::size_t>(domain_index)])
        .bind(3, static_cast<std::int64_t>(level))
        .bind(4, zrm::kInstrumentVersion)
        .bind(5, now);
    if (auto s = st->run(); !s) return s;
    return tx->commit();
}

Status finish_assessment(Database& db, std::string_view assessment_id, std::int64_t now) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto status = draft_status(db, assessment_id);
    if (!status) return status.error();
    if (status.value() != "draft")
        return make_error(ErrorCode::invalid_state, "assessment already finished");
    auto st = db.prepare("UPDATE assessment SET status = 'finished', finished_at = ? WHERE id = ?");
    if (!st) return st.error();
    st->bind(1, now).bind(2, assessment_id);
    if (auto s = st->run(); !s) return s;
    return tx->commit();
}

}  // namespace kt::store
