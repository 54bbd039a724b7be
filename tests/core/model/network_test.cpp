// The network map model: the summary beside Sociaal netwerk and the stored ids.
#include "model/network.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace kt::model;

namespace {

NetworkPerson person(PersonKind kind, unsigned gives, bool hinders = false,
                     CarerLoad load = CarerLoad::none) {
    NetworkPerson p;
    p.label = "iemand";
    p.kind = kind;
    p.gives = gives;
    p.hinders = hinders;
    p.carer_load = load;
    return p;
}

constexpr unsigned bit(Give g) {
    return static_cast<unsigned>(g);
}

}  // namespace

TEST_CASE("the summary counts people, supporters, hindering contacts and loaded carers") {
    NetworkMap map;
    map.people = {
        person(PersonKind::child, bit(Give::care) | bit(Give::practical), false,
               CarerLoad::overloaded),
        person(PersonKind::partner, bit(Give::emotional) | bit(Give::care), false,
               CarerLoad::heavy),
        person(PersonKind::neighbour, bit(Give::practical)),
        person(PersonKind::friend_, bit(Give::advice)),
        person(PersonKind::other_family, 0, true),
        person(PersonKind::professional, 0),
    };
    const auto s = summarise(map);
    CHECK(s == NetworkSummary{6, 4, 1, 1, 1});
}

TEST_CASE("a hindering contact who also helps is not counted as supportive") {
    NetworkMap map;
    map.people = {person(PersonKind::other_family, bit(Give::practical), true)};
    const auto s = summarise(map);
    CHECK(s.supportive == 0);
    CHECK(s.hindering == 1);
}

TEST_CASE("a carer load counts only while the person gives care") {
    NetworkMap map;
    map.people = {person(PersonKind::child, bit(Give::practical), false, CarerLoad::overloaded)};
    CHECK(summarise(map).overloaded_carers == 0);
    map.people[0].set(Give::care, true);
    CHECK(summarise(map).overloaded_carers == 1);
    map.people[0].set(Give::care, false);
    CHECK(map.people[0].has(Give::practical));
    CHECK(map.people[0].effective_carer_load() == CarerLoad::none);
}

TEST_CASE("an empty map summarises to zeros") {
    CHECK(summarise(NetworkMap{}) == NetworkSummary{});
    CHECK(NetworkMap{}.empty());
}

TEST_CASE("every kind, gift, frequency, load and reason has a distinct stored id that reads back") {
    std::set<std::string_view> ids;
    for (PersonKind k : kPersonKinds) {
        CHECK(person_kind_from_string(to_string(k)) == k);
        ids.insert(to_string(k));
    }
    CHECK(ids.size() == 8);
    CHECK(to_string(PersonKind::friend_) == "friend");
    for (Give g : kGives)
        CHECK(give_from_string(to_string(g)) == g);
    for (Frequency f : kFrequencies)
        CHECK(frequency_from_string(to_string(f)) == f);
    for (CarerLoad l : kCarerLoads)
        CHECK(carer_load_from_string(to_string(l)) == l);
    for (AskReason r : kAskReasons)
        CHECK(ask_reason_from_string(to_string(r)) == r);
    CHECK_FALSE(person_kind_from_string("cousin").has_value());
    CHECK(frequency_from_string("hourly") == Frequency::none);
}

TEST_CASE("sets of gifts and reasons are stored as id lists and read back") {
    const unsigned gives = bit(Give::practical) | bit(Give::care);
    CHECK(gives_to_string(gives) == "practical,care");
    CHECK(gives_from_string("practical,care") == gives);
    CHECK(gives_to_string(0).empty());
    CHECK(gives_from_string("") == 0);
    CHECK(gives_from_string("care,telepathy") == bit(Give::care));
    const unsigned all = 0xF;
    CHECK(reasons_from_string(reasons_to_string(all)) == all);
    CHECK(reasons_to_string(static_cast<unsigned>(AskReason::family_far)) == "family_far");
}

TEST_CASE("locale keys follow the network.<group>.<id> pattern") {
    CHECK(kind_name_key(PersonKind::neighbour) == "network.kind.neighbour");
    CHECK(give_name_key(Give::care) == "network.give.care");
    CHECK(frequency_name_key(Frequency::weekly) == "network.frequency.weekly");
    CHECK(frequency_name_key(Frequency::none) == "network.frequency.none");
    CHECK(carer_load_name_key(CarerLoad::overloaded) == "network.carer_load.overloaded");
    CHECK(ask_reason_name_key(AskReason::no_burden) == "network.reason.no_burden");
    CHECK(ring_name_key(0) == "network.ring.close");
    CHECK(ring_name_key(2) == "network.ring.far");
}
