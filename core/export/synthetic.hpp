// A synthetic population for tests, benchmarks and demos: fictional clients with
// intake, progress and closure measurements, and, separately, the identifying side (names,
// BSN-like numbers, birth dates, postcodes, notes) that an export must never contain (T-31).
// Deterministic per seed; streaming, so a million measurements need no memory of their own.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "export/measurement.hpp"

namespace kt::monitoring {

struct SynthOptions {
    std::int64_t clients = 100;
    int wijken = 8;        // 1..24 real-sounding names, then "Wijk 25" …
    int measurements = 3;  // per client: intake, voortgang …, afsluiting last
    std::uint64_t seed = 1;
    std::int64_t start = 1767222000;  // first possible intake: 2026-01-01 00:00 CET
    int intake_span_days = 91;        // intakes spread over this many days from start
    double reopened_share = 0.02;     // assessments also given as an older version 1
};

/// Streams every measurement of the population into `sink`, client by client, oldest first;
/// a reopened assessment comes as version 1 and then version 2 with the same uuid.
/// Clients' wijken are skewed (bigger and smaller wijken), two neighbouring wijken share a
/// team ("Wijkteam A" …), ages 18-95 (a few unknown), levels mostly improve a little.
/// Errors: usage (clients < 0, wijken < 1, measurements < 1).
Status for_each_synthetic(const SynthOptions& options, const MeasurementSink& sink);

/// The wijk names for `count` wijken, in the order for_each_synthetic uses them.
std::vector<std::string> synthetic_wijken(int count);

/// The vault client uuid of client `index` (0-based) of a population with this seed.
std::string synthetic_client_ref(std::uint64_t seed, std::int64_t index);

/// Fictional identifying data for one client: what a vault's client record and notes hold.
struct SyntheticIdentity {
    std::string client_ref;  // synthetic_client_ref(seed, index)
    std::string given_name, family_name;
    std::string bsn;         // 9 digits passing the 11-proef
    std::string birth_date;  // dd-mm-yyyy
    std::string postcode;    // "1234 AB"
    std::string phone;       // "06-12345678"
    std::string email;
    std::string note;  // a sentence of free text naming the client
};

SyntheticIdentity synthetic_identity(std::uint64_t seed, std::int64_t index);
/// synthetic_identity for clients 0..n-1.
std::vector<SyntheticIdentity> synthetic_identities(std::uint64_t seed, std::int64_t n);

/// True when nine digits pass the BSN 11-proef (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11).
bool passes_eleven_test(std::string_view nine_digits);

}  // namespace kt::monitoring
