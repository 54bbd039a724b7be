// The export's source over the receiver's store (monitoring_source.hpp).
#include "monitoring_source.hpp"

namespace kt::receiver {

void fill_measurement(const ScannedAssessment& a, monitoring::Measurement& m) {
    m.client_ref.assign(a.client_ref);
    m.assessment_uuid.assign(a.assessment_uuid);
    m.version = int(a.version);
    m.kind.assign(a.kind);
    m.sealed_at = a.sealed_at;
    m.age_years = a.age_years;
    m.wijk.assign(a.wijk);
    m.team.assign(a.team);
    m.household.assign(a.household);
    for (std::size_t d = 0; d < monitoring::kDomainCount; ++d) {
        const char level = d < a.levels.size() ? a.levels[d] : '0';
        const char agrees = d < a.agrees.size() ? a.agrees[d] : '-';
        m.levels[d].reset();
        if (level >= '1' && level <= '5') m.levels[d] = level - '0';
        m.client_agrees[d].reset();
        if (agrees == '0' || agrees == '1') m.client_agrees[d] = agrees == '1';
        m.goals[d] = d < a.goals.size() && a.goals[d] == '1';
    }
    // Mostly every domain is scored: 12 separators and no reason at all.
    const bool none = a.reasons.size() == monitoring::kDomainCount - 1;
    for (std::size_t d = 0; d < monitoring::kDomainCount; ++d)
        if (none || !scanned_reason(a.reasons, d, m.unscored_reason[d]))
            m.unscored_reason[d].clear();
    m.network_people = a.network.people;
    m.network_supportive = a.network.supportive;
    m.network_hindering = a.network.hindering;
    m.network_overloaded_carers = a.network.overloaded_carers;
}

monitoring::MeasurementSource store_source(Store& store) {
    return [&store](const monitoring::MeasurementSink& sink) {
        // One Measurement reused for every row: its strings keep their buffers, so a million
        // rows cost no allocation each.
        monitoring::Measurement m;
        return store.scan_assessments([&](const ScannedAssessment& a) {
            fill_measurement(a, m);
            return sink(m);
        });
    };
}

}  // namespace kt::receiver
