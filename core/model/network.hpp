// Network map (netwerkkaart, ecomap): the people around the client, one map per assessment.
// People are named by first name or role only ("dochter"); no surnames are needed or asked.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kt::model {

/// Who a person is to the client. `friend_` because `friend` is a C++ keyword; its id is
/// "friend".
enum class PersonKind {
    partner,
    child,
    other_family,
    friend_,
    neighbour,
    volunteer,
    professional,
    other
};
inline constexpr PersonKind kPersonKinds[] = {
    PersonKind::partner,   PersonKind::child,     PersonKind::other_family, PersonKind::friend_,
    PersonKind::neighbour, PersonKind::volunteer, PersonKind::professional, PersonKind::other};

/// What a person gives; a person's `gives` is a set of these bits.
enum class Give : unsigned { practical = 1, emotional = 2, advice = 4, care = 8 };
inline constexpr Give kGives[] = {Give::practical, Give::emotional, Give::advice, Give::care};

/// How often there is contact; none = not said.
enum class Frequency { none, daily, weekly, monthly, rarely };
inline constexpr Frequency kFrequencies[] = {Frequency::daily, Frequency::weekly,
                                             Frequency::monthly, Frequency::rarely};

/// The load on an informal carer (mantelzorger); none = not said or gives no care.
enum class CarerLoad { none, light, heavy, overloaded };
inline constexpr CarerLoad kCarerLoads[] = {CarerLoad::light, CarerLoad::heavy,
                                            CarerLoad::overloaded};

/// Why the client does not ask more of the network; a map's `reasons` is a set of these bits.
enum class AskReason : unsigned {
    no_burden = 1,        // "wil niemand belasten"
    family_far = 2,       // "familie woont ver weg"
    neighbours_work = 4,  // "buren werken"
    other = 8,            // see NetworkMap::other_reason
};
inline constexpr AskReason kAskReasons[] = {AskReason::no_burden, AskReason::family_far,
                                            AskReason::neighbours_work, AskReason::other};

/// Rings of closeness: 0 is closest to the client, kRingCount - 1 farthest.
inline constexpr int kRingCount = 3;
/// The most people one map holds (the layout guarantees no overlaps up to this many).
inline constexpr int kMaxNetworkPeople = 30;
/// The longest label in UTF-8 bytes: a first name or a role, not a story.
inline constexpr std::size_t kMaxLabelBytes = 60;

struct NetworkPerson {
    std::string id;
    std::string label;  // first name or role only, e.g. "dochter"
    PersonKind kind = PersonKind::other;
    int ring = 1;
    unsigned gives = 0;  // Give bits
    Frequency frequency = Frequency::none;
    bool could_do_more = false;
    bool hinders = false;  // the contact is belemmerend
    CarerLoad carer_load = CarerLoad::none;

    bool operator==(const NetworkPerson&) const = default;
    bool has(Give g) const { return (gives & static_cast<unsigned>(g)) != 0; }
    void set(Give g, bool on);
    /// The carer load that counts: none unless the person gives care.
    CarerLoad effective_carer_load() const;
};

struct NetworkMap {
    std::string assessment_id;
    std::vector<NetworkPerson> people;  // in the order they were added
    unsigned reasons = 0;               // AskReason bits
    std::string other_reason;           // the client's words when AskReason::other is set
    std::string note;

    bool operator==(const NetworkMap&) const = default;
    bool has(AskReason r) const { return (reasons & static_cast<unsigned>(r)) != 0; }
    /// Nothing recorded yet: no people, reasons or note.
    bool empty() const;
};

/// The numbers beside Sociaal netwerk: "6 mensen, 4 steunend, 1 belemmerend, ...".
struct NetworkSummary {
    int people = 0;
    int supportive = 0;  // gives something and does not hinder
    int hindering = 0;
    int overloaded_carers = 0;  // gives care with load overloaded
    int heavy_carers = 0;       // gives care with load heavy
    bool operator==(const NetworkSummary&) const = default;
};
NetworkSummary summarise(const NetworkMap& map);

/// Stable ASCII ids for storage; from_string returns nullopt for an unknown id.
std::string_view to_string(PersonKind k);
std::string_view to_string(Give g);
std::string_view to_string(Frequency f);  // "" for none
std::string_view to_string(CarerLoad l);  // "" for none
std::string_view to_string(AskReason r);
std::optional<PersonKind> person_kind_from_string(std::string_view s);
std::optional<Give> give_from_string(std::string_view s);
Frequency frequency_from_string(std::string_view s);   // none when unknown
CarerLoad carer_load_from_string(std::string_view s);  // none when unknown
std::optional<AskReason> ask_reason_from_string(std::string_view s);

/// Bit sets as comma-separated ids ("practical,care"), in the kGives / kAskReasons order.
std::string gives_to_string(unsigned gives);
unsigned gives_from_string(std::string_view s);  // unknown ids are skipped
std::string reasons_to_string(unsigned reasons);
unsigned reasons_from_string(std::string_view s);

/// locales/ keys: network.kind.<id>, network.give.<id>, network.frequency.<id>,
/// network.carer_load.<id>, network.reason.<id>, network.ring.<close|middle|far>.
std::string kind_name_key(PersonKind k);
std::string give_name_key(Give g);
std::string frequency_name_key(Frequency f);
std::string carer_load_name_key(CarerLoad l);
std::string ask_reason_name_key(AskReason r);
std::string ring_name_key(int ring);

}  // namespace kt::model
