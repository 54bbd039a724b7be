// One sealed assessment as a monitoring source holds it (the receiver's structured store, or a
// worker's own vault): still identifying. core/export turns these into pseudonymised,
// generalised rows; nothing here is ever written out as it is.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "model/zrm.hpp"
#include "util/result.hpp"

namespace kt::monitoring {

inline constexpr std::size_t kDomainCount = std::size_t(zrm::kDomainCount);

struct Measurement {
    std::string client_ref;       // the vault's client uuid: only ever hashed into a pseudonym
    std::string assessment_uuid;  // never written; the newest version of a uuid wins
    int version = 1;
    std::string kind;            // intake | voortgang | afsluiting
    std::int64_t sealed_at = 0;  // exact time: written only as a quarter (or year)
    std::optional<int> age_years;
    std::string wijk, team;
    std::string household;  // alone | partner | children | other
    std::array<std::optional<int>, kDomainCount> levels{};
    std::array<std::string, kDomainCount> unscored_reason{};  // why a level is missing
    std::array<std::optional<bool>, kDomainCount> client_agrees{};
    std::array<bool, kDomainCount> goals{};
    int network_people = 0, network_supportive = 0, network_hindering = 0;
    int network_overloaded_carers = 0;
};

/// Receives measurements one by one; return false to stop early.
using MeasurementSink = std::function<bool(const Measurement&)>;
/// A source streams every measurement it holds into the sink (receiver store, PostgreSQL,
/// vault). Errors: the source's own (storage, not found).
using MeasurementSource = std::function<Status(const MeasurementSink&)>;

}  // namespace kt::monitoring
