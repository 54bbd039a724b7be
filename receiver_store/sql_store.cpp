#include "sql_store.hpp"

namespace kt::receiver {

namespace {

constexpr std::string_view kDeviceColumns =
    "id, name, team, public_key_hex, revoked, last_seq, enrolled_at, revoked_at, wipe_reported";

Status apply_patches(SqlConnection& c, const Dialect& d) {
    if (auto s = c.script(d.version_table); !s) return s;
    auto rows = c.query("SELECT coalesce(max(version), 0) FROM schema_version", {}, 1);
    if (!rows) return rows.error();
    const auto current = rows->empty() ? 0 : as_int(rows->front()[0]);
    if (current > static_cast<std::int64_t>(d.patches.size()))
        return make_error(ErrorCode::invalid_state, "schema is newer than this receiver");
    for (auto v = current; v < static_cast<std::int64_t>(d.patches.size()); ++v)
        if (auto s = c.script(d.patches[static_cast<std::size_t>(v)]); !s) return s;
    if (current == static_cast<std::int64_t>(d.patches.size())) return {};
    if (auto n = c.execute("DELETE FROM schema_version", {}); !n) return n.error();
    auto n = c.execute("INSERT INTO schema_version (version) VALUES ($1)",
                       {static_cast<std::int64_t>(d.patches.size())});
    if (!n) return n.error();
    return {};
}

}  // namespace

Device device_from_row(const Row& r) {
    Device d;
    d.id = as_text(r[0]);
    d.name = as_text(r[1]);
    d.team = as_text(r[2]);
    d.public_key_hex = as_text(r[3]);
    d.revoked = as_int(r[4]) != 0;
    d.last_seq = as_int(r[5]);
    d.enrolled_at = as_int(r[6]);
    d.revoked_at = as_opt_int(r[7]);
    d.wipe_reported = as_int(r[8]) != 0;
    return d;
}

Result<std::optional<Device>> read_device(SqlConnection& c, const std::string& id) {
    const std::string sql = "SELECT " + std::string(kDeviceColumns) + " FROM devices WHERE id = $1";
    auto rows = c.query(sql, {id}, 9);
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<Device>();
    return std::optional<Device>(device_from_row(rows->front()));
}

Result<std::int64_t> count_rows(SqlConnection& c, std::string_view sql) {
    auto rows = c.query(sql, {}, 1);
    if (!rows) return rows.error();
    return rows->empty() ? std::int64_t{0} : as_int(rows->front()[0]);
}

Status SqlStore::migrate() {
    auto l = lease();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    if (!m_dialect->migrate_lock.empty())
        if (auto s = c.script(m_dialect->migrate_lock); !s) return s;
    if (auto s = apply_patches(c, *m_dialect); !s) return s;
    return tx->commit();
}

Status SqlStore::add_enrollment(const PendingEnrollment& e) {
    if (e.device_name.empty() || e.code_key_hex.empty() || e.expires_at <= e.created_at)
        return make_error(ErrorCode::usage, "incomplete enrollment");
    auto l = lease();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    auto del = c.execute("DELETE FROM enrollments WHERE device_name = $1 AND used_at IS NULL",
                         {e.device_name});
    if (!del) return del.error();
    auto ins = c.execute(
        "INSERT INTO enrollments (code_key_hex, device_name, team, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {e.code_key_hex, e.device_name, e.team, e.created_at, e.expires_at});
    if (!ins) return ins.error();
    return tx->commit();
}

Result<std::vector<PendingEnrollment>> SqlStore::pending_enrollments(std::int64_t now) {
    auto l = lease();
    if (!l) return l.error();
    auto rows = (*l)->conn().query(
        "SELECT device_name, team, code_key_hex, created_at, expires_at FROM enrollments "
        "WHERE used_at IS NULL AND expires_at > $1 ORDER BY created_at, code_key_hex",
        {now}, 5);
    if (!rows) return rows.error();
    std::vector<PendingEnrollment> out;
    for (const Row& r : rows.value())
        out.push_back({as_text(r[0]), as_text(r[1]), as_text(r[2]), as_int(r[3]), as_int(r[4])});
    return out;
}

// The conditional UPDATE is the once-only guard: of two concurrent completions the second
// finds used_at set (SQLite: behind BEGIN IMMEDIATE; PostgreSQL: re-checked after the row
// lock) and changes nothing.
Result<Device> SqlStore::complete_enrollment(const std::string& code_key_hex,
                                             const std::string& device_id,
                                             const std::string& device_public_key_hex,
                                             std::int64_t now) {
    auto l = lease();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    auto used = c.execute(
        "UPDATE enrollments SET used_at = $2, device_id = $3 "
        "WHERE code_key_hex = $1 AND used_at IS NULL AND expires_at > $2",
        {code_key_hex, now, device_id});
    if (!used) return used.error();
    if (used.value() != 1)
        return make_error(ErrorCode::invalid_state, "enrollment code unknown, used or expired");
    auto ins = c.execute(
        "INSERT INTO devices (id, name, team, public_key_hex, enrolled_at) "
        "SELECT CAST($2 AS TEXT), device_name, team, CAST($3 AS TEXT), CAST($4 AS BIGINT) "
        "FROM enrollments WHERE code_key_hex = $1",
        {code_key_hex, device_id, device_public_key_hex, now});
    if (!ins) return ins.error();
    auto dev = read_device(c, device_id);
    if (!dev) return dev.error();
    if (!dev->has_value()) return make_error(ErrorCode::internal, "device not created");
    if (auto s = tx->commit(); !s) return s.error();
    return std::move(dev.value().value());
}

Result<std::optional<Device>> SqlStore::device(const std::string& id) {
    auto l = lease();
    if (!l) return l.error();
    return read_device((*l)->conn(), id);
}

Result<std::string> SqlStore::revoke_device(const std::string& name, std::int64_t now) {
    auto l = lease();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    auto rows = c.query(
        "SELECT id FROM devices WHERE name = $1 AND revoked = 0 "
        "ORDER BY enrolled_at DESC, id DESC LIMIT 1",
        {name}, 1);
    if (!rows) return rows.error();
    if (rows->empty()) return make_error(ErrorCode::not_found, "no active device of that name");
    const std::string id = as_text(rows->front()[0]);
    auto n = c.execute(
        "UPDATE devices SET revoked = 1, revoked_at = $2 WHERE id = $1 AND revoked = 0", {id, now});
    if (!n) return n.error();
    if (n.value() != 1) return make_error(ErrorCode::not_found, "device revoked meanwhile");
    if (auto s = tx->commit(); !s) return s.error();
    return id;
}

Result<SeqCheck> SqlStore::advance_seq(const std::string& device_id, std::int64_t seq) {
    auto l = lease();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto n = c.execute("UPDATE devices SET last_seq = $2 WHERE id = $1 AND last_seq < $2",
                       {device_id, seq});
    if (!n) return n.error();
    if (n.value() == 1) return SeqCheck::accepted;
    auto dev = read_device(c, device_id);
    if (!dev) return dev.error();
    if (!dev->has_value()) return make_error(ErrorCode::not_found, "unknown device");
    return SeqCheck::rolled_back;
}

Result<bool> SqlStore::mark_wipe_reported(const std::string& device_id) {
    auto l = lease();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto n = c.execute("UPDATE devices SET wipe_reported = 1 WHERE id = $1 AND wipe_reported = 0",
                       {device_id});
    if (!n) return n.error();
    if (n.value() == 1) return true;
    auto dev = read_device(c, device_id);
    if (!dev) return dev.error();
    if (!dev->has_value()) return make_error(ErrorCode::not_found, "unknown device");
    return false;
}

Status SqlStore::audit(const AuditEntry& e) {
    auto l = lease();
    if (!l) return l.error();
    auto n = (*l)->conn().execute(
        "INSERT INTO audit_log (time, action, object, result, actor) VALUES ($1, $2, $3, $4, $5)",
        {e.time, e.action, e.object, e.result, e.actor});
    if (!n) return n.error();
    return {};
}

Result<std::vector<AuditEntry>> SqlStore::audit_entries(const std::string& action) {
    auto l = lease();
    if (!l) return l.error();
    auto rows = (*l)->conn().query(
        "SELECT time, action, object, result, actor FROM audit_log WHERE action = $1 ORDER BY id",
        {action}, 5);
    if (!rows) return rows.error();
    std::vector<AuditEntry> out;
    for (const Row& r : rows.value())
        out.push_back({as_int(r[0]), as_text(r[1]), as_text(r[2]), as_text(r[3]), as_text(r[4])});
    return out;
}

}  // namespace kt::receiver
