// Builds the sealed record of an assessment from the vault's rows (internal to store/seal):
// one function, so sealing and verifying can never build it differently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/signing.hpp"
#include "store/database.hpp"

namespace kt::store {

/// The schema id written into every new record: signatures name their assessment and version.
inline constexpr std::string_view kRecordSchema = "keukentafel.sealed_assessment/2";
/// Records sealed before signatures named their assessment; still verified, never written.
inline constexpr std::string_view kRecordSchemaV1 = "keukentafel.sealed_assessment/1";

/// Everything in the record that does not come from the assessment's rows.
struct RecordContext {
    int version = 1;
    std::optional<std::string> previous_version_hash;
    std::string app_version;
    std::string locale_bundle_sha256;
    std::string zrm_version;
    std::string worker_auth;
    std::int64_t sealed_at = 0;
    std::int64_t seal_seq = 0;
    std::string schema = std::string(kRecordSchema);  // the stored record's, when verifying
};

/// What one signature entry's device signature covers.
struct SignatureFacts {
    std::string_view assessment_uuid;
    int version = 0;
    std::string_view content_sha256, role, stroke_sha256;
    std::int64_t signed_at = 0, device_seq = 0;
};

/// The bytes a signature entry's device_ed25519_sig signs under `schema`: for /2
/// "keukentafel.signature/2|uuid|version|content_sha256|role|stroke_sha256|signed_at|device_seq"
/// (so a signature cannot be moved to another assessment or version with the same content);
/// for /1 "content_sha256|role|stroke_sha256|signed_at|device_seq". nullopt for any other schema.
std::optional<std::string> signature_message(std::string_view schema, const SignatureFacts& f);

/// Whether records of this schema are read (verified on the device, accepted by the receiver).
bool known_record_schema(std::string_view schema);

Result<std::string> build_record(Database& db, std::string_view assessment_id,
                                 const RecordContext& context, const crypto::SigningKey& key);

}  // namespace kt::store
