// The identifying side of the synthetic population: what must never reach an export (T-31).
#include <array>

#include "export/synthetic.hpp"
#include "export/synthetic_random.hpp"

namespace kt::monitoring {

namespace {

using detail::SynthRandom;

constexpr std::uint64_t kIdentityStream = 3;

constexpr std::array<const char*, 28> kGiven = {
    "Anna", "Fatima", "Mohamed", "Sanne",   "Pieter", "Henk",      "Ingrid",
    "Ayşe", "Mehmet", "Wim",     "Johanna", "Kees",   "Lotte",     "Daan",
    "Emma", "Noah",   "Priya",   "Yusuf",   "Marek",  "Agnieszka", "Ria",
    "Joke", "Gerrit", "Bram",    "Sophie",  "Lieke",  "Karim",     "Nadia"};
constexpr std::array<const char*, 28> kFamily = {
    "Jansen",   "de Vries",     "van den Berg", "Bakker",      "Visser",    "Smit",      "Meijer",
    "de Boer",  "Mulder",       "de Groot",     "Hendriks",    "Dekker",    "Brouwer",   "Dijkstra",
    "de Graaf", "van der Meer", "Jacobs",       "Yilmaz",      "El Amrani", "Kaya",      "Öztürk",
    "Bouzid",   "Nowak",        "Kowalski",     "van Leeuwen", "Postma",    "Verhoeven", "Koster"};
constexpr std::array<const char*, 8> kStreets = {"Kerkstraat",    "Dorpsstraat", "Molenweg",
                                                 "Schoolstraat",  "Stationsweg", "Julianalaan",
                                                 "Beatrixstraat", "Lindenlaan"};

std::string two_digits(int n) {
    return std::string(1, char('0' + n / 10)) + char('0' + n % 10);
}

std::string bsn(SynthRandom& r) {
    for (;;) {
        std::string digits;
        int sum = 0;
        for (int i = 0; i < 8; ++i) {
            const int d = i == 0 ? r.between(1, 9) : r.between(0, 9);
            digits += char('0' + d);
            sum += (9 - i) * d;
        }
        const int last = sum % 11;
        if (last == 10) continue;
        return digits + char('0' + last);
    }
}

std::string postcode(SynthRandom& r) {
    std::string pc = std::to_string(r.between(1000, 9999)) + " ";
    for (;;) {
        const char a = char('A' + r.between(0, 25)), b = char('A' + r.between(0, 25));
        // The letter pairs PostNL does not use.
        if (a == 'S' && (b == 'A' || b == 'D' || b == 'S')) continue;
        return pc + a + b;
    }
}

std::string lower_ascii(const std::string& s) {
    std::string out;
    for (char c : s)
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) out += char(c | 0x20);
    return out;
}

}  // namespace

bool passes_eleven_test(std::string_view s) {
    if (s.size() != 9) return false;
    int sum = 0;
    for (int i = 0; i < 9; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        sum += (i < 8 ? 9 - i : -1) * (s[i] - '0');
    }
    return sum % 11 == 0;
}

SyntheticIdentity synthetic_identity(std::uint64_t seed, std::int64_t index) {
    SynthRandom r(seed, kIdentityStream, std::uint64_t(index));
    SyntheticIdentity id;
    id.client_ref = synthetic_client_ref(seed, index);
    id.given_name = kGiven[r.between(0, int(kGiven.size()) - 1)];
    id.family_name = kFamily[r.between(0, int(kFamily.size()) - 1)];
    id.bsn = bsn(r);
    id.birth_date = two_digits(r.between(1, 28)) + "-" + two_digits(r.between(1, 12)) + "-" +
                    std::to_string(r.between(1930, 2007));
    id.postcode = postcode(r);
    id.phone = "06-" + std::to_string(r.between(10000000, 99999999));
    id.email = lower_ascii(id.given_name) + "." + lower_ascii(id.family_name) + "@example.nl";
    const std::string street = kStreets[r.between(0, int(kStreets.size()) - 1)];
    id.note = id.given_name + " " + id.family_name + " woont sinds " +
              two_digits(r.between(1, 28)) + "-" + two_digits(r.between(1, 12)) + "-" +
              std::to_string(r.between(1990, 2025)) + " aan de " + street + " " +
              std::to_string(r.between(1, 200)) + " (" + id.postcode +
              "); de buurvrouw helpt met boodschappen.";
    return id;
}

std::vector<SyntheticIdentity> synthetic_identities(std::uint64_t seed, std::int64_t n) {
    std::vector<SyntheticIdentity> out;
    out.reserve(std::size_t(std::max<std::int64_t>(n, 0)));
    for (std::int64_t i = 0; i < n; ++i)
        out.push_back(synthetic_identity(seed, i));
    return out;
}

}  // namespace kt::monitoring
