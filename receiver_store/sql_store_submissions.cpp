// Submissions, their structured rows and the streaming read for the export.
#include <set>

#include "model/zrm.hpp"
#include "packed_domains.hpp"
#include "sql_store.hpp"

namespace kt::receiver {

namespace {

constexpr int kPageSize = 200;

}  // namespace

Status validate_structured(const StructuredAssessment& a) {
    if (a.kind != "intake" && a.kind != "voortgang" && a.kind != "afsluiting")
        return make_error(ErrorCode::usage, "unknown assessment kind");
    if (a.domains.size() != static_cast<std::size_t>(zrm::kDomainCount))
        return make_error(ErrorCode::usage, "an assessment has exactly 13 domains");
    std::set<std::string> seen;
    for (const DomainRow& d : a.domains) {
        if (!zrm::domain_index(d.domain_id) || !seen.insert(d.domain_id).second)
            return make_error(ErrorCode::usage, "unknown or repeated domain id");
        if (d.level && !zrm::is_valid_level(*d.level))
            return make_error(ErrorCode::usage, "level out of range");
    }
    const NetworkCounts& n = a.network;
    if (n.people < 0 || n.supportive < 0 || n.hindering < 0 || n.overloaded_carers < 0)
        return make_error(ErrorCode::usage, "negative network count");
    return {};
}

namespace {

Result<std::optional<Submission>> read_submission(SqlConnection& c, const std::string& uuid,
                                                  std::int64_t version) {
    auto rows = c.query(
        "SELECT assessment_uuid, version, device_id, device_seq, payload_sha256, record_sha256, "
        "sealed_payload, receiver_time, receipt_signature_hex FROM submissions "
        "WHERE assessment_uuid = $1 AND version = $2",
        {uuid, version}, 9);
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<Submission>();
    const Row& r = rows->front();
    return std::optional<Submission>(Submission{as_text(r[0]), as_int(r[1]), as_text(r[2]),
                                                as_int(r[3]), as_text(r[4]), as_text(r[5]),
                                                as_text(r[6]), as_int(r[7]), as_text(r[8])});
}

Status write_submission(SqlConnection& c, const Submission& s) {
    auto n = c.execute(
        "INSERT INTO submissions (assessment_uuid, version, device_id, device_seq, "
        "payload_sha256, record_sha256, sealed_payload, receiver_time, receipt_signature_hex) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {s.assessment_uuid, s.version, s.device_id, s.device_seq, s.payload_sha256, s.record_sha256,
         s.sealed_payload, s.receiver_time, s.receipt_signature_hex});
    if (!n) return n.error();
    return {};
}

// One row per assessment, the 13 domains packed into four columns (packed_domains.hpp).
Status write_structured(SqlConnection& c, const Submission& s, const StructuredAssessment& a) {
    const PackedDomains d = pack_domains(a.domains);
    auto n = c.execute(
        "INSERT INTO assessments (assessment_uuid, version, client_ref, kind, sealed_at, "
        "age_years, wijk, team, household, network_people, network_supportive, "
        "network_hindering, network_overloaded_carers, locale_shown, levels, agrees, goals, "
        "reasons) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
        {s.assessment_uuid, s.version, a.client_ref, a.kind, a.sealed_at, opt_param(a.age_years),
         a.wijk, a.team, a.household, std::int64_t{a.network.people},
         std::int64_t{a.network.supportive}, std::int64_t{a.network.hindering},
         std::int64_t{a.network.overloaded_carers}, a.locale_shown, d.levels, d.agrees, d.goals,
         d.reasons});
    if (!n) return n.error();
    return {};
}

InsertResult duplicate_of(Submission stored) {
    return InsertResult{InsertStatus::duplicate, std::move(stored)};
}

// The device's sequence did not move: a concurrent request for the same key may have moved
// it while we waited for the device row, then this is its duplicate (PostgreSQL reads the
// latest committed rows in a new statement); else device_seq is not above the highest seen.
Result<InsertResult> not_moved(SqlConnection& c, const Submission& s) {
    auto now = read_submission(c, s.assessment_uuid, s.version);
    if (!now) return now.error();
    if (now->has_value()) return duplicate_of(std::move(now->value()));
    auto dev = read_device(c, s.device_id);
    if (!dev) return dev.error();
    if (!dev->has_value()) return make_error(ErrorCode::not_found, "unknown device");
    return InsertResult{InsertStatus::rolled_back, std::nullopt};
}

// One attempt in one transaction. A UNIQUE violation comes back as kUniqueViolation after the
// transaction is gone, so the caller can read the winner's row.
Result<InsertResult> try_insert(SqlConnection& c, const Submission& s,
                                const StructuredAssessment& a) {
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    auto before = read_submission(c, s.assessment_uuid, s.version);
    if (!before) return before.error();
    if (before->has_value()) return duplicate_of(std::move(before->value()));
    auto moved = c.execute("UPDATE devices SET last_seq = $2 WHERE id = $1 AND last_seq < $2",
                           {s.device_id, s.device_seq});
    if (!moved) return moved.error();
    if (moved.value() != 1) return not_moved(c, s);
    if (auto st = write_submission(c, s); !st) return st.error();
    if (auto st = write_structured(c, s, a); !st) return st.error();
    if (auto st = tx->commit(); !st) return st.error();
    return InsertResult{InsertStatus::stored, s};
}

// try_insert as one statement (PostgreSQL), atomic on its own: the device's sequence moves,
// and only if it moved are the submission and its structured row inserted. One row: stored;
// none: not_moved; a UNIQUE violation (kUniqueViolation): the key was stored meanwhile.
// The sub-statements cannot see each other's rows, but the foreign keys are checked at the
// statement's end, when they can.
Result<InsertResult> insert_in_one(SqlConnection& c, const Submission& s,
                                   const StructuredAssessment& a) {
    const PackedDomains d = pack_domains(a.domains);
    auto n = c.execute(
        "WITH moved AS (UPDATE devices SET last_seq = $4::bigint "
        "WHERE id = $3 AND last_seq < $4::bigint RETURNING id), "
        "stored AS (INSERT INTO submissions (assessment_uuid, version, device_id, device_seq, "
        "payload_sha256, record_sha256, sealed_payload, receiver_time, receipt_signature_hex) "
        "SELECT $1, $2::bigint, $3, $4::bigint, $5, $6, $7, $8::bigint, $9 FROM moved "
        "RETURNING assessment_uuid) "
        "INSERT INTO assessments (assessment_uuid, version, client_ref, kind, sealed_at, "
        "age_years, wijk, team, household, network_people, network_supportive, "
        "network_hindering, network_overloaded_carers, locale_shown, levels, agrees, goals, "
        "reasons) "
        "SELECT $1, $2::bigint, $10, $11, $12::bigint, $13::integer, $14, $15, $16, "
        "$17::integer, $18::integer, $19::integer, $20::integer, $21, $22, $23, $24, $25 "
        "FROM stored",
        {s.assessment_uuid,
         s.version,
         s.device_id,
         s.device_seq,
         s.payload_sha256,
         s.record_sha256,
         s.sealed_payload,
         s.receiver_time,
         s.receipt_signature_hex,
         a.client_ref,
         a.kind,
         a.sealed_at,
         opt_param(a.age_years),
         a.wijk,
         a.team,
         a.household,
         std::int64_t{a.network.people},
         std::int64_t{a.network.supportive},
         std::int64_t{a.network.hindering},
         std::int64_t{a.network.overloaded_carers},
         a.locale_shown,
         d.levels,
         d.agrees,
         d.goals,
         d.reasons});
    if (!n) return n.error();
    if (n.value() == 1) return InsertResult{InsertStatus::stored, s};
    return not_moved(c, s);
}

Result<StoredAssessment> assessment_from_row(const Row& r) {
    StoredAssessment out{as_text(r[0]), as_int(r[1]), as_int(r[2]), {}};
    StructuredAssessment& a = out.data;
    a.client_ref = as_text(r[3]);
    a.kind = as_text(r[4]);
    a.sealed_at = as_int(r[5]);
    if (auto age = as_opt_int(r[6])) a.age_years = static_cast<int>(*age);
    a.wijk = as_text(r[7]);
    a.team = as_text(r[8]);
    a.household = as_text(r[9]);
    a.network = {static_cast<int>(as_int(r[10])), static_cast<int>(as_int(r[11])),
                 static_cast<int>(as_int(r[12])), static_cast<int>(as_int(r[13]))};
    a.locale_shown = as_text(r[14]);
    auto domains = unpack_domains(as_text(r[15]), as_text(r[16]), as_text(r[17]), as_text(r[18]));
    if (!domains) return domains.error();
    a.domains = std::move(domains.value());
    return out;
}

// Keyset paging: the assessments after (uuid, version). Row-value comparisons (SQLite >= 3.15,
// PostgreSQL) let both use the primary key's index; the equivalent OR form made PostgreSQL
// scan the tables once per page. The condition is on both sides of the join: PostgreSQL's
// merge join would otherwise read submissions from the start for every page.
Result<std::vector<StoredAssessment>> read_page(SqlConnection& c, const std::string& uuid,
                                                std::int64_t version) {
    auto rows = c.query(
        "SELECT a.assessment_uuid, a.version, s.receiver_time, a.client_ref, a.kind, "
        "a.sealed_at, a.age_years, a.wijk, a.team, a.household, a.network_people, "
        "a.network_supportive, a.network_hindering, a.network_overloaded_carers, a.locale_shown, "
        "a.levels, a.agrees, a.goals, a.reasons "
        "FROM assessments a JOIN submissions s ON s.assessment_uuid = a.assessment_uuid "
        "AND s.version = a.version "
        "WHERE (a.assessment_uuid, a.version) > ($1, $2) "
        "AND (s.assessment_uuid, s.version) > ($1, $2) "
        "ORDER BY a.assessment_uuid, a.version LIMIT $3",
        {uuid, version, std::int64_t{kPageSize}}, 19);
    if (!rows) return rows.error();
    std::vector<StoredAssessment> page;
    for (const Row& r : rows.value()) {
        auto a = assessment_from_row(r);
        if (!a) return a.error();
        page.push_back(std::move(a.value()));
    }
    return page;
}

}  // namespace

