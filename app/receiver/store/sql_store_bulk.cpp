// The bulk path for synthetic populations (keukentafel-cli synth, the export benchmark): one
// transaction, multi-row INSERTs of at most the dialect's max_params parameters each, so a
// million assessments fill in minutes rather than hours.
#include <algorithm>
#include <functional>

#include "model/zrm.hpp"
#include "sql_store.hpp"

namespace kt::receiver {

namespace {

// "INSERT INTO t (cols) VALUES ($1, .., $w), ($w+1, ..)" for `rows` rows of `width` values.
std::string multi_insert(std::string_view head, std::size_t width, std::size_t rows) {
    std::string sql(head);
    sql += " VALUES ";
    std::size_t n = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        sql += r ? ", (" : "(";
        for (std::size_t c = 0; c < width; ++c) {
            if (c) sql += ", ";
            sql += "$" + std::to_string(++n);
        }
        sql += ")";
    }
    return sql;
}

// Inserts `count` rows, appending each row's values with `add(i, params)`, in statements of
// at most `max_params` parameters.
Status insert_rows(SqlConnection& c, std::size_t max_params, std::string_view head,
                   std::size_t width, std::size_t count,
                   const std::function<void(std::size_t, Params&)>& add) {
    const std::size_t per = std::max<std::size_t>(1, max_params / width);
    for (std::size_t at = 0; at < count; at += per) {
        const std::size_t rows = std::min(per, count - at);
        Params params;
        params.reserve(rows * width);
        for (std::size_t i = at; i < at + rows; ++i)
            add(i, params);
        auto n = c.execute(multi_insert(head, width, rows), params);
        if (!n) return n.error();
    }
    return {};
}

void add_submission(const Submission& s, Params& p) {
    p.insert(p.end(),
             {s.assessment_uuid, s.version, s.device_id, s.device_seq, s.payload_sha256,
              s.record_sha256, s.sealed_payload, s.receiver_time, s.receipt_signature_hex});
}

void add_assessment(const BulkAssessment& b, Params& p) {
    const StructuredAssessment& a = b.data;
    p.insert(p.end(),
             {b.submission.assessment_uuid, b.submission.version, a.client_ref, a.kind, a.sealed_at,
              opt_param(a.age_years), a.wijk, a.team, a.household, std::int64_t{a.network.people},
              std::int64_t{a.network.supportive}, std::int64_t{a.network.hindering},
              std::int64_t{a.network.overloaded_carers}, a.locale_shown});
}

void add_domain(const BulkAssessment& b, const DomainRow& d, Params& p) {
    Param agrees = nullptr;
    if (d.client_agrees) agrees = std::int64_t{*d.client_agrees ? 1 : 0};
    p.insert(p.end(),
             {b.submission.assessment_uuid, b.submission.version, d.domain_id, opt_param(d.level),
              d.unscored_reason, agrees, std::int64_t{d.is_goal ? 1 : 0}});
}

Status write_bulk(SqlConnection& c, std::size_t max, const std::vector<BulkAssessment>& rows) {
    auto s = insert_rows(
        c, max,
        "INSERT INTO submissions (assessment_uuid, version, device_id, device_seq, "
        "payload_sha256, record_sha256, sealed_payload, receiver_time, receipt_signature_hex)",
        9, rows.size(), [&](std::size_t i, Params& p) { add_submission(rows[i].submission, p); });
    if (!s) return s;
    s = insert_rows(c, max,
                    "INSERT INTO assessments (assessment_uuid, version, client_ref, kind, "
                    "sealed_at, age_years, wijk, team, household, network_people, "
                    "network_supportive, network_hindering, network_overloaded_carers, "
                    "locale_shown)",
                    14, rows.size(), [&](std::size_t i, Params& p) { add_assessment(rows[i], p); });
    if (!s) return s;
    const std::size_t per = std::size_t(zrm::kDomainCount);
    return insert_rows(c, max,
                       "INSERT INTO assessment_domains (assessment_uuid, version, domain_id, "
                       "level, unscored_reason, client_agrees, is_goal)",
                       7, rows.size() * per, [&](std::size_t i, Params& p) {
                           const BulkAssessment& b = rows[i / per];
                           add_domain(b, b.data.domains[i % per], p);
                       });
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
    if (auto s = write_bulk(c, m_dialect->max_params, rows); !s) return s;
    return tx->commit();
}

}  // namespace kt::receiver
