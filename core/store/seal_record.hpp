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
};

/// The schema id written into every record.
inline constexpr std::string_view kRecordSchema = "keukentafel.sealed_assessment/1";

/// The record's canonical JSON (security-tests.md §5.3). Signatures carry the device's
/// Ed25519 signature of content_sha256|role|stroke_sha256|signed_at|device_seq (Ed25519 is
/// deterministic, so a rebuild gives the same bytes). Errors: not_found, storage errors.
Result<std::string> build_record(Database& db, std::string_view assessment_id,
                                 const RecordContext& context, const crypto::SigningKey& key);

}  // namespace kt::store
