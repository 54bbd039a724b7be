// Measurement → working row → ExportRow: the only place identifying fields are read, and
// only the client ref (hashed) and the assessment uuid (hashed, for versions) are.
#include <sodium.h>

#include <algorithm>
#include <array>

#include "export/rows.hpp"

namespace kt::monitoring {

std::string_view reason_code(LevelReason reason) {
    switch (reason) {
        case LevelReason::scored:
            return "";
        case LevelReason::not_discussed:
            return "not_scored:not_discussed";
        case LevelReason::unknown:
            return "not_scored:unknown";
        case LevelReason::not_applicable:
            return "not_scored:not_applicable";
        case LevelReason::other:
            return "not_scored:other";
        case LevelReason::l_diversity:
            return "l_diversity";
    }
    return "not_scored:other";
}

namespace detail {

namespace {

constexpr std::array<std::string_view, 3> kKinds = {"intake", "voortgang", "afsluiting"};

// Only the model's reason codes pass; anything else a source holds (free text) becomes
// "other", so no text typed by a worker reaches the export.
LevelReason reason_of(const std::string& reason) {
    if (reason == "not_discussed") return LevelReason::not_discussed;
    if (reason == "unknown") return LevelReason::unknown;
    if (reason == "not_applicable") return LevelReason::not_applicable;
    return LevelReason::other;
}

void copy_domains(const Measurement& m, WorkRow& row) {
    for (std::size_t d = 0; d < kDomainCount; ++d) {
        const auto& level = m.levels[d];
        if (level && *level >= zrm::kMinLevel && *level <= zrm::kMaxLevel) {
            row.levels[d] = std::uint8_t(*level);
        } else {
            row.reasons[d] = reason_of(m.unscored_reason[d]);
        }
        row.agrees[d] = m.client_agrees[d] ? (*m.client_agrees[d] ? 1 : 0) : -1;
        if (m.goals[d]) row.goals |= std::uint16_t(1u << d);
    }
}

}  // namespace

PseudonymKey pseudonym_key(const PseudonymBytes& p) {
    PseudonymKey k;
    for (int i = 0; i < 8; ++i)
        k.high = (k.high << 8) | p[i];
    for (int i = 8; i < 12; ++i)
        k.low = (k.low << 8) | p[i];
    return k;
}

std::uint32_t Names::intern(const std::string& name) {
    auto [it, added] = m_ids.try_emplace(name, std::uint32_t(m_names.size()));
    if (added) m_names.push_back(name);
    return it->second;
}

std::optional<std::uint32_t> Names::find(const std::string& name) const {
    auto it = m_ids.find(name);
    if (it == m_ids.end()) return std::nullopt;
    return it->second;
}

std::optional<std::uint8_t> kind_code(std::string_view kind) {
    for (std::size_t i = 0; i < kKinds.size(); ++i)
        if (kKinds[i] == kind) return std::uint8_t(i);
    return std::nullopt;
}

std::string_view kind_name(std::uint8_t code) {
    return kKinds[code % kKinds.size()];
}

WorkRow to_work_row(const Measurement& m, std::uint8_t kind, const PseudonymBytes& pseudonym,
                    Names& wijken, Names& teams) {
    WorkRow row;
    row.pseudonym = pseudonym;
    crypto_generichash(row.uuid_key.data(), row.uuid_key.size(),
                       reinterpret_cast<const unsigned char*>(m.assessment_uuid.data()),
                       m.assessment_uuid.size(), nullptr, 0);
    row.sealed_at = m.sealed_at;
    row.version = m.version;
    row.quarter = quarter_of(m.sealed_at);
    row.wijk = wijken.intern(m.wijk);
    row.team = teams.intern(m.team);
    row.kind = kind;
    row.age_band = std::uint8_t(age_band(m.age_years));
    row.household = std::uint8_t(household_code(m.household));
    copy_domains(m, row);
    row.network = {std::max(0, m.network_people), std::max(0, m.network_supportive),
                   std::max(0, m.network_hindering), std::max(0, m.network_overloaded_carers)};
    return row;
}

ExportRow to_export_row(const WorkRow& row, const Names& wijken, const Names& teams) {
    ExportRow out;
    out.pseudonym = pseudonym_hex(row.pseudonym);
    out.kind = std::string(kind_name(row.kind));
    out.quarter = row.year_only ? year_name(row.quarter) : quarter_name(row.quarter);
    out.age_band = std::string(age_band_name(row.age_band));
    out.wijk = row.wijk_generalised ? std::string(kWholeMunicipality) : wijken.name(row.wijk);
    out.team = teams.name(row.team);
    out.household = std::string(household_name(row.household));
    for (std::size_t d = 0; d < kDomainCount; ++d) {
        if (row.levels[d] != 0) out.levels[d] = row.levels[d];
        out.level_reason[d] = row.reasons[d];
        if (row.agrees[d] >= 0) out.client_agrees[d] = row.agrees[d] == 1;
        out.goals[d] = (row.goals >> d) & 1u;
    }
    out.network_people = row.network[0];
    out.network_supportive = row.network[1];
    out.network_hindering = row.network[2];
    out.network_overloaded_carers = row.network[3];
    return out;
}

}  // namespace detail
}  // namespace kt::monitoring
