#include "store/migrations.hpp"

#include <array>
#include <string>
#include <string_view>

namespace kt::store {

namespace {

// SQLite here is 3.15.2: no UPSERT, no RETURNING, no DROP COLUMN. Never FTS or RTREE
// (security-tests.md finding 5). Append new patches; never edit a released one.
constexpr std::array<std::string_view, 1> kMigrations = {
    R"sql(
CREATE TABLE client (
    id            TEXT PRIMARY KEY,
    given_name    TEXT NOT NULL,
    tussenvoegsel TEXT NOT NULL DEFAULT '',
    family_name   TEXT NOT NULL,
    birth_date    TEXT NOT NULL DEFAULT '',
    wijk          TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);
CREATE TABLE assessment (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES client(id),
    kind        TEXT NOT NULL CHECK (kind IN ('intake', 'voortgang', 'afsluiting')),
    instrument  TEXT NOT NULL CHECK (instrument = 'ZRM-2017'),
    status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finished')),
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX assessment_by_client ON assessment(client_id, started_at);
CREATE TABLE score (
    assessment_id TEXT NOT NULL REFERENCES assessment(id),
    domain        TEXT NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    instrument    TEXT NOT NULL CHECK (instrument = 'ZRM-2017'),
    scored_at     INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, domain)
);
)sql",
};

}  // namespace

int schema_version() {
    return static_cast<int>(kMigrations.size());
}

Status migrate(Database& db) {
    auto current = db.query_int("PRAGMA user_version");
    if (!current) return current.error();
    const auto have = static_cast<std::size_t>(current.value());
    if (have > kMigrations.size())
        return make_error(ErrorCode::invalid_state, "vault schema is newer than this program");
    if (have == kMigrations.size()) return {};
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    for (std::size_t i = have; i < kMigrations.size(); ++i) {
        if (auto s = db.exec(kMigrations[i]); !s) return s;
    }
    if (auto s = db.exec("PRAGMA user_version = " + std::to_string(kMigrations.size())); !s)
        return s;
    return tx->commit();
}

}  // namespace kt::store
