#include "store/seal_record.hpp"

#include <cmath>
#include <map>

#include "model/network.hpp"
#include "store/assessments.hpp"
#include "store/audit.hpp"
#include "store/network.hpp"
#include "store/review.hpp"
#include "util/canonical_json.hpp"

namespace kt::store {

namespace {

using json::Array;
using json::Object;
using json::Value;

// agree -> true, disagree -> false, no answer -> null.
Value agrees(model::Agreement a) {
    if (a == model::Agreement::none) return Value();
    return Value(a == model::Agreement::agree);
}

Value shares(const model::DomainDetail& d) {
    if (!d.has_shares()) return Value();
    return Object{
        {"own", d.share_own}, {"network", d.share_network}, {"professional", d.share_professional}};
}

Value domain_entry(const model::Assessment& a, const model::Review& r, std::size_t i) {
    const auto& d = a.details[i];
    const auto& answer = r.answers[i];
    return Object{
        {"domain_id", zrm::kDomains[i]},
        {"level", a.levels[i] ? Value(*a.levels[i]) : Value()},
        {"unscored_reason", model::to_string(d.unscored)},
        {"worker_note", d.note},
        {"hulpvraag", d.hulpvraag},
        {"is_goal", d.goal},
        {"shares", shares(d)},
        {"outcome", model::to_string(d.outcome)},
        {"client_agrees", agrees(answer.agreement)},
        {"client_level", answer.own_level ? Value(*answer.own_level) : Value()},
        {"client_remark", answer.own_words},
    };
}

// Counts only: the people's labels stay out of the record (and out of the municipality).
Value network_entry(const model::NetworkMap& map, const model::Review& r) {
    const auto s = model::summarise(map);
    return Object{{"people", s.people},
                  {"supportive", s.supportive},
                  {"hindering", s.hindering},
                  {"overloaded_carers", s.overloaded_carers},
                  {"heavy_carers", s.heavy_carers},
                  {"client_agrees", agrees(r.network_agreed)}};
}

Value content_of(const model::Assessment& a, const model::Review& r, const model::NetworkMap& map) {
    Array domains, goals;
    for (std::size_t i = 0; i < std::size_t(zrm::kDomainCount); ++i) {
        domains.push_back(domain_entry(a, r, i));
        if (a.details[i].goal) goals.emplace_back(zrm::kDomains[i]);
    }
    return Object{{"domains", std::move(domains)},
                  {"network_summary", network_entry(map, r)},
                  {"goals", Object{{"domains", std::move(goals)},
                                   {"client_agrees", agrees(r.goals_agreed)}}}};
}

std::string hash_of(const Value& v) {
    auto text = json::canonical(v);
    return crypto::sha256_hex(text ? text.value() : std::string());
}

Result<std::map<std::string, std::int64_t>> device_seqs(Database& db, std::string_view id) {
    auto st = db.prepare("SELECT signer, device_seq FROM review_signature WHERE assessment_id = ?");
    if (!st) return st.error();
    st->bind(1, id);
    std::map<std::string, std::int64_t> out;
    for (auto row = st->step();; row = st->step()) {
        if (!row) return row.error();
        if (!row.value()) return out;
        out[st->text(0)] = st->int64(1);
    }
}

struct SignatureInputs {
    std::string assessment_uuid, content_sha256, actor;
    const RecordContext* context = nullptr;
    const crypto::SigningKey* key = nullptr;
};

Value signature_entry(const model::Signature& s, std::int64_t seq, const SignatureInputs& in) {
    Array strokes;
    for (const auto& stroke : s.strokes) {
        Array points;
        for (const auto& p : stroke.points)
            points.push_back(Array{int(std::lround(double(p.x) * model::kStrokeScale)),
                                   int(std::lround(double(p.y) * model::kStrokeScale))});
        strokes.push_back(std::move(points));
    }
    const std::string role(model::to_string(s.signer));
    const Value vector(std::move(strokes));
    const std::string stroke_sha = hash_of(vector);
    const SignatureFacts facts{in.assessment_uuid,
                               in.context->version,
                               in.content_sha256,
                               role,
                               stroke_sha,
                               s.signed_at,
                               seq};
    const std::string message = signature_message(in.context->schema, facts).value_or("");
    const bool worker = s.signer == model::Signer::worker;
    return Object{{"role", role},
                  {"representative_role", s.role},
                  {"refused", s.refused},
                  {"refusal_reason", s.refusal_reason},
                  {"worker_id", worker ? Value(in.actor) : Value()},
                  {"device_id", in.actor},
                  {"method", worker ? in.context->worker_auth : std::string("finger")},
                  {"stroke_scale", model::kStrokeScale},
                  {"stroke_vector", vector},
                  {"stroke_sha256", stroke_sha},
                  {"signed_at_utc", s.signed_at},
                  {"device_seq", seq},
                  {"device_ed25519_sig", crypto::sign_hex(*in.key, message)}};
}

Value envelope(const model::Assessment& a, const model::Review& r, const RecordContext& c,
               const crypto::SigningKey& key, const std::string& actor) {
    Value prev = c.previous_version_hash ? Value(*c.previous_version_hash) : Value();
    return Object{{"schema", c.schema},
                  {"assessment_uuid", a.id},
                  {"version", c.version},
                  {"previous_version_hash", std::move(prev)},
                  {"client_ref", a.client_id},
                  {"household_ref", a.client_id},  // the household is kept on the client
                  {"kind", model::to_string(a.kind)},
                  {"zrm_version", c.zrm_version},
                  {"locale_shown", r.locale},
                  {"locale_bundle_sha256", c.locale_bundle_sha256},
                  {"app_version", c.app_version},
                  {"started_at_utc", a.started_at},
                  {"finished_at_utc", a.finished_at},
                  {"device_id", actor},
                  {"device_public_key", key.public_hex},
                  {"sealed_at_utc", c.sealed_at},
                  {"seal_seq", c.seal_seq}};
}

}  // namespace

std::optional<std::string> signature_message(std::string_view schema, const SignatureFacts& f) {
    std::string tail(f.content_sha256);
    tail += "|";
    tail += f.role;
    tail += "|";
    tail += f.stroke_sha256;
    tail += "|" + std::to_string(f.signed_at) + "|" + std::to_string(f.device_seq);
    if (schema == kRecordSchemaV1) return tail;
    if (schema != kRecordSchema) return std::nullopt;
    std::string m = "keukentafel.signature/2|";
    m += f.assessment_uuid;
    m += "|" + std::to_string(f.version) + "|" + tail;
    return m;
}

bool known_record_schema(std::string_view schema) {
    return schema == kRecordSchema || schema == kRecordSchemaV1;
}

Result<std::string> build_record(Database& db, std::string_view id, const RecordContext& c,
                                 const crypto::SigningKey& key) {
    if (!known_record_schema(c.schema)) return make_error(ErrorCode::usage, "unknown schema");
    auto a = load_assessment(db, id);
    if (!a) return a.error();
    auto r = load_review(db, id);
    if (!r) return r.error();
    auto map = load_network(db, id);
    if (!map) return map.error();
    auto seqs = device_seqs(db, id);
    if (!seqs) return seqs.error();
    auto actor = audit_actor(db);
    if (!actor) return actor.error();
    Value record = envelope(a.value(), r.value(), c, key, actor.value());
    Value content = content_of(a.value(), r.value(), map.value());
    const SignatureInputs in{a->id, hash_of(content), actor.value(), &c, &key};
    Array signatures;
    for (const auto& s : r->signatures)
        signatures.push_back(
            signature_entry(s, seqs.value()[std::string(model::to_string(s.signer))], in));
    Object& top = *record.object();
    top.emplace_back("content", std::move(content));
    top.emplace_back("content_sha256", in.content_sha256);
    top.emplace_back("signatures", std::move(signatures));
    return json::canonical(record);
}

}  // namespace kt::store
