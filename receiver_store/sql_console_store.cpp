#include "sql_console_store.hpp"

#include <sstream>

#include "sql_store.hpp"

namespace kt::receiver {

namespace {

constexpr std::string_view kAccountColumns =
    "name, role, teams, password_hash, totp_secret, totp_last_step, recovery, disabled, active, "
    "created_at";

// Names never hold ',' (valid_name), hex hashes never ' ': both join losslessly.
std::string join(const std::vector<std::string>& parts, char sep) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, sep))
        if (!part.empty()) out.push_back(part);
    return out;
}

ConsoleAccount account_from_row(const Row& r) {
    ConsoleAccount a;
    a.name = as_text(r[0]);
    a.role = as_text(r[1]);
    a.teams = split(as_text(r[2]), ',');
    a.password_hash = as_text(r[3]);
    a.totp_secret = as_text(r[4]);
    a.totp_last_step = as_int(r[5]);
    a.recovery = split(as_text(r[6]), ' ');
    a.disabled = as_int(r[7]) != 0;
    a.active = as_int(r[8]) != 0;
    a.created_at = as_int(r[9]);
    return a;
}

Status changed_one(const Result<std::int64_t>& n, const char* what) {
    if (!n) return n.error();
    if (n.value() == 0) return make_error(ErrorCode::not_found, what);
    return {};
}

}  // namespace

Result<std::int64_t> SqlConsoleStore::execute(std::string_view sql, const Params& params) {
    auto l = m_source->acquire();
    if (!l) return l.error();
    return (*l)->conn().execute(sql, params);
}

Result<Rows> SqlConsoleStore::query(std::string_view sql, const Params& params, int columns) {
    auto l = m_source->acquire();
    if (!l) return l.error();
    return (*l)->conn().query(sql, params, columns);
}

Status SqlConsoleStore::add_account(const ConsoleAccount& a) {
    if (a.name.empty() || a.role.empty()) return make_error(ErrorCode::usage, "incomplete account");
    auto n = execute(
        "INSERT INTO console_accounts (name, role, teams, created_at) VALUES ($1, $2, $3, $4)",
        {a.name, a.role, join(a.teams, ','), a.created_at});
    if (!n) return n.error();
    return {};
}

Result<std::optional<ConsoleAccount>> SqlConsoleStore::account(const std::string& name) {
    auto rows =
        query("SELECT " + std::string(kAccountColumns) + " FROM console_accounts WHERE name = $1",
              {name}, 10);
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<ConsoleAccount>();
    return std::optional<ConsoleAccount>(account_from_row(rows->front()));
}

Result<std::vector<ConsoleAccount>> SqlConsoleStore::accounts() {
    auto rows = query(
        "SELECT " + std::string(kAccountColumns) + " FROM console_accounts ORDER BY name", {}, 10);
    if (!rows) return rows.error();
    std::vector<ConsoleAccount> out;
    for (const Row& r : rows.value())
        out.push_back(account_from_row(r));
    return out;
}

Status SqlConsoleStore::set_disabled(const std::string& name, bool disabled) {
    auto l = m_source->acquire();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    auto n = c.execute("UPDATE console_accounts SET disabled = $2 WHERE name = $1",
                       {name, std::int64_t(disabled ? 1 : 0)});
    if (auto s = changed_one(n, "no such account"); !s) return s;
    if (auto d = c.execute("DELETE FROM console_sessions WHERE account = $1", {name}); !d)
        return d.error();
    return tx->commit();
}

Status SqlConsoleStore::reset_account(const std::string& name) {
    auto l = m_source->acquire();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    auto n = c.execute(
        "UPDATE console_accounts SET password_hash = '', totp_secret = '', totp_last_step = 0, "
        "recovery = '', active = 0 WHERE name = $1",
        {name});
    if (auto s = changed_one(n, "no such account"); !s) return s;
    for (const char* sql : {"DELETE FROM console_sessions WHERE account = $1",
                            "DELETE FROM console_activations WHERE account = $1"})
        if (auto d = c.execute(sql, {name}); !d) return d.error();
    return tx->commit();
}

