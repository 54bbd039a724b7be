// The synthetic population's measurements: realistic enough for charts and for k-anonymity
// to have work to do, fast enough for a million rows.
#include "export/synthetic.hpp"

#include <algorithm>
#include <array>

#include "export/synthetic_random.hpp"

namespace kt::monitoring {

namespace {

using detail::SynthRandom;

constexpr std::array<const char*, 24> kWijken = {
    "Centrum",   "Noord",      "Oost",      "Zuid",         "West",     "Kanaleneiland",
    "Overvecht", "Lombok",     "Zuilen",    "Hoograven",    "Lunetten", "Tuindorp",
    "Ondiep",    "Transwijk",  "Oog in Al", "Wittevrouwen", "Vleuten",  "De Meern",
    "Spangen",   "Feijenoord", "Charlois",  "Schiebroek",   "Bijlmer",  "Osdorp"};
constexpr std::int64_t kDay = 86400;
enum Stream : std::uint64_t { client_stream = 1, measure_stream = 2 };

// Intake level tendencies per domain (matrix order): most 2-4; justitie and middelengebruik
// mostly without problems.
constexpr std::array<int, kDomainCount> kTypical = {2, 2, 3, 3, 3, 3, 3, 4, 4, 3, 3, 3, 5};

struct Client {
    std::string ref;
    int wijk = 0, age = 0;
    std::int64_t first_seal = 0;
    const char* household = "alone";
    std::array<int, kDomainCount> levels{};
};

int skewed_wijk(SynthRandom& r, int wijken) {
    // Weight 1 / (1 + i/3): the first wijken are the big ones.
    double total = 0;
    for (int i = 0; i < wijken; ++i)
        total += 1.0 / (1.0 + i / 3.0);
    double x = double(r.next() >> 11) * 0x1.0p-53 * total;
    for (int i = 0; i < wijken; ++i) {
        x -= 1.0 / (1.0 + i / 3.0);
        if (x < 0) return i;
    }
    return wijken - 1;
}

int skewed_age(SynthRandom& r) {
    if (r.chance(0.55)) return (r.between(18, 64) + r.between(18, 64)) / 2;  // peak ~41
    return std::min(95, (r.between(65, 95) + r.between(65, 92)) / 2);        // peak ~79
}

const char* household_for(SynthRandom& r, int age) {
    const int x = r.between(0, 99);
    if (age >= 65) return x < 55 ? "alone" : x < 90 ? "partner" : x < 95 ? "children" : "other";
    return x < 40 ? "alone" : x < 55 ? "partner" : x < 90 ? "children" : "other";
}

Client make_client(const SynthOptions& o, std::int64_t i) {
    SynthRandom r(o.seed, client_stream, std::uint64_t(i));
    Client c;
    c.ref = synthetic_client_ref(o.seed, i);
    c.wijk = skewed_wijk(r, o.wijken);
    c.age = skewed_age(r);
    c.household = household_for(r, c.age);
    c.first_seal = o.start + r.between(0, std::max(0, o.intake_span_days - 1)) * kDay +
                   r.between(7 * 3600, 16 * 3600);
    for (std::size_t d = 0; d < kDomainCount; ++d)
        c.levels[d] = std::clamp(kTypical[d] + r.between(-2, 1) + (r.chance(0.3) ? 1 : 0), 1, 5);
    return c;
}

void step_levels(SynthRandom& r, Client& c) {
    for (int& level : c.levels) {
        const int x = r.between(0, 99);
        level = std::clamp(level + (x < 12 ? -1 : x < 62 ? 0 : x < 94 ? 1 : 2), 1, 5);
    }
}

void fill_domains(SynthRandom& r, const Client& c, Measurement& m) {
    static constexpr const char* kReasons[] = {"not_discussed", "not_discussed", "unknown",
                                               "not_applicable"};
    for (std::size_t d = 0; d < kDomainCount; ++d) {
        const bool scored = !r.chance(0.05);
        m.levels[d] = scored ? std::optional<int>(c.levels[d]) : std::nullopt;
        m.unscored_reason[d] = scored ? "" : kReasons[r.between(0, 3)];
        const int agree = r.between(0, 99);
        m.client_agrees[d] =
            !scored || agree >= 92 ? std::nullopt : std::optional<bool>(agree < 82);
        const double goal = c.levels[d] <= 2 ? 0.7 : c.levels[d] == 3 ? 0.25 : 0.03;
        m.goals[d] = scored && r.chance(goal);
    }
}

void fill_network(SynthRandom& r, Measurement& m) {
    m.network_people = std::max(0, r.between(0, 6) + r.between(0, 6) - 1);
    m.network_supportive = m.network_people == 0 ? 0 : r.between(0, m.network_people);
    m.network_hindering = std::min(m.network_people - m.network_supportive, r.between(0, 2));
    m.network_overloaded_carers = std::min(m.network_supportive, r.chance(0.2) ? 1 : 0);
}

const char* kind_for(int step, int measurements) {
    if (step == 0) return "intake";
    return step == measurements - 1 ? "afsluiting" : "voortgang";
}

std::string team_for(int wijk) {
    if (wijk / 2 < 26) return std::string("Wijkteam ") + char('A' + wijk / 2);
    return "Wijkteam " + std::to_string(wijk / 2 + 1);
}

// One client's measurements; false when the sink stopped.
bool emit_client(const SynthOptions& o, std::int64_t i, const std::vector<std::string>& wijken,
                 Measurement& m, const MeasurementSink& sink) {
    Client c = make_client(o, i);
    SynthRandom r(o.seed, measure_stream, std::uint64_t(i));
    m.client_ref = c.ref;
    m.wijk = wijken[c.wijk];
    m.team = team_for(c.wijk);
    m.household = c.household;
    std::int64_t sealed = c.first_seal;
    for (int step = 0; step < o.measurements; ++step) {
        if (step > 0) step_levels(r, c);
        m.assessment_uuid = r.uuid();
        m.kind = kind_for(step, o.measurements);
        m.sealed_at = sealed;
        m.age_years = r.chance(0.02)
                          ? std::nullopt
                          : std::optional<int>(c.age + int((sealed - c.first_seal) / (365 * kDay)));
        fill_network(r, m);
        m.version = 1;
        if (r.chance(o.reopened_share)) {  // sealed, reopened and sealed again as version 2
            fill_domains(r, c, m);
            if (!sink(m)) return false;
            m.sealed_at += r.between(1, 14) * kDay;
            m.version = 2;
        }
        fill_domains(r, c, m);
        if (!sink(m)) return false;
        sealed += r.between(91, 183) * kDay;
    }
    return true;
}

}  // namespace

std::vector<std::string> synthetic_wijken(int count) {
    std::vector<std::string> out;
    out.reserve(std::size_t(std::max(count, 0)));
    for (int i = 0; i < count; ++i)
        out.push_back(i < int(kWijken.size()) ? kWijken[i] : "Wijk " + std::to_string(i + 1));
    return out;
}

std::string synthetic_client_ref(std::uint64_t seed, std::int64_t index) {
    return SynthRandom(seed, 0, std::uint64_t(index)).uuid();
}

Status for_each_synthetic(const SynthOptions& o, const MeasurementSink& sink) {
    if (o.clients < 0 || o.wijken < 1 || o.measurements < 1 || o.intake_span_days < 1)
        return make_error(ErrorCode::usage, "clients, wijken, measurements or span out of range");
    const std::vector<std::string> wijken = synthetic_wijken(o.wijken);
    Measurement m;
    for (std::int64_t i = 0; i < o.clients; ++i)
        if (!emit_client(o, i, wijken, m, sink)) break;
    return {};
}

}  // namespace kt::monitoring
