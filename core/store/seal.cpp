#include "store/seal.hpp"

#include "crypto/signing.hpp"
#include "model/review.hpp"
#include "store/assessments.hpp"
#include "store/audit.hpp"
#include "store/meta.hpp"
#include "store/review.hpp"
#include "store/seal_record.hpp"
#include "util/canonical_json.hpp"
#include "util/files.hpp"

namespace kt::store {

namespace {

bool is_hex64(std::string_view s) {
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The device's key pair; made once per vault (inside the caller's transaction) when asked.
Result<std::optional<crypto::SigningKey>> device_key(Database& db, bool create) {
    auto secret = meta_value(db, "device_sign_secret");
    if (!secret) return secret.error();
    if (!secret->empty()) {
        auto key = crypto::signing_key_from_hex(secret.value());
        std::fill(secret->begin(), secret->end(), '\0');
        if (!key) return key.error();
        return std::optional<crypto::SigningKey>(std::move(key.value()));
    }
    if (!create) return std::optional<crypto::SigningKey>();
    auto key = crypto::new_signing_key();
    const auto hex = crypto::secret_hex(key);
    if (auto s = set_meta_value(db, "device_sign_secret", hex.text()); !s) return s.error();
    if (auto s = set_meta_value(db, "device_sign_public", key.public_hex); !s) return s.error();
    return std::optional<crypto::SigningKey>(std::move(key));
}

struct SealRow {
    int version = 0;
    std::string record, content_hash, device_signature;
    std::int64_t sealed_at = 0;
};

Result<std::vector<SealRow>> seal_rows(Database& db, std::string_view id) {
    auto st = db.prepare(
        "SELECT version, record, content_hash, device_signature, sealed_at FROM sealed_record "
        "WHERE assessment_id = ? ORDER BY version");
    if (!st) return st.error();
    st->bind(1, id);
    std::vector<SealRow> out;
    for (auto row = st->step();; row = st->step()) {
        if (!row) return row.error();
        if (!row.value()) return out;
        out.push_back({int(st->int64(0)), st->text(1), st->text(2), st->text(3), st->int64(4)});
    }
}

Status check_sealable(Database& db, std::string_view id, const SealContext& c) {
    if (!is_hex64(c.locale_bundle_sha256) || c.app_version.empty() ||
        (c.worker_auth != "pin" && c.worker_auth != "passphrase"))
        return make_error(ErrorCode::usage, "seal context incomplete or malformed");
    auto a = load_assessment(db, id);
    if (!a) return a.error();
    if (a->instrument != c.instrument_version)
        return make_error(ErrorCode::usage, "instrument is not the assessment's");
    if (auto s = require_reviewable(db, id); !s) return s;
    auto r = load_review(db, id);
    if (!r) return r.error();
    if (!model::ready_to_seal(r.value()))
        return make_error(ErrorCode::invalid_state, "signatures missing");
    return {};
}

Status store_seal(Database& db, std::string_view id, const SealInfo& info,
                  const std::string& record) {
    auto ins = db.prepare(
        "INSERT INTO sealed_record (assessment_id, version, record, content_hash, "
        "device_signature, sealed_at) VALUES (?, ?, ?, ?, ?, ?)");
    if (!ins) return ins.error();
    ins->bind(1, id).bind(2, std::int64_t(info.version)).bind(3, record);
    ins->bind(4, info.content_hash).bind(5, info.device_signature).bind(6, info.sealed_at);
    if (auto s = ins->run(); !s) return s;
    // The outbox row commits or rolls back with the seal (security-tests.md §3.7), enrolled
    // or not: a device enrolled later sends what was sealed before.
    auto out =
        db.prepare("INSERT INTO outbox (assessment_id, version, created_at) VALUES (?, ?, ?)");
    if (!out) return out.error();
    out->bind(1, id).bind(2, std::int64_t(info.version)).bind(3, info.sealed_at);
    if (auto s = out->run(); !s) return s;
    auto up = db.prepare("UPDATE assessment SET sealed_at = ? WHERE id = ?");
    if (!up) return up.error();
    return up->bind(1, info.sealed_at).bind(2, id).run();
}

// Moves the WAL into the main file; a reader holding it back is not a failure of the seal.
void checkpoint(Database& db) {
    auto st = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (st) (void)st->step();
}

}  // namespace

std::string_view app_version() {
    return KT_APP_VERSION;
}

Result<std::string> locale_bundle_sha256(const std::filesystem::path& dir,
                                         std::string_view locale) {
    if (!model::is_review_locale(locale))
        return make_error(ErrorCode::usage, "not a review language");
    std::string bytes;
    for (const std::string& name : {std::string("root"), std::string(locale)}) {
        auto part = read_file(dir / (name + ".res"));
        if (!part) return part.error();
        bytes += part.value();
    }
    return crypto::sha256_hex(bytes);
}

Result<SealInfo> seal_assessment(Database& db, std::string_view id, const SealContext& c,
                                 std::int64_t now) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = check_sealable(db, id, c); !s) return s.error();
    auto key = device_key(db, true);
    if (!key) return key.error();
    auto a = load_assessment(db, id);
    if (!a) return a.error();
    auto earlier = seal_rows(db, id);
    if (!earlier) return earlier.error();
    auto seq = next_device_seq(db);
    if (!seq) return seq.error();
    RecordContext rc{a->version,           std::nullopt,  c.app_version, c.locale_bundle_sha256,
                     c.instrument_version, c.worker_auth, now,           seq.value()};
    if (!earlier->empty()) rc.previous_version_hash = earlier->back().content_hash;
    auto record = build_record(db, id, rc, **key);
    if (!record) return record.error();
    SealInfo info{a->version, crypto::sha256_hex(record.value()), {}, now};
    info.device_signature = crypto::sign_hex(**key, info.content_hash);
    if (auto s = store_seal(db, id, info, record.value()); !s) return s.error();
    if (auto s = audit_event(db, "assessment_sealed", id, "ok", now); !s) return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    checkpoint(db);
    return info;
}