Status SqlConsoleStore::add_activation(const std::string& token_hash, const std::string& account,
                                       std::int64_t created_at, std::int64_t expires_at) {
    auto l = m_source->acquire();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    auto d = c.execute("DELETE FROM console_activations WHERE account = $1 AND used_at IS NULL",
                       {account});
    if (!d) return d.error();
    auto n = c.execute(
        "INSERT INTO console_activations (token_hash, account, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4)",
        {token_hash, account, created_at, expires_at});
    if (!n) return n.error();
    return tx->commit();
}

Result<std::optional<std::string>> SqlConsoleStore::activation_account(
    const std::string& token_hash, std::int64_t now) {
    auto rows = query(
        "SELECT a.account FROM console_activations a JOIN console_accounts c ON c.name = a.account "
        "WHERE a.token_hash = $1 AND a.used_at IS NULL AND a.expires_at > $2 AND c.disabled = 0",
        {token_hash, now}, 1);
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<std::string>();
    return std::optional<std::string>(as_text(rows->front()[0]));
}

Status SqlConsoleStore::set_pending_totp(const std::string& account, const std::string& secret) {
    return changed_one(
        execute("UPDATE console_accounts SET totp_secret = $2 WHERE name = $1 AND active = 0",
                {account, secret}),
        "no account awaiting activation");
}

// The conditional UPDATE of the token is the once-only guard, as for enrollment codes.
Result<bool> SqlConsoleStore::complete_activation(const std::string& token_hash,
                                                  const std::string& password_hash,
                                                  std::int64_t totp_step,
                                                  const std::vector<std::string>& recovery,
                                                  std::int64_t now) {
    auto l = m_source->acquire();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    auto used = c.execute(
        "UPDATE console_activations SET used_at = $2 "
        "WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        {token_hash, now});
    if (!used) return used.error();
    if (used.value() != 1) return false;
    auto n = c.execute(
        "UPDATE console_accounts SET password_hash = $2, totp_last_step = $3, recovery = $4, "
        "active = 1 WHERE name = (SELECT account FROM console_activations WHERE token_hash = $1) "
        "AND disabled = 0",
        {token_hash, password_hash, totp_step, join(recovery, ' ')});
    if (!n) return n.error();
    if (n.value() != 1) return false;
    if (auto s = tx->commit(); !s) return s.error();
    return true;
}

Result<bool> SqlConsoleStore::use_totp_step(const std::string& account, std::int64_t step) {
    auto n = execute(
        "UPDATE console_accounts SET totp_last_step = $2 WHERE name = $1 AND totp_last_step < $2",
        {account, step});
    if (!n) return n.error();
    return n.value() == 1;
}

// Read, then a conditional UPDATE on the value read: of two concurrent uses one wins.
Result<bool> SqlConsoleStore::use_recovery_code(const std::string& account,
                                                const std::string& code_hash) {
    auto a = this->account(account);
    if (!a) return a.error();
    if (!a->has_value()) return false;
    auto codes = a->value().recovery;
    const auto before = join(codes, ' ');
    std::erase(codes, code_hash);
    if (join(codes, ' ') == before) return false;
    auto n = execute("UPDATE console_accounts SET recovery = $3 WHERE name = $1 AND recovery = $2",
                     {account, before, join(codes, ' ')});
    if (!n) return n.error();
    return n.value() == 1;
}

Status SqlConsoleStore::create_session(const std::string& id_hash, const std::string& account,
                                       std::int64_t now) {
    auto n = execute(
        "INSERT INTO console_sessions (id_hash, account, created_at, last_seen) "
        "VALUES ($1, $2, $3, $3)",
        {id_hash, account, now});
    if (!n) return n.error();
    return {};
}

Result<std::optional<ConsoleSession>> SqlConsoleStore::touch_session(const std::string& id_hash,
                                                                     std::int64_t now,
                                                                     std::int64_t idle,
                                                                     std::int64_t absolute) {
    auto n = execute(
        "UPDATE console_sessions SET last_seen = $2 WHERE id_hash = $1 AND last_seen > $3 "
        "AND created_at > $4 AND account IN (SELECT name FROM console_accounts WHERE disabled = 0 "
        "AND active = 1)",
        {id_hash, now, now - idle, now - absolute});
    if (!n) return n.error();
    if (n.value() != 1) return std::optional<ConsoleSession>();
    auto rows =
        query("SELECT account, created_at, last_seen FROM console_sessions WHERE id_hash = $1",
              {id_hash}, 3);
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<ConsoleSession>();
    const Row& r = rows->front();
    return std::optional<ConsoleSession>(ConsoleSession{as_text(r[0]), as_int(r[1]), as_int(r[2])});
}

Status SqlConsoleStore::end_session(const std::string& id_hash) {
    auto n = execute("DELETE FROM console_sessions WHERE id_hash = $1", {id_hash});
    if (!n) return n.error();
    return {};
}

Result<ThrottleState> SqlConsoleStore::throttle(const std::string& key) {
    auto rows =
        query("SELECT failures, last_failure FROM console_throttle WHERE key = $1", {key}, 2);
    if (!rows) return rows.error();
    if (rows->empty()) return ThrottleState{};
    return ThrottleState{as_int(rows->front()[0]), as_int(rows->front()[1])};
}

// UPDATE, else INSERT (SQLCipher's SQLite predates upsert); a concurrent first failure that
// wins the INSERT makes this one retry the UPDATE.
Status SqlConsoleStore::record_failure(const std::string& key, std::int64_t now) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto n = execute(
            "UPDATE console_throttle SET failures = failures + 1, last_failure = $2 WHERE key = $1",
            {key, now});
        if (!n) return n.error();
        if (n.value() == 1) return {};
        auto ins =
            execute("INSERT INTO console_throttle (key, failures, last_failure) VALUES ($1, 1, $2)",
                    {key, now});
        if (ins) return {};
        if (ins.error().code != kUniqueViolation) return ins.error();
    }
    return make_error(ErrorCode::internal, "throttle row contended");
}

