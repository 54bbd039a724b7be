#include "store/migrations.hpp"

#include <array>
#include <string>
#include <string_view>

namespace kt::store {

namespace {

// SQLite here is 3.15.2: no UPSERT, no RETURNING, no DROP COLUMN. Never FTS or RTREE
// (security-tests.md finding 5). Append new patches; never edit a released one.
constexpr std::array<std::string_view, 6> kMigrations = {
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
    // 2: the whole conversation: team, household, consent, who was present, domain details,
    // settings (wijk list, measurement interval, idle lock, PIN verifier).
    R"sql(
ALTER TABLE client ADD COLUMN team TEXT NOT NULL DEFAULT '';
CREATE TABLE household_member (
    client_id TEXT NOT NULL REFERENCES client(id),
    position  INTEGER NOT NULL,
    relation  TEXT NOT NULL,
    age       INTEGER NOT NULL CHECK (age BETWEEN 0 AND 125),
    PRIMARY KEY (client_id, position)
);
CREATE TABLE consent (
    client_id   TEXT NOT NULL REFERENCES client(id),
    purpose     TEXT NOT NULL,
    given       INTEGER NOT NULL CHECK (given IN (0, 1)),
    recorded_at INTEGER NOT NULL,
    given_by    TEXT NOT NULL CHECK (given_by IN ('client', 'representative')),
    PRIMARY KEY (client_id, purpose)
);
CREATE TABLE participant (
    assessment_id TEXT NOT NULL REFERENCES assessment(id),
    position      INTEGER NOT NULL,
    role          TEXT NOT NULL,
    detail        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, position)
);
CREATE TABLE domain_detail (
    assessment_id      TEXT NOT NULL REFERENCES assessment(id),
    domain             TEXT NOT NULL,
    note               TEXT NOT NULL DEFAULT '',
    hulpvraag          TEXT NOT NULL DEFAULT '',
    goal               INTEGER NOT NULL DEFAULT 0,
    share_own          INTEGER NOT NULL DEFAULT -1,
    share_network      INTEGER NOT NULL DEFAULT -1,
    share_professional INTEGER NOT NULL DEFAULT -1,
    outcome            TEXT NOT NULL DEFAULT '',
    unscored_reason    TEXT NOT NULL DEFAULT '',
    updated_at         INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, domain)
);
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql",
    // 3: the hash-chained audit log (store/audit.hpp) and the vault's own metadata: the
    // device's random actor id and the chain head (so a deleted last row shows too).
    R"sql(
CREATE TABLE kt_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO kt_meta (key, value) VALUES ('actor', 'device-' || lower(hex(randomblob(16))));
INSERT INTO kt_meta (key, value)
    VALUES ('audit_head', '0 0000000000000000000000000000000000000000000000000000000000000000');
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    object_id TEXT NOT NULL DEFAULT '',
    result    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
)sql",
    // 4: the network map (netwerkkaart) per assessment: the reasons for not asking more, a
    // note, and the people on it (first name or role only, ring 0 closest .. 2 farthest).
    R"sql(
CREATE TABLE network_map (
    assessment_id TEXT PRIMARY KEY REFERENCES assessment(id),
    reasons       TEXT NOT NULL DEFAULT '',
    other_reason  TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL
);
CREATE TABLE network_person (
    id            TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES network_map(assessment_id),
    position      INTEGER NOT NULL,
    label         TEXT NOT NULL,
    kind          TEXT NOT NULL,
    ring          INTEGER NOT NULL CHECK (ring BETWEEN 0 AND 2),
    gives         TEXT NOT NULL DEFAULT '',
    frequency     TEXT NOT NULL DEFAULT '',
    could_do_more INTEGER NOT NULL DEFAULT 0 CHECK (could_do_more IN (0, 1)),
    hinders       INTEGER NOT NULL DEFAULT 0 CHECK (hinders IN (0, 1)),
    carer_load    TEXT NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL
);
CREATE INDEX network_person_by_map ON network_person(assessment_id, position);
)sql",
    // 5: the client's review, signatures and seals (store/review.hpp, store/seal.hpp). An
    // assessment's status stays 'finished' when sealed (the CHECK above cannot change on
    // SQLite 3.15): sealed_at != 0 marks it sealed, `version` counts reopenings. Strokes are
    // quantised (x,y) points only: no timing, no pressure (T-34). The device's Ed25519 key
    // is made at the first seal and kept in kt_meta.
    R"sql(
ALTER TABLE assessment ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE assessment ADD COLUMN sealed_at INTEGER NOT NULL DEFAULT 0;
CREATE TABLE review (
    assessment_id  TEXT PRIMARY KEY REFERENCES assessment(id),
    locale         TEXT NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en', 'tr', 'pl', 'ar')),
    network_agreed TEXT NOT NULL DEFAULT '' CHECK (network_agreed IN ('', 'agree', 'disagree')),
    goals_agreed   TEXT NOT NULL DEFAULT '' CHECK (goals_agreed IN ('', 'agree', 'disagree')),
    updated_at     INTEGER NOT NULL
);
CREATE TABLE review_answer (
    assessment_id TEXT NOT NULL REFERENCES assessment(id),
    domain        TEXT NOT NULL,
    agreement     TEXT NOT NULL DEFAULT '' CHECK (agreement IN ('', 'agree', 'disagree')),
    own_level     INTEGER NOT NULL DEFAULT 0 CHECK (own_level BETWEEN 0 AND 5),
    own_words     TEXT NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, domain)
);
CREATE TABLE review_signature (
    assessment_id  TEXT NOT NULL REFERENCES assessment(id),
    signer         TEXT NOT NULL CHECK (signer IN ('client', 'representative', 'worker')),
    role           TEXT NOT NULL DEFAULT '',
    strokes        TEXT NOT NULL DEFAULT '',
    refused        INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1)),
    refusal_reason TEXT NOT NULL DEFAULT '',
    signed_at      INTEGER NOT NULL,
    device_seq     INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, signer)
);
CREATE TABLE sealed_record (
    assessment_id    TEXT NOT NULL REFERENCES assessment(id),
    version          INTEGER NOT NULL,
    record           TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    device_signature TEXT NOT NULL,
    sealed_at        INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, version)
);
INSERT INTO kt_meta (key, value) VALUES ('device_seq', '0');
)sql",
    // 6: the outbox to the municipality (core/sync): one row per sealed version, written in
    // the seal's transaction; `receipt` is the receiver's verified receipt as canonical JSON
    // ('' until received). Versions sealed before this patch get their rows now. The sync
    // settings (receiver, pin, keys) live in kt_meta under "sync_*" once enrolled.
    R"sql(
CREATE TABLE outbox (
    assessment_id   TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    profile         TEXT NOT NULL DEFAULT '',
    receipt         TEXT NOT NULL DEFAULT '',
    receipt_at      INTEGER NOT NULL DEFAULT 0,
    sent_at         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (assessment_id, version)
);
INSERT INTO outbox (assessment_id, version, created_at)
    SELECT assessment_id, version, sealed_at FROM sealed_record;
INSERT INTO kt_meta (key, value) VALUES ('sync_retention_days', '30');
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
