#include "model/network.hpp"

namespace kt::model {

namespace {

constexpr std::string_view kKindNames[] = {"partner",   "child",     "other_family", "friend",
                                           "neighbour", "volunteer", "professional", "other"};
constexpr std::string_view kFrequencyNames[] = {"", "daily", "weekly", "monthly", "rarely"};
constexpr std::string_view kLoadNames[] = {"", "light", "heavy", "overloaded"};
constexpr std::string_view kRingNames[] = {"close", "middle", "far"};

template <typename E, std::size_t N>
std::string bits_to_string(unsigned bits, const E (&all)[N]) {
    std::string out;
    for (E e : all) {
        if ((bits & static_cast<unsigned>(e)) == 0) continue;
        if (!out.empty()) out += ',';
        out += to_string(e);
    }
    return out;
}

template <typename E, std::size_t N>
unsigned bits_from_string(std::string_view s, const E (&all)[N]) {
    unsigned bits = 0;
    while (!s.empty()) {
        const auto comma = s.find(',');
        const std::string_view id = s.substr(0, comma);
        for (E e : all)
            if (to_string(e) == id) bits |= static_cast<unsigned>(e);
        s = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 1);
    }
    return bits;
}

}  // namespace

void NetworkPerson::set(Give g, bool on) {
    if (on)
        gives |= static_cast<unsigned>(g);
    else
        gives &= ~static_cast<unsigned>(g);
}

CarerLoad NetworkPerson::effective_carer_load() const {
    return has(Give::care) ? carer_load : CarerLoad::none;
}

bool NetworkMap::empty() const {
    return people.empty() && reasons == 0 && other_reason.empty() && note.empty();
}

NetworkSummary summarise(const NetworkMap& map) {
    NetworkSummary s;
    for (const auto& p : map.people) {
        ++s.people;
        if (p.hinders) ++s.hindering;
        if (p.gives != 0 && !p.hinders) ++s.supportive;
        if (p.effective_carer_load() == CarerLoad::overloaded) ++s.overloaded_carers;
        if (p.effective_carer_load() == CarerLoad::heavy) ++s.heavy_carers;
    }
    return s;
}

std::string_view to_string(PersonKind k) {
    return kKindNames[static_cast<int>(k)];
}

std::string_view to_string(Give g) {
    switch (g) {
        case Give::practical:
            return "practical";
        case Give::emotional:
            return "emotional";
        case Give::advice:
            return "advice";
        case Give::care:
            return "care";
    }
    return "";
}

std::string_view to_string(Frequency f) {
    return kFrequencyNames[static_cast<int>(f)];
}

std::string_view to_string(CarerLoad l) {
    return kLoadNames[static_cast<int>(l)];
}

std::string_view to_string(AskReason r) {
    switch (r) {
        case AskReason::no_burden:
            return "no_burden";
        case AskReason::family_far:
            return "family_far";
        case AskReason::neighbours_work:
            return "neighbours_work";
        case AskReason::other:
            return "other";
    }
    return "";
}

std::optional<PersonKind> person_kind_from_string(std::string_view s) {
    for (PersonKind k : kPersonKinds)
        if (to_string(k) == s) return k;
    return std::nullopt;
}

std::optional<Give> give_from_string(std::string_view s) {
    for (Give g : kGives)
        if (to_string(g) == s) return g;
    return std::nullopt;
}

Frequency frequency_from_string(std::string_view s) {
    for (Frequency f : kFrequencies)
        if (to_string(f) == s) return f;
    return Frequency::none;
}

CarerLoad carer_load_from_string(std::string_view s) {
    for (CarerLoad l : kCarerLoads)
        if (to_string(l) == s) return l;
    return CarerLoad::none;
}

std::optional<AskReason> ask_reason_from_string(std::string_view s) {
    for (AskReason r : kAskReasons)
        if (to_string(r) == s) return r;
    return std::nullopt;
}

std::string gives_to_string(unsigned gives) {
    return bits_to_string(gives, kGives);
}
unsigned gives_from_string(std::string_view s) {
    return bits_from_string(s, kGives);
}
std::string reasons_to_string(unsigned reasons) {
    return bits_to_string(reasons, kAskReasons);
}
unsigned reasons_from_string(std::string_view s) {
    return bits_from_string(s, kAskReasons);
}

std::string kind_name_key(PersonKind k) {
    return "network.kind." + std::string(to_string(k));
}
std::string give_name_key(Give g) {
    return "network.give." + std::string(to_string(g));
}
std::string frequency_name_key(Frequency f) {
    return "network.frequency." + std::string(f == Frequency::none ? "none" : to_string(f));
}
std::string carer_load_name_key(CarerLoad l) {
    return "network.carer_load." + std::string(l == CarerLoad::none ? "none" : to_string(l));
}
std::string ask_reason_name_key(AskReason r) {
    return "network.reason." + std::string(to_string(r));
}
std::string ring_name_key(int ring) {
    const int i = ring < 0 ? 0 : (ring >= kRingCount ? kRingCount - 1 : ring);
    return "network.ring." + std::string(kRingNames[i]);
}

}  // namespace kt::model
