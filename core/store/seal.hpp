// Sealing a co-signed assessment (security-tests.md §5.3): the record as RFC 8785 canonical
// JSON, its SHA-256, the device's Ed25519 signature over that hash, kept per version in the
// vault. A reopened assessment gets version n+1 linked by previous_version_hash; every
// earlier version still verifies.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/signing.hpp"
#include "model/zrm.hpp"
#include "store/database.hpp"

namespace kt::store {

/// What the caller knows about what was shown and by which program.
struct SealContext {
    std::string app_version;           // e.g. "0.1.0"
    std::string locale_bundle_sha256;  // lower-case hex SHA-256 of the bundle shown
    std::string instrument_version{zrm::kInstrumentVersion};
    std::string worker_auth = "passphrase";  // how the worker unlocked: "pin" or "passphrase"
};

struct SealInfo {
    int version = 0;
    std::string content_hash;      // lower-case hex SHA-256 of the canonical record
    std::string device_signature;  // hex Ed25519 signature of content_hash by the device
    std::int64_t sealed_at = 0;
};

/// This program's version (the CMake project version), for SealContext::app_version.
std::string_view app_version();

/// Lower-case hex SHA-256 over the compiled bundles that make up what a client saw in
/// `locale`: root.res then <locale>.res from `dir` (i18n::default_bundle_dir()).
/// Errors: usage (not a review locale), not_found, io.
Result<std::string> locale_bundle_sha256(const std::filesystem::path& dir, std::string_view locale);

/// Seals the assessment's current version in one transaction: builds the record, stores it
/// with its hash and the device signature, marks the assessment sealed and writes an
/// "assessment_sealed" audit row; then checkpoints the WAL (TRUNCATE), so the seal never
/// lives only in the WAL. The device key pair is made on the first seal of a vault.
/// Errors: usage (a context field malformed, instrument not the assessment's), not_found,
/// invalid_state (a draft, already sealed, or not model::ready_to_seal), storage errors.
/// A checkpoint blocked by a reader is not an error: the next one moves it.
Result<SealInfo> seal_assessment(Database& db, std::string_view assessment_id,
                                 const SealContext& context, std::int64_t now);

/// Opens a sealed assessment for change as the next version: status draft, not sealed,
/// signatures cleared (they bound to the old content); the client's answers stay. The sealed
/// versions stay as they were. Audit row "assessment_reopened".
/// Errors: not_found, invalid_state (not sealed), storage errors.
Status reopen_sealed(Database& db, std::string_view assessment_id, std::int64_t now);

/// The newest sealed version of an assessment, if any. Errors: storage errors.
Result<std::optional<SealInfo>> latest_seal(Database& db, std::string_view assessment_id);

/// The stored canonical record of one version. Errors: not_found, storage errors.
Result<std::string> sealed_record(Database& db, std::string_view assessment_id, int version);

/// The device's Ed25519 public key in hex ("" before the first seal). Errors: storage errors.
Result<std::string> device_public_key(Database& db);

/// The device's Ed25519 key pair, made now (in a transaction of its own unless the caller has
/// one open) when the vault has none yet: enrollment registers it, sync signs with it.
/// Errors: damaged_vault (a stored key that is malformed), storage errors.
Result<crypto::SigningKey> device_signing_key(Database& db);

struct SealCheck {
    int ok = 0;
    int broken = 0;
    std::vector<std::string> broken_ids;  // "<assessment uuid>:v<version>", never a name
};

/// Verifies every sealed version: the stored record is canonical and hashes to its
/// content_hash, the device signature holds, the version chain links, and for a version that
/// is still the assessment's current one, the record rebuilt from the vault's rows is byte
/// for byte the stored one (so a change to a score, note, answer or stroke shows).
/// Errors: storage errors only; a broken seal is a verdict.
Result<SealCheck> verify_sealed(Database& db);

}  // namespace kt::store