Result<InsertResult> SqlStore::insert_submission(const Submission& s,
                                                 const StructuredAssessment& a) {
    if (auto v = validate_structured(a); !v) return v.error();
    auto l = lease();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto r = m_dialect->modifying_with ? insert_in_one(c, s, a) : try_insert(c, s, a);
    if (r || r.error().code != kUniqueViolation) return r;
    // The UNIQUE key caught a concurrent insert of the same key: it is a duplicate.
    auto stored = read_submission(c, s.assessment_uuid, s.version);
    if (!stored) return stored.error();
    if (!stored->has_value()) return r.error();  // the violation was not the key's
    return duplicate_of(std::move(stored->value()));
}

Result<std::optional<Submission>> SqlStore::submission(const std::string& assessment_uuid,
                                                       std::int64_t version) {
    auto l = lease();
    if (!l) return l.error();
    return read_submission((*l)->conn(), assessment_uuid, version);
}

Result<std::int64_t> SqlStore::count_submissions() {
    auto l = lease();
    if (!l) return l.error();
    return count_rows((*l)->conn(), "SELECT count(*) FROM submissions");
}

Result<std::int64_t> SqlStore::count_duplicate_keys() {
    auto l = lease();
    if (!l) return l.error();
    return count_rows((*l)->conn(),
                      "SELECT count(*) FROM (SELECT assessment_uuid, version FROM submissions "
                      "GROUP BY assessment_uuid, version HAVING count(*) > 1) AS dup");
}

Status SqlStore::for_each_assessment(const std::function<bool(const StoredAssessment&)>& callback) {
    std::string uuid;
    std::int64_t version = -1;
    for (;;) {
        std::vector<StoredAssessment> page;
        {
            auto l = lease();
            if (!l) return l.error();
            auto p = read_page((*l)->conn(), uuid, version);
            if (!p) return p.error();
            page = std::move(p.value());
        }
        for (const StoredAssessment& a : page)
            if (!callback(a)) return {};
        if (page.size() < static_cast<std::size_t>(kPageSize)) return {};
        uuid = page.back().assessment_uuid;
        version = page.back().version;
    }
}

}  // namespace kt::receiver
