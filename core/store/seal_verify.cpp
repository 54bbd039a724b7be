// verify_sealed: every sealed version of every assessment, checked from the vault alone.
#include "crypto/signing.hpp"
#include "store/assessments.hpp"
#include "store/seal.hpp"
#include "store/seal_record.hpp"
#include "util/canonical_json.hpp"

namespace kt::store {

namespace {

struct Row {
    int version = 0;
    std::string record, content_hash, device_signature;
};

Result<std::vector<Row>> rows_of(Database& db, const std::string& id) {
    auto st = db.prepare(
        "SELECT version, record, content_hash, device_signature FROM sealed_record "
        "WHERE assessment_id = ? ORDER BY version");
    if (!st) return st.error();
    st->bind(1, id);
    std::vector<Row> out;
    for (auto row = st->step();; row = st->step()) {
        if (!row) return row.error();
        if (!row.value()) return out;
        out.push_back({int(st->int64(0)), st->text(1), st->text(2), st->text(3)});
    }
}

Result<std::vector<std::string>> sealed_ids(Database& db) {
    auto st = db.prepare(
        "SELECT assessment_id FROM sealed_record UNION SELECT id FROM assessment "
        "WHERE sealed_at != 0 ORDER BY 1");
    if (!st) return st.error();
    std::vector<std::string> out;
    for (auto row = st->step();; row = st->step()) {
        if (!row) return row.error();
        if (!row.value()) return out;
        out.push_back(st->text(0));
    }
}

std::string text_at(const json::Value& v, std::string_view key) {
    const json::Value* m = v.find(key);
    return m && m->string() ? *m->string() : std::string();
}

std::int64_t int_at(const json::Value& v, std::string_view key) {
    const json::Value* m = v.find(key);
    return m && m->number() ? std::int64_t(*m->number()) : -1;
}

// The worker's unlock method as recorded in the worker's signature entry.
std::string worker_auth_of(const json::Value& record) {
    const json::Value* sigs = record.find("signatures");
    if (sigs && sigs->array())
        for (const auto& s : *sigs->array())
            if (text_at(s, "role") == "worker") return text_at(s, "method");
    return {};
}

// The record rebuilt from today's rows with the stored context equals the stored record.
bool rows_match(Database& db, const std::string& id, const json::Value& record, const Row& row,
                const std::optional<std::string>& prev, const crypto::SigningKey& key) {
    RecordContext c{row.version,
                    prev,
                    text_at(record, "app_version"),
                    text_at(record, "locale_bundle_sha256"),
                    text_at(record, "zrm_version"),
                    worker_auth_of(record),
                    int_at(record, "sealed_at_utc"),
                    int_at(record, "seal_seq"),
                    text_at(record, "schema")};
    auto rebuilt = build_record(db, id, c, key);
    return rebuilt && rebuilt.value() == row.record;
}

struct RowCheck {
    const std::string* id;
    const Row* row;
    std::optional<std::string> prev;  // the expected previous_version_hash
    bool current = false;             // still the assessment's sealed version
};

bool row_ok(Database& db, const RowCheck& c, const crypto::SigningKey* key) {
    const Row& row = *c.row;
    if (!key || crypto::sha256_hex(row.record) != row.content_hash ||
        !crypto::verify_hex(key->public_hex, row.content_hash, row.device_signature))
        return false;
    auto record = json::parse(row.record);
    if (!record) return false;
    auto again = json::canonical(record.value());
    if (!again || again.value() != row.record) return false;
    const json::Value* prev = record->find("previous_version_hash");
    const bool prev_ok =
        prev && (c.prev ? prev->string() && *prev->string() == *c.prev : prev->is_null());
    if (!prev_ok || text_at(record.value(), "assessment_uuid") != *c.id ||
        int_at(record.value(), "version") != row.version)
        return false;
    return !c.current || rows_match(db, *c.id, record.value(), row, c.prev, *key);
}

void count(SealCheck& out, bool ok, const std::string& id, int version) {
    if (ok) {
        ++out.ok;
        return;
    }
    ++out.broken;
    out.broken_ids.push_back(id + ":v" + std::to_string(version));
}

Status check_assessment(Database& db, const std::string& id, const crypto::SigningKey* key,
                        SealCheck& out) {
    auto rows = rows_of(db, id);
    if (!rows) return rows.error();
    auto a = load_assessment(db, id);
    if (!a && a.error().code != ErrorCode::not_found) return a.error();
    const int last = rows->empty() ? 0 : rows->back().version;
    // Sealed now at `last`, or reopened once after it; anything else is tampering.
    const bool state_ok =
        a && (a->sealed() ? a->version == last : a->version == last + 1 && last > 0);
    if (a && a->sealed() && last != a->version) count(out, false, id, a->version);
    std::optional<std::string> prev;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const Row& row = (*rows)[i];
        const bool is_last = i + 1 == rows->size();
        const RowCheck c{&id, &row, prev, is_last && a && a->sealed()};
        const bool ok = row.version == int(i) + 1 && (!is_last || state_ok) && row_ok(db, c, key);
        count(out, ok, id, row.version);
        prev = row.content_hash;
    }
    return {};
}

}  // namespace

Result<SealCheck> verify_sealed(Database& db) {
    auto secret = db.query_text("SELECT value FROM kt_meta WHERE key = 'device_sign_secret'");
    if (!secret) return secret.error();
    std::optional<crypto::SigningKey> key;
    if (auto k = crypto::signing_key_from_hex(secret.value()); k) key = std::move(k.value());
    std::fill(secret->begin(), secret->end(), '\0');
    auto ids = sealed_ids(db);
    if (!ids) return ids.error();
    SealCheck out;
    for (const auto& id : ids.value())
        if (auto s = check_assessment(db, id, key ? &*key : nullptr, out); !s) return s.error();
    return out;
}

}  // namespace kt::store
