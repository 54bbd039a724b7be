// The submission wire format of docs/receiver-api.md, shared by the device's sender and the
// receiver: idempotency keys, request signing strings, the sealed payload and receipts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/signing.hpp"
#include "util/canonical_json.hpp"
#include "util/result.hpp"

namespace kt::sync {

inline constexpr std::string_view kPayloadSchema = "keukentafel-submission/1";

/// "<assessment_uuid>:<version>".
std::string idempotency_key(std::string_view assessment_uuid, int version);

struct KeyParts {
    std::string assessment_uuid;
    int version = 0;
};
/// Validates a key: a lower-case UUID (8-4-4-4-12 hex), ':', a version 1..1000000.
/// Errors: usage.
Result<KeyParts> parse_idempotency_key(std::string_view key);

/// "kt-request-v1\n" METHOD "\n" PATH "\n" KEY "\n" hex(SHA-256(body)).
std::string request_signing_string(std::string_view method, std::string_view path,
                                   std::string_view idempotency_key, std::string_view body);

/// What monitoring needs beside the record (never a name, date of birth or address).
struct Profile {
    std::optional<int> age_years;
    std::string wijk, team;
    std::string household;  // alone | partner | children | other
};

/// The plaintext inside the sealed box.
struct Payload {
    std::string record;          // the sealed record's canonical text, byte for byte
    std::string record_sha256;   // its SHA-256 (the seal's content hash)
    std::string seal_signature;  // the device's Ed25519 signature of record_sha256 (hex text)
    Profile profile;
};

/// The payload's canonical JSON. Errors: usage (text that is not valid UTF-8).
Result<std::string> payload_text(const Payload& payload);
/// Errors: usage (not JSON, wrong schema, a member missing or of the wrong type).
Result<Payload> parse_payload(std::string_view text);

/// The receiver's signed receipt for one stored submission.
struct Receipt {
    std::string idempotency_key, record_sha256, payload_sha256;
    std::int64_t receiver_time = 0;
    std::string receiver_signature;
};

/// "kt-receipt-v1|key|record_sha256|payload_sha256|receiver_time".
std::string receipt_message(const Receipt& receipt);
void sign_receipt(Receipt& receipt, const crypto::SigningKey& key);
bool verify_receipt(const Receipt& receipt, std::string_view receipt_public_hex);

json::Value receipt_json(const Receipt& receipt);
/// Errors: usage (a member missing or of the wrong type).
Result<Receipt> parse_receipt(const json::Value& value);
/// Errors: usage (not JSON or not a receipt).
Result<Receipt> parse_receipt_text(std::string_view text);

/// Reading members of parsed JSON without exceptions: "" / nullopt when missing or mistyped.
std::string text_member(const json::Value& v, std::string_view key);
std::optional<std::int64_t> int_member(const json::Value& v, std::string_view key);

}  // namespace kt::sync
