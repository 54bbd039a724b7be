// The bulk path for synthetic populations (keukentafel-cli synth, the export benchmark): one
// transaction, rows streamed with SqlConnection::insert_rows (PostgreSQL COPY FROM STDIN,
// SQLite one prepared statement), so a million assessments fill in seconds, not minutes.
#include "packed_domains.hpp"
#include "sql_store.hpp"

namespace kt::receiver {

namespace {

void add_submission(const Submission& s, Params& p) {
    p.insert(p.end(),
             {s.assessment_uuid, s.version, s.device_id, s.device_seq, s.payload_sha256,
              s.record_sha256, s.sealed_payload, s.receiver_time, s.receipt_signature_hex});
}

void add_assessment(const BulkAssessment& b, Params& p) {
    const StructuredAssessment& a = b.data;
    PackedDomains d = pack_domains(a.domains);
    p.insert(p.end(),
             {b.submission.assessment_uuid, b.submission.version, a.client_ref, a.kind, a.sealed_at,
              opt_param(a.age_years), a.wijk, a.team, a.household, std::int64_t{a.network.people},
              std::int64_t{a.network.supportive}, std::int64_t{a.network.hindering},
              std::int64_t{a.network.overloaded_carers}, a.locale_shown, std::move(d.levels),
              std::move(d.agrees), std::move(d.goals), std::move(d.reasons)});
}

Status write_bulk(SqlConnection& c, const std::vector<BulkAssessment>& rows) {
    auto s = c.insert_rows(
        "submissions (assessment_uuid, version, device_id, device_seq, payload_sha256, "
        "record_sha256, sealed_payload, receiver_time, receipt_signature_hex)",
        9, rows.size(), [&](std::size_t i, Params& p) { add_submission(rows[i].submission, p); });
    if (!s) return s;
    return c.insert_rows(
        "assessments (assessment_uuid, version, client_ref, kind, sealed_at, age_years, wijk, "
        "team, household, network_people, network_supportive, network_hindering, "
        "network_overloaded_carers, locale_shown, levels, agrees, goals, reasons)",
        18, rows.size(), [&](std::size_t i, Params& p) { add_assessment(rows[i], p); });
}

}  // namespace

Status SqlStore::insert_bulk(const std::vector<BulkAssessment>& rows) {
    for (const BulkAssessment& b : rows)
        if (auto v = validate_structured(b.data); !v) return v;
    if (rows.empty()) return {};
    auto l = lease();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    if (auto s = write_bulk(c, rows); !s) return s;
    return tx->commit();
}

}  // namespace kt::receiver
