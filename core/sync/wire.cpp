#include "sync/wire.hpp"

#include <cmath>

namespace kt::sync {

namespace {

bool is_lower_hex(std::string_view s) {
    return s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash != (s[i] == '-')) return false;
        if (!dash && !is_lower_hex(s.substr(i, 1))) return false;
    }
    return true;
}

json::Value optional_int(const std::optional<int>& v) {
    return v ? json::Value(*v) : json::Value();
}

}  // namespace

std::string text_member(const json::Value& v, std::string_view key) {
    const json::Value* m = v.find(key);
    return m && m->string() ? *m->string() : std::string();
}

std::optional<std::int64_t> int_member(const json::Value& v, std::string_view key) {
    const json::Value* m = v.find(key);
    if (!m || !m->number()) return std::nullopt;
    const double d = *m->number();
    if (d != std::floor(d) || std::fabs(d) > 9007199254740991.0) return std::nullopt;
    return std::int64_t(d);
}

std::string idempotency_key(std::string_view assessment_uuid, int version) {
    return std::string(assessment_uuid) + ":" + std::to_string(version);
}

Result<KeyParts> parse_idempotency_key(std::string_view key) {
    const auto colon = key.find(':');
    if (colon == std::string_view::npos || !is_uuid(key.substr(0, colon)))
        return make_error(ErrorCode::usage, "idempotency key is not <uuid>:<version>");
    const auto digits = key.substr(colon + 1);
    if (digits.empty() || digits.size() > 7 || digits[0] == '0' ||
        digits.find_first_not_of("0123456789") != std::string_view::npos)
        return make_error(ErrorCode::usage, "idempotency key version is not a number");
    const int version = std::stoi(std::string(digits));
    if (version > 1000000) return make_error(ErrorCode::usage, "idempotency key version too big");
    return KeyParts{std::string(key.substr(0, colon)), version};
}

std::string request_signing_string(std::string_view method, std::string_view path,
                                   std::string_view key, std::string_view body) {
    return "kt-request-v1\n" + std::string(method) + "\n" + std::string(path) + "\n" +
           std::string(key) + "\n" + crypto::sha256_hex(body);
}

Result<std::string> payload_text(const Payload& p) {
    const json::Value profile = json::Object{{"age_years", optional_int(p.profile.age_years)},
                                             {"wijk", p.profile.wijk},
                                             {"team", p.profile.team},
                                             {"household", p.profile.household}};
    return json::canonical(json::Object{{"schema", kPayloadSchema},
                                        {"record", p.record},
                                        {"record_sha256", p.record_sha256},
                                        {"seal_signature", p.seal_signature},
                                        {"profile", profile}});
}

Result<Payload> parse_payload(std::string_view text) {
    auto v = json::parse(text);
    if (!v) return v.error();
    if (!v->object() || text_member(v.value(), "schema") != kPayloadSchema)
        return make_error(ErrorCode::usage, "not a submission payload");
    const json::Value* profile = v->find("profile");
    const json::Value* age = profile ? profile->find("age_years") : nullptr;
    if (!profile || !profile->object() || !age || (!age->is_null() && !age->number()))
        return make_error(ErrorCode::usage, "payload profile missing");
    Payload p{text_member(v.value(), "record"), text_member(v.value(), "record_sha256"),
              text_member(v.value(), "seal_signature"),
              Profile{std::nullopt, text_member(*profile, "wijk"), text_member(*profile, "team"),
                      text_member(*profile, "household")}};
    if (auto years = int_member(*profile, "age_years"); years && *years >= 0 && *years < 150)
        p.profile.age_years = int(*years);
    else if (!age->is_null())
        return make_error(ErrorCode::usage, "payload age out of range");
    if (p.record.empty() || p.record_sha256.size() != 64 || p.seal_signature.size() != 128)
        return make_error(ErrorCode::usage, "payload record, hash or signature missing");
    return p;
}

std::string receipt_message(const Receipt& r) {
    return "kt-receipt-v1|" + r.idempotency_key + "|" + r.record_sha256 + "|" + r.payload_sha256 +
           "|" + std::to_string(r.receiver_time);
}

void sign_receipt(Receipt& r, const crypto::SigningKey& key) {
    r.receiver_signature = crypto::sign_hex(key, receipt_message(r));
}

bool verify_receipt(const Receipt& r, std::string_view receipt_public_hex) {
    return crypto::verify_hex(receipt_public_hex, receipt_message(r), r.receiver_signature);
}

json::Value receipt_json(const Receipt& r) {
    return json::Object{{"idempotency_key", r.idempotency_key},
                        {"record_sha256", r.record_sha256},
                        {"payload_sha256", r.payload_sha256},
                        {"receiver_time", r.receiver_time},
                        {"receiver_signature", r.receiver_signature}};
}

Result<Receipt> parse_receipt(const json::Value& v) {
    const auto time = int_member(v, "receiver_time");
    Receipt r{text_member(v, "idempotency_key"), text_member(v, "record_sha256"),
              text_member(v, "payload_sha256"), time.value_or(0),
              text_member(v, "receiver_signature")};
    if (!time || r.idempotency_key.empty() || r.record_sha256.size() != 64 ||
        r.payload_sha256.size() != 64 || r.receiver_signature.size() != 128)
        return make_error(ErrorCode::usage, "not a receipt");
    return r;
}

Result<Receipt> parse_receipt_text(std::string_view text) {
    auto v = json::parse(text);
    if (!v) return v.error();
    return parse_receipt(v.value());
}

}  // namespace kt::sync