Status reopen_sealed(Database& db, std::string_view id, std::int64_t now) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto a = load_assessment(db, id);
    if (!a) return a.error();
    if (!a->sealed()) return make_error(ErrorCode::invalid_state, "assessment is not sealed");
    auto up = db.prepare(
        "UPDATE assessment SET status = 'draft', finished_at = 0, sealed_at = 0, "
        "version = version + 1 WHERE id = ?");
    if (!up) return up.error();
    if (auto s = up->bind(1, id).run(); !s) return s;
    auto del = db.prepare("DELETE FROM review_signature WHERE assessment_id = ?");
    if (!del) return del.error();
    if (auto s = del->bind(1, id).run(); !s) return s;
    if (auto s = audit_event(db, "assessment_reopened", id, "ok", now); !s) return s;
    return tx->commit();
}

Result<std::optional<SealInfo>> latest_seal(Database& db, std::string_view id) {
    auto rows = seal_rows(db, id);
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<SealInfo>();
    const auto& r = rows->back();
    return std::optional<SealInfo>(
        SealInfo{r.version, r.content_hash, r.device_signature, r.sealed_at});
}

Result<std::string> sealed_record(Database& db, std::string_view id, int version) {
    auto rows = seal_rows(db, id);
    if (!rows) return rows.error();
    for (const auto& r : rows.value())
        if (r.version == version) return r.record;
    return make_error(ErrorCode::not_found, "no such sealed version");
}

Result<std::string> device_public_key(Database& db) {
    return meta_value(db, "device_sign_public");
}

Result<crypto::SigningKey> device_signing_key(Database& db) {
    std::optional<Transaction> tx;
    if (!db.in_transaction()) {
        auto t = Transaction::begin(db);
        if (!t) return t.error();
        tx.emplace(std::move(t.value()));
    }
    auto key = device_key(db, true);
    if (!key) return key.error();
    if (tx)
        if (auto s = tx->commit(); !s) return s.error();
    return std::move(**key);
}

}  // namespace kt::store
