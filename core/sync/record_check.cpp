#include "sync/record_check.hpp"

#include "store/seal_record.hpp"

namespace kt::sync {

namespace {

// The envelope fields every signature entry is bound to.
struct SignedRecord {
    std::string schema, assessment_uuid;
    int version = 0;
    std::string content_sha256;
};

Error bad(const char* what) {
    return Error{ErrorCode::usage, what};
}

std::string canonical_hash(const json::Value& v) {
    auto text = json::canonical(v);
    return text ? crypto::sha256_hex(text.value()) : std::string();
}

// The device's signature of one entry over store::signature_message for the record's schema.
bool signature_ok(const json::Value& s, const SignedRecord& r, std::string_view key) {
    const json::Value* vector = s.find("stroke_vector");
    const auto signed_at = int_member(s, "signed_at_utc");
    const auto seq = int_member(s, "device_seq");
    if (!vector || !signed_at || !seq) return false;
    const std::string stroke_sha = canonical_hash(*vector);
    if (stroke_sha != text_member(s, "stroke_sha256")) return false;
    const std::string role = text_member(s, "role");
    const store::SignatureFacts facts{
        r.assessment_uuid, r.version, r.content_sha256, role, stroke_sha, *signed_at, *seq};
    const auto message = store::signature_message(r.schema, facts);
    return message && crypto::verify_hex(key, *message, text_member(s, "device_ed25519_sig"));
}

std::optional<bool> optional_bool(const json::Value* v) {
    if (!v) return std::nullopt;
    if (const auto* b = std::get_if<bool>(&v->v)) return *b;
    return std::nullopt;
}

Status read_domain(const json::Value& d, std::size_t i, DomainFacts& out) {
    out.domain_id = text_member(d, "domain_id");
    if (out.domain_id != zrm::kDomains[i]) return bad("record domains out of order");
    if (auto level = int_member(d, "level")) {
        if (*level < 1 || *level > 5) return bad("record level out of range");
        out.level = int(*level);
    }
    out.unscored_reason = text_member(d, "unscored_reason");
    out.client_agrees = optional_bool(d.find("client_agrees"));
    out.is_goal = optional_bool(d.find("is_goal")).value_or(false);
    return {};
}

Status read_content(const json::Value& content, RecordFacts& out) {
    const json::Value* domains = content.find("domains");
    if (!domains || !domains->array() || domains->array()->size() != out.domains.size())
        return bad("record has not 13 domains");
    for (std::size_t i = 0; i < out.domains.size(); ++i)
        if (auto s = read_domain((*domains->array())[i], i, out.domains[i]); !s) return s;
    if (const json::Value* n = content.find("network_summary")) {
        out.network_people = int(int_member(*n, "people").value_or(0));
        out.network_supportive = int(int_member(*n, "supportive").value_or(0));
        out.network_hindering = int(int_member(*n, "hindering").value_or(0));
        out.network_overloaded_carers = int(int_member(*n, "overloaded_carers").value_or(0));
    }
    return {};
}

Status check_signatures(const json::Value& record, const std::string& content_sha,
                        std::string_view key) {
    const json::Value* sigs = record.find("signatures");
    if (!sigs || !sigs->array() || sigs->array()->empty()) return bad("record has no signatures");
    const SignedRecord r{text_member(record, "schema"), text_member(record, "assessment_uuid"),
                         int(int_member(record, "version").value_or(0)), content_sha};
    for (const auto& s : *sigs->array())
        if (!signature_ok(s, r, key)) return bad("record signature does not verify");
    return {};
}

Result<RecordFacts> read_envelope(const json::Value& record) {
    RecordFacts f;
    f.assessment_uuid = text_member(record, "assessment_uuid");
    f.version = int(int_member(record, "version").value_or(0));
    f.client_ref = text_member(record, "client_ref");
    f.kind = text_member(record, "kind");
    f.locale_shown = text_member(record, "locale_shown");
    f.sealed_at = int_member(record, "sealed_at_utc").value_or(0);
    if (f.assessment_uuid.empty() || f.version < 1 || f.client_ref.empty() || f.sealed_at <= 0 ||
        (f.kind != "intake" && f.kind != "voortgang" && f.kind != "afsluiting"))
        return bad("record envelope incomplete");
    return f;
}

}  // namespace

Result<RecordFacts> check_payload(const Payload& p, std::string_view key) {
    if (crypto::sha256_hex(p.record) != p.record_sha256) return bad("record hash differs");
    if (!crypto::verify_hex(key, p.record_sha256, p.seal_signature))
        return bad("seal signature does not verify");
    auto record = json::parse(p.record);
    if (!record) return bad("record is not JSON");
    auto again = json::canonical(record.value());
    if (!again || again.value() != p.record) return bad("record is not canonical");
    if (!store::known_record_schema(text_member(record.value(), "schema")) ||
        text_member(record.value(), "device_public_key") != key)
        return bad("record schema or device key differs");
    const json::Value* content = record->find("content");
    const std::string content_sha = content ? canonical_hash(*content) : std::string();
    if (content_sha.empty() || content_sha != text_member(record.value(), "content_sha256"))
        return bad("content hash differs");
    if (auto s = check_signatures(record.value(), content_sha, key); !s) return s.error();
    auto facts = read_envelope(record.value());
    if (!facts) return facts.error();
    if (auto s = read_content(*content, facts.value()); !s) return s.error();
    return facts;
}

}  // namespace kt::sync
