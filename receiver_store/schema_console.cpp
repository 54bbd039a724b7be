#include "schema_console.hpp"

namespace kt::receiver {

namespace {

// Version 3: the console's accounts, activation tokens, sessions and login throttling, and what
// each device's last checkin reported. {I} is the dialect's 64-bit integer type.
constexpr std::string_view kConsoleV3 = R"sql(
CREATE TABLE console_accounts (
  name TEXT PRIMARY KEY NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('beheer', 'teamleider', 'beleid')),
  teams TEXT NOT NULL,
  password_hash TEXT NOT NULL DEFAULT '',
  totp_secret TEXT NOT NULL DEFAULT '',
  totp_last_step {I} NOT NULL DEFAULT 0,
  recovery TEXT NOT NULL DEFAULT '',
  disabled SMALLINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  active SMALLINT NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at {I} NOT NULL);
CREATE TABLE console_activations (
  token_hash TEXT PRIMARY KEY NOT NULL,
  account TEXT NOT NULL REFERENCES console_accounts (name),
  created_at {I} NOT NULL,
  expires_at {I} NOT NULL,
  used_at {I});
CREATE INDEX console_activations_by_account ON console_activations (account);
CREATE TABLE console_sessions (
  id_hash TEXT PRIMARY KEY NOT NULL,
  account TEXT NOT NULL REFERENCES console_accounts (name),
  created_at {I} NOT NULL,
  last_seen {I} NOT NULL);
CREATE INDEX console_sessions_by_account ON console_sessions (account);
CREATE TABLE console_throttle (
  key TEXT PRIMARY KEY NOT NULL,
  failures {I} NOT NULL,
  last_failure {I} NOT NULL);
ALTER TABLE devices ADD COLUMN last_checkin_at {I};
ALTER TABLE devices ADD COLUMN checkin_outbox {I};
ALTER TABLE devices ADD COLUMN app_version TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_by_time ON audit_log (time);
)sql";

std::string with_int_type(std::string_view type) {
    std::string sql(kConsoleV3);
    for (auto at = sql.find("{I}"); at != std::string::npos; at = sql.find("{I}", at))
        sql.replace(at, 3, type);
    return sql;
}

}  // namespace

const std::string& console_patch_sqlite() {
    static const std::string sql = with_int_type("INTEGER");
    return sql;
}

const std::string& console_patch_postgres() {
    static const std::string sql = with_int_type("BIGINT");
    return sql;
}

}  // namespace kt::receiver
