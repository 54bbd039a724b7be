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

// Version 4, both dialects: the TOTP secret sealed by the console with its own key
// (keys/totp.key, outside the database). totp_secret keeps only what a version 3 store held in
// plain text, until the console's start seals it and empties it (SQLCipher's SQLite cannot drop
// a column).
constexpr std::string_view kConsoleV4 =
    "ALTER TABLE console_accounts ADD COLUMN totp_sealed TEXT NOT NULL DEFAULT '';\n";

// Version 5: export purposes (the pseudonym secret sealed by the receiver, emptied when the
// purpose is retired), the console's export jobs, and an index on sealed_at for the overview's
// quarter ranges.
constexpr std::string_view kMonitoringV5 = R"sql(
CREATE TABLE export_purposes (
  name TEXT PRIMARY KEY NOT NULL,
  description TEXT NOT NULL,
  secret_sealed TEXT NOT NULL,
  created_at {I} NOT NULL,
  retired_at {I});
CREATE TABLE export_jobs (
  id TEXT PRIMARY KEY NOT NULL,
  account TEXT NOT NULL,
  purpose TEXT NOT NULL,
  filters TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  stage TEXT NOT NULL DEFAULT '',
  done {I} NOT NULL DEFAULT 0,
  total {I} NOT NULL DEFAULT 0,
  rows_written {I} NOT NULL DEFAULT 0,
  started_at {I} NOT NULL,
  updated_at {I} NOT NULL,
  finished_at {I},
  file TEXT NOT NULL DEFAULT '');
CREATE INDEX export_jobs_by_account ON export_jobs (account, started_at);
CREATE INDEX assessments_by_sealed_at ON assessments (sealed_at);
)sql";

std::string with_int_type(std::string_view type, std::string_view patch = kConsoleV3) {
    std::string sql(patch);
    for (auto at = sql.find("{I}"); at != std::string::npos; at = sql.find("{I}", at))
        sql.replace(at, 3, type);
    return sql;
}

}  // namespace

const std::string& console_patch_sqlite() {
    static const std::string sql = with_int_type("INTEGER");
    return sql;
}

std::string_view console_totp_patch() {
    return kConsoleV4;
}

const std::string& monitoring_patch_sqlite() {
    static const std::string sql = with_int_type("INTEGER", kMonitoringV5);
    return sql;
}

const std::string& monitoring_patch_postgres() {
    static const std::string sql = with_int_type("BIGINT", kMonitoringV5);
    return sql;
}

const std::string& console_patch_postgres() {
    static const std::string sql = with_int_type("BIGINT");
    return sql;
}

}  // namespace kt::receiver
