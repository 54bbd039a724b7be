#include "export/vault_source.hpp"

#include "store/seal.hpp"
#include "sync/config.hpp"

namespace kt::monitoring {

namespace {

struct SealedRow {
    std::string assessment_id;
    std::int64_t sealed_at = 0;
    sync::Payload payload;
    std::string sent_profile;  // the outbox's profile as sent ("" before the first send)
};

// The team a profile falls back to: the enrolled device's team, "" when not enrolled.
std::string device_team(store::Database& db) {
    auto config = sync::load_config(db);
    return config ? config->team : std::string();
}

Result<sync::Profile> profile_of(store::Database& db, const SealedRow& row,
                                 const std::string& team) {
    if (!row.sent_profile.empty()) return sync::parse_profile_json(row.sent_profile);
    return sync::build_profile(db, row.assessment_id, row.sealed_at, team);
}

Result<Measurement> read_one(store::Database& db, const SealedRow& row, const std::string& key,
                             const std::string& team) {
    auto facts = sync::check_payload(row.payload, key);
    if (!facts)
        return make_error(ErrorCode::damaged_vault, "sealed record: " + facts.error().detail);
    auto profile = profile_of(db, row, team);
    if (!profile) return profile.error();
    return measurement_from(facts.value(), profile.value());
}

SealedRow sealed_row(const store::Statement& st) {
    SealedRow row;
    row.assessment_id = st.text(0);
    row.sealed_at = st.int64(1);
    row.payload.record = st.text(2);
    row.payload.record_sha256 = st.text(3);
    row.payload.seal_signature = st.text(4);
    row.sent_profile = st.is_null(5) ? std::string() : st.text(5);
    return row;
}

Status stream_sealed(store::Database& db, const MeasurementSink& sink) {
    auto key = store::device_public_key(db);
    if (!key) return key.error();
    const std::string team = device_team(db);
    auto st = db.prepare(
        "SELECT s.assessment_id, s.sealed_at, s.record, s.content_hash, s.device_signature, "
        "o.profile FROM sealed_record s LEFT JOIN outbox o ON o.assessment_id = s.assessment_id "
        "AND o.version = s.version ORDER BY s.assessment_id, s.version");
    if (!st) return st.error();
    for (;;) {
        auto more = st->step();
        if (!more) return more.error();
        if (!more.value()) return {};
        auto m = read_one(db, sealed_row(st.value()), key.value(), team);
        if (!m) return m.error();
        if (!sink(m.value())) return {};
    }
}

}  // namespace

Measurement measurement_from(const sync::RecordFacts& f, const sync::Profile& p) {
    Measurement m;
    m.client_ref = f.client_ref;
    m.assessment_uuid = f.assessment_uuid;
    m.version = f.version;
    m.kind = f.kind;
    m.sealed_at = f.sealed_at;
    m.age_years = p.age_years;
    m.wijk = p.wijk;
    m.team = p.team;
    m.household = p.household;
    for (std::size_t i = 0; i < kDomainCount; ++i) {
        const sync::DomainFacts& d = f.domains[i];
        m.levels[i] = d.level;
        m.unscored_reason[i] = d.unscored_reason;
        m.client_agrees[i] = d.client_agrees;
        m.goals[i] = d.is_goal;
    }
    m.network_people = f.network_people;
    m.network_supportive = f.network_supportive;
    m.network_hindering = f.network_hindering;
    m.network_overloaded_carers = f.network_overloaded_carers;
    return m;
}

MeasurementSource vault_source(store::Database& db) {
    return [&db](const MeasurementSink& sink) { return stream_sealed(db, sink); };
}

}  // namespace kt::monitoring
