#include "store/audit.hpp"

#include <sodium.h>

#include <algorithm>
#include <optional>

namespace kt::store {

namespace {

const std::string kGenesis(64, '0');

bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

// Empty, a UUID, or a UUID + ':' + a lower-case id: nothing a name could be written into.
bool is_object_id(std::string_view s) {
    if (s.empty()) return true;
    if (!is_uuid(s.substr(0, 36))) return false;
    if (s.size() == 36) return true;
    const std::string_view tail = s.substr(36);
    return tail.size() >= 2 && tail.size() <= 40 && tail[0] == ':' &&
           tail.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_", 1) ==
               std::string_view::npos;
}

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

// Length-prefixed fields, so no two different rows encode alike.
void put(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += ';';
}

struct Head {
    std::int64_t seq = 0;
    std::string hash = kGenesis;
};

Result<std::optional<Head>> last_row(Database& db) {
    auto st = db.prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<Head>();
    return std::optional<Head>(Head{st->int64(0), st->text(1)});
}

Result<Head> stored_head(Database& db) {
    auto text = db.query_text("SELECT value FROM kt_meta WHERE key = 'audit_head'");
    if (!text) return text.error();
    Head h;
    const auto space = text->find(' ');
    if (space == std::string::npos) return h;
    h.seq = std::strtoll(text->c_str(), nullptr, 10);
    h.hash = text->substr(space + 1);
    return h;
}

Status append(Database& db, std::string_view action, std::string_view object_id,
              std::string_view result, std::int64_t now) {
    auto actor = audit_actor(db);
    if (!actor) return actor.error();
    auto last = last_row(db);
    if (!last) return last.error();
    auto head = stored_head(db);
    if (!head) return head.error();
    AuditRow r;
    const Head prev = last->value_or(Head{});
    // Past the recorded head when rows at the end were deleted: the gap stays visible.
    r.seq = std::max(prev.seq, head->seq) + 1;
    r.at = now;
    r.actor = actor.value();
    r.action = action;
    r.object_id = object_id;
    r.result = result;
    r.prev_hash = prev.hash;
    r.hash = audit_row_hash(r);
    auto st = db.prepare(
        "INSERT INTO audit (seq, at, actor, action, object_id, result, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st) return st.error();
    st->bind(1, r.seq).bind(2, r.at).bind(3, r.actor).bind(4, r.action).bind(5, r.object_id);
    st->bind(6, r.result).bind(7, r.prev_hash).bind(8, r.hash);
    if (auto s = st->run(); !s) return s;
    auto update = db.prepare("UPDATE kt_meta SET value = ? WHERE key = 'audit_head'");
    if (!update) return update.error();
    return update->bind(1, std::to_string(r.seq) + " " + r.hash).run();
}

}  // namespace

std::string audit_row_hash(const AuditRow& r) {
    std::string data;
    put(data, r.prev_hash);
    put(data, std::to_string(r.seq));
    put(data, std::to_string(r.at));
    put(data, r.actor);
    put(data, r.action);
    put(data, r.object_id);
    put(data, r.result);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[2 * sizeof digest + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

Result<std::string> audit_actor(Database& db) {
    auto actor = db.query_text("SELECT value FROM kt_meta WHERE key = 'actor'");
    if (!actor) return actor.error();
    if (actor->empty()) return make_error(ErrorCode::damaged_vault, "no audit actor");
    return actor;
}

Status audit_event(Database& db, std::string_view action, std::string_view object_id,
                   std::string_view result, std::int64_t now) {
    if (!listed(kAuditActions, action) || !listed(kAuditResults, result) ||
        !is_object_id(object_id))
        return make_error(ErrorCode::usage, "audit event outside the fixed vocabulary");
    if (db.in_transaction()) return append(db, action, object_id, result, now);
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = append(db, action, object_id, result, now); !s) return s;
    return tx->commit();
}

Result<std::vector<AuditRow>> read_audit(Database& db) {
    auto st = db.prepare(
        "SELECT seq, at, actor, action, object_id, result, prev_hash, hash FROM audit "
        "ORDER BY seq");
    if (!st) return st.error();
    std::vector<AuditRow> rows;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) return rows;
        rows.push_back({st->int64(0), st->int64(1), st->text(2), st->text(3), st->text(4),
                        st->text(5), st->text(6), st->text(7)});
    }
}

Result<AuditVerdict> verify_audit_chain(Database& db) {
    auto rows = read_audit(db);
    if (!rows) return rows.error();
    auto head = stored_head(db);
    if (!head) return head.error();
    AuditVerdict v;
    auto broken = [&](std::int64_t seq, const char* what) {
        v.broken = true;
        v.seq = seq;
        v.what = "row " + std::to_string(seq) + " " + what;
        return v;
    };
    Head prev;
    for (const auto& r : rows.value()) {
        ++v.rows;
        if (r.seq != prev.seq + 1) return broken(prev.seq + 1, "is missing or out of order");
        if (r.prev_hash != prev.hash) return broken(r.seq, "does not link to the row before");
        if (audit_row_hash(r) != r.hash) return broken(r.seq, "was altered");
        prev = {r.seq, r.hash};
    }
    if (head->seq > prev.seq) return broken(prev.seq + 1, "is missing at the end");
    if (head->seq != prev.seq || head->hash != prev.hash)
        return broken(prev.seq, "does not match the recorded head");
    // A break found at an earlier open stays reported, even once later rows chain on.
    auto earlier = db.query_text("SELECT value FROM kt_meta WHERE key = 'audit_break'");
    if (!earlier) return earlier.error();
    if (!earlier->empty()) {
        v.broken = true;
        v.seq = std::strtoll(earlier->c_str(), nullptr, 10);
        v.what = "row " + std::to_string(v.seq) + " was found broken at an earlier open";
    }
    return v;
}

Status remember_audit_break(Database& db, const AuditVerdict& v) {
    if (!v.broken) return {};
    auto st = db.prepare("INSERT OR IGNORE INTO kt_meta (key, value) VALUES ('audit_break', ?)");
    if (!st) return st.error();
    return st->bind(1, std::to_string(v.seq) + " " + v.what).run();
}

}  // namespace kt::store