Status SqlConsoleStore::clear_failures(const std::string& key) {
    auto n = execute("DELETE FROM console_throttle WHERE key = $1", {key});
    if (!n) return n.error();
    return {};
}

Result<std::vector<DeviceOverview>> SqlConsoleStore::devices() {
    auto rows = query(
        "SELECT id, name, team, public_key_hex, revoked, last_seq, enrolled_at, revoked_at, "
        "wipe_reported, last_checkin_at, checkin_outbox, app_version FROM devices "
        "ORDER BY enrolled_at DESC, id",
        {}, 12);
    if (!rows) return rows.error();
    std::vector<DeviceOverview> out;
    for (const Row& r : rows.value())
        out.push_back({device_from_row(r), as_opt_int(r[9]), as_opt_int(r[10]), as_text(r[11])});
    return out;
}

Status SqlConsoleStore::record_checkin(const std::string& device_id, std::int64_t now,
                                       std::int64_t outbox, const std::string& app_version) {
    auto n = execute(
        "UPDATE devices SET last_checkin_at = $2, checkin_outbox = $3, app_version = $4 "
        "WHERE id = $1",
        {device_id, now, outbox, app_version});
    if (!n) return n.error();
    return {};
}

Result<std::string> SqlConsoleStore::revoke_device_id(const std::string& id, std::int64_t now) {
    auto l = m_source->acquire();
    if (!l) return l.error();
    SqlConnection& c = (*l)->conn();
    auto tx = SqlTransaction::begin(c);
    if (!tx) return tx.error();
    auto n = c.execute(
        "UPDATE devices SET revoked = 1, revoked_at = $2 WHERE id = $1 AND revoked = 0", {id, now});
    if (auto s = changed_one(n, "no active device with that id"); !s) return s.error();
    auto dev = read_device(c, id);
    if (!dev) return dev.error();
    if (!dev->has_value()) return make_error(ErrorCode::not_found, "device vanished");
    if (auto s = tx->commit(); !s) return s.error();
    return dev->value().name;
}

Result<std::vector<AuditEntry>> SqlConsoleStore::audit_page(const AuditFilter& f) {
    auto rows = query(
        "SELECT time, action, object, result, actor FROM audit_log "
        "WHERE (CAST($1 AS TEXT) = '' OR action = $1) AND (CAST($2 AS TEXT) = '' OR object = $2) "
        "AND (CAST($3 AS BIGINT) = 0 OR time >= $3) AND (CAST($4 AS BIGINT) = 0 OR time < $4) "
        "ORDER BY id DESC LIMIT $5",
        {f.action, f.object, f.from, f.to, f.limit}, 5);
    if (!rows) return rows.error();
    std::vector<AuditEntry> out;
    for (const Row& r : rows.value())
        out.push_back({as_int(r[0]), as_text(r[1]), as_text(r[2]), as_text(r[3]), as_text(r[4])});
    return out;
}

}  // namespace kt::receiver
