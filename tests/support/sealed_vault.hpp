// Vaults full of sealed, co-signed assessments for the sync tests (T-24, T-36, benchmarks):
// every personal field carries a marker, so a test can look for it on the wire or on disk.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace kt::test {

struct SealedAssessment {
    std::string client_id, assessment_id;
    std::string marker;  // "MRK<n>Ö": in the name, note, hulpvraag, own words, network label
};

/// Adds `count` clients, each with one finished, reviewed, co-signed and sealed intake, the
/// first at `start` and one second apart. Fails the current test on any error.
std::vector<SealedAssessment> add_sealed_assessments(store::Database& db, int count,
                                                     std::int64_t start);

}  // namespace kt::test
