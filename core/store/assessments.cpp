#include "store/assessments.hpp"

#include "store/audit.hpp"
#include "store/network.hpp"

#include "util/ids.hpp"

namespace kt::store {

namespace {

constexpr const char* kSelect =
    "SELECT id, client_id, kind, status, instrument, started_at, finished_at, version, sealed_at "
    "FROM assessment ";

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
    a.version = static_cast<int>(st.int64(7));
    a.sealed_at = st.int64(8);
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

Status load_details(Database& db, model::Assessment& a) {
    auto st = db.prepare(
        "SELECT domain, note, hulpvraag, goal, share_own, share_network, share_professional, "
        "outcome, unscored_reason FROM domain_detail WHERE assessment_id = ?");
    if (!st) return st.error();
    st->bind(1, a.id);
    for (auto row = st->step(); row; row = st->step()) {
        if (!row.value()) break;
        const auto index = zrm::domain_index(st->text(0));
        if (!index) continue;
        auto& d = a.details[std::size_t(*index)];
        d.note = st->text(1);
        d.hulpvraag = st->text(2);
        d.goal = st->int64(3) != 0;
        d.share_own = int(st->int64(4));
        d.share_network = int(st->int64(5));
        d.share_professional = int(st->int64(6));
        d.outcome = model::outcome_from_string(st->text(7));
        d.unscored = model::reason_from_string(st->text(8));
    }
    auto ps = db.prepare(
        "SELECT role, detail FROM participant WHERE assessment_id = ? ORDER BY position");
    if (!ps) return ps.error();
    ps->bind(1, a.id);
    for (auto row = ps->step(); row && row.value(); row = ps->step())
        if (const auto role = model::role_from_string(ps->text(0)))
            a.present.push_back({*role, ps->text(1)});
    return {};
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
    for (auto& a : out) {
        if (auto s = load_levels(db, a); !s) return s.error();
        if (auto s = load_details(db, a); !s) return s.error();
    }
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

Status require_draft(Database& db, std::string_view id) {
    auto status = draft_status(db, id);
    if (!status) return status.error();
    if (status.value() != "draft")
        return make_error(ErrorCode::invalid_state, "assessment is finished");
    return {};
}

namespace {

// Replaces who was present, inside the caller's transaction.
Status write_participants(Database& db, std::string_view assessment_id,
                          const std::vector<model::Participant>& present) {
    auto del = db.prepare("DELETE FROM participant WHERE assessment_id = ?");
    if (!del) return del.error();
    if (auto s = del->bind(1, assessment_id).run(); !s) return s;
    auto ins = db.prepare(
        "INSERT INTO participant (assessment_id, position, role, detail) VALUES (?, ?, ?, ?)");
    if (!ins) return ins.error();
    for (std::size_t i = 0; i < present.size(); ++i) {
        ins->reset();
        ins->bind(1, assessment_id)
            .bind(2, std::int64_t(i))
            .bind(3, model::to_string(present[i].role));
        if (auto s = ins->bind(4, present[i].detail).run(); !s) return s;
    }
    return {};
}

}  // namespace

Result<std::string> start_assessment(Database& db, std::string_view client_id,
                                     model::AssessmentKind kind, std::int64_t now) {
    return start_assessment(db, client_id, kind, {}, now);
}

Result<std::string> start_assessment(Database& db, std::string_view client_id,
                                     model::AssessmentKind kind,
                                     const std::vector<model::Participant>& present,
                                     std::int64_t now) {
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
    if (auto s = prefill_network_from_previous(db, id, now); !s) return s.error();
    if (auto s = write_participants(db, id, present); !s) return s.error();
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
    if (auto s = require_draft(db, assessment_id); !s) return s;
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
    // A score settles the domain: any earlier "not scored" reason no longer applies.
    auto clear = db.prepare(
        "UPDATE domain_detail SET unscored_reason = '' WHERE assessment_id = ? AND domain = ?");
    if (!clear) return clear.error();
    clear->bind(1, assessment_id).bind(2, zrm::kDomains[static_cast<std::size_t>(domain_index)]);
    if (auto s = clear->run(); !s) return s;
    const std::string object = std::string(assessment_id) + ":" +
                               std::string(zrm::kDomains[static_cast<std::size_t>(domain_index)]);
    if (auto s = audit_event(db, "score_set", object, "ok", now); !s) return s;
    return tx->commit();
}

Status set_domain_detail(Database& db, std::string_view assessment_id, int domain_index,
                         const model::DomainDetail& d, std::int64_t now) {
    if (domain_index < 0 || domain_index >= zrm::kDomainCount)
        return make_error(ErrorCode::usage, "domain out of range");
    const bool shares_ok = (d.share_own < 0 && d.share_network < 0 && d.share_professional < 0) ||
                           (d.share_own >= 0 && d.share_network >= 0 && d.share_professional >= 0 &&
                            d.share_own + d.share_network + d.share_professional == 100);
    if (!shares_ok) return make_error(ErrorCode::usage, "shares must sum to 100");
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = require_draft(db, assessment_id); !s) return s;
    const std::string_view domain = zrm::kDomains[static_cast<std::size_t>(domain_index)];
    auto st = db.prepare(
        "INSERT OR REPLACE INTO domain_detail (assessment_id, domain, note, hulpvraag, goal, "
        "share_own, share_network, share_professional, outcome, unscored_reason, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st) return st.error();
    st->bind(1, assessment_id).bind(2, domain).bind(3, d.note).bind(4, d.hulpvraag);
    st->bind(5, std::int64_t(d.goal)).bind(6, std::int64_t(d.share_own));
    st->bind(7, std::int64_t(d.share_network)).bind(8, std::int64_t(d.share_professional));
    st->bind(9, model::to_string(d.outcome)).bind(10, model::to_string(d.unscored)).bind(11, now);
    if (auto s = st->run(); !s) return s;
    if (d.unscored != model::UnscoredReason::none) {
        auto del = db.prepare("DELETE FROM score WHERE assessment_id = ? AND domain = ?");
        if (!del) return del.error();
        if (auto s = del->bind(1, assessment_id).bind(2, domain).run(); !s) return s;
    }
    return tx->commit();
}

Status set_participants(Database& db, std::string_view assessment_id,
                        const std::vector<model::Participant>& present) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = require_draft(db, assessment_id); !s) return s;
    if (auto s = write_participants(db, assessment_id, present); !s) return s;
    return tx->commit();
}

Status finish_assessment(Database& db, std::string_view assessment_id, std::int64_t now) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto status = draft_status(db, assessment_id);
    if (!status) return status.error();
    if (status.value() != "draft")
        return make_error(ErrorCode::invalid_state, "assessment already finished");
    auto current = load_assessment(db, assessment_id);
    if (!current) return current.error();
    if (!current->complete())
        return make_error(ErrorCode::invalid_state, "a domain has neither score nor reason");
    auto st = db.prepare("UPDATE assessment SET status = 'finished', finished_at = ? WHERE id = ?");
    if (!st) return st.error();
    st->bind(1, now).bind(2, assessment_id);
    if (auto s = st->run(); !s) return s;
    if (auto s = audit_event(db, "assessment_finished", assessment_id, "ok", now); !s) return s;
    return tx->commit();
}

}  // namespace kt::store
