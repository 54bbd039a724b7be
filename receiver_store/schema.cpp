#include "schema.hpp"

#include <string>

#include "packed_domains.hpp"
#include "schema_console.hpp"

namespace kt::receiver {

namespace {

// The UNIQUE (assessment_uuid, version) key of submissions is the exactly-once guarantee of
// security-tests.md section 3.7 (T-24, T-25): a second row for a key cannot exist.
constexpr std::string_view kSqliteV1 = R"sql(
CREATE TABLE enrollments (
  code_key_hex TEXT PRIMARY KEY NOT NULL,
  device_name TEXT NOT NULL,
  team TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  device_id TEXT);
CREATE INDEX enrollments_by_name ON enrollments (device_name);
CREATE TABLE devices (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  team TEXT NOT NULL,
  public_key_hex TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  last_seq INTEGER NOT NULL DEFAULT 0,
  enrolled_at INTEGER NOT NULL,
  revoked_at INTEGER,
  wipe_reported INTEGER NOT NULL DEFAULT 0 CHECK (wipe_reported IN (0, 1)));
CREATE INDEX devices_by_name ON devices (name);
CREATE TABLE submissions (
  assessment_uuid TEXT NOT NULL,
  version INTEGER NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices (id),
  device_seq INTEGER NOT NULL,
  payload_sha256 TEXT NOT NULL,
  record_sha256 TEXT NOT NULL,
  sealed_payload TEXT NOT NULL,
  receiver_time INTEGER NOT NULL,
  receipt_signature_hex TEXT NOT NULL,
  CONSTRAINT submissions_key PRIMARY KEY (assessment_uuid, version));
CREATE TABLE assessments (
  assessment_uuid TEXT NOT NULL,
  version INTEGER NOT NULL,
  client_ref TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('intake', 'voortgang', 'afsluiting')),
  sealed_at INTEGER NOT NULL,
  age_years INTEGER,
  wijk TEXT NOT NULL,
  team TEXT NOT NULL,
  household TEXT NOT NULL,
  network_people INTEGER NOT NULL,
  network_supportive INTEGER NOT NULL,
  network_hindering INTEGER NOT NULL,
  network_overloaded_carers INTEGER NOT NULL,
  locale_shown TEXT NOT NULL,
  PRIMARY KEY (assessment_uuid, version),
  FOREIGN KEY (assessment_uuid, version) REFERENCES submissions (assessment_uuid, version));
CREATE TABLE assessment_domains (
  assessment_uuid TEXT NOT NULL,
  version INTEGER NOT NULL,
  domain_id TEXT NOT NULL,
  level INTEGER CHECK (level BETWEEN 1 AND 5),
  unscored_reason TEXT NOT NULL,
  client_agrees INTEGER CHECK (client_agrees IN (0, 1)),
  is_goal INTEGER NOT NULL CHECK (is_goal IN (0, 1)),
  PRIMARY KEY (assessment_uuid, version, domain_id),
  FOREIGN KEY (assessment_uuid, version) REFERENCES assessments (assessment_uuid, version));
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time INTEGER NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  result TEXT NOT NULL,
  actor TEXT NOT NULL);
CREATE INDEX audit_by_action ON audit_log (action, id);
)sql";

constexpr std::string_view kPostgresV1 = R"sql(
CREATE TABLE enrollments (
  code_key_hex TEXT PRIMARY KEY,
  device_name TEXT NOT NULL,
  team TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  device_id TEXT);
CREATE INDEX enrollments_by_name ON enrollments (device_name);
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  team TEXT NOT NULL,
  public_key_hex TEXT NOT NULL,
  revoked SMALLINT NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  last_seq BIGINT NOT NULL DEFAULT 0,
  enrolled_at BIGINT NOT NULL,
  revoked_at BIGINT,
  wipe_reported SMALLINT NOT NULL DEFAULT 0 CHECK (wipe_reported IN (0, 1)));
CREATE INDEX devices_by_name ON devices (name);
CREATE TABLE submissions (
  assessment_uuid TEXT NOT NULL,
  version BIGINT NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices (id),
  device_seq BIGINT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  record_sha256 TEXT NOT NULL,
  sealed_payload TEXT NOT NULL,
  receiver_time BIGINT NOT NULL,
  receipt_signature_hex TEXT NOT NULL,
  CONSTRAINT submissions_key PRIMARY KEY (assessment_uuid, version));
CREATE TABLE assessments (
  assessment_uuid TEXT NOT NULL,
  version BIGINT NOT NULL,
  client_ref TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('intake', 'voortgang', 'afsluiting')),
  sealed_at BIGINT NOT NULL,
  age_years INTEGER,
  wijk TEXT NOT NULL,
  team TEXT NOT NULL,
  household TEXT NOT NULL,
  network_people INTEGER NOT NULL,
  network_supportive INTEGER NOT NULL,
  network_hindering INTEGER NOT NULL,
  network_overloaded_carers INTEGER NOT NULL,
  locale_shown TEXT NOT NULL,
  PRIMARY KEY (assessment_uuid, version),
  FOREIGN KEY (assessment_uuid, version) REFERENCES submissions (assessment_uuid, version));
CREATE TABLE assessment_domains (
  assessment_uuid TEXT NOT NULL,
  version BIGINT NOT NULL,
  domain_id TEXT NOT NULL,
  level SMALLINT CHECK (level BETWEEN 1 AND 5),
  unscored_reason TEXT NOT NULL,
  client_agrees SMALLINT CHECK (client_agrees IN (0, 1)),
  is_goal SMALLINT NOT NULL CHECK (is_goal IN (0, 1)),
  PRIMARY KEY (assessment_uuid, version, domain_id),
  FOREIGN KEY (assessment_uuid, version) REFERENCES assessments (assessment_uuid, version));
CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  time BIGINT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  result TEXT NOT NULL,
  actor TEXT NOT NULL);
CREATE INDEX audit_by_action ON audit_log (action, id);
)sql";

// Version 2, both dialects: the 13 domain rows of an assessment become four packed columns of
// its row (packed_domains.hpp), so the export reads one row per assessment; existing rows are
// packed from assessment_domains, which is then dropped.
const std::string& v2_patch() {
    static const std::string sql =
        "ALTER TABLE assessments ADD COLUMN levels TEXT NOT NULL DEFAULT '';\n"
        "ALTER TABLE assessments ADD COLUMN agrees TEXT NOT NULL DEFAULT '';\n"
        "ALTER TABLE assessments ADD COLUMN goals TEXT NOT NULL DEFAULT '';\n"
        "ALTER TABLE assessments ADD COLUMN reasons TEXT NOT NULL DEFAULT '';\n" +
        pack_domains_sql() + ";\nDROP TABLE assessment_domains;\n";
    return sql;
}

}  // namespace

const Dialect& sqlite_dialect() {
    static const Dialect d{"",
                           "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
                           {kSqliteV1, v2_patch(), console_patch_sqlite(), console_totp_patch(),
                            monitoring_patch_sqlite()}};
    return d;
}

const Dialect& postgres_dialect() {
    // A transaction-scoped advisory lock: two receivers starting at once migrate one by one.
    static const Dialect d{"SELECT pg_advisory_xact_lock(4893001)",
                           "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
                           {kPostgresV1, v2_patch(), console_patch_postgres(), console_totp_patch(),
                            monitoring_patch_postgres()},
                           30000,
                           true};
    return d;
}

}  // namespace kt::receiver
