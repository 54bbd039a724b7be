// Client: the person at the kitchen table. No BSN is ever asked or stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kt::model {

/// Who lives with the client. No names: relation and age are what the work needs
/// (children count: the Jeugdwet is part of it).
enum class Relation { partner, child, parent, sibling, other_family, housemate, other };
inline constexpr Relation kRelations[] = {
    Relation::partner,      Relation::child,     Relation::parent, Relation::sibling,
    Relation::other_family, Relation::housemate, Relation::other};
std::string_view to_string(Relation r);
std::optional<Relation> relation_from_string(std::string_view s);

struct HouseholdMember {
    Relation relation = Relation::other;
    int age = 0;
    bool operator==(const HouseholdMember&) const = default;
};

/// What the client agreed to, per purpose.
enum class ConsentPurpose { store_on_device, send_to_municipality, monitoring };
inline constexpr ConsentPurpose kConsentPurposes[] = {ConsentPurpose::store_on_device,
                                                      ConsentPurpose::send_to_municipality,
                                                      ConsentPurpose::monitoring};
enum class ConsentGiver { client, representative };
std::string_view to_string(ConsentPurpose p);
std::optional<ConsentPurpose> purpose_from_string(std::string_view s);

struct Consent {
    ConsentPurpose purpose = ConsentPurpose::store_on_device;
    bool given = false;
    std::int64_t recorded_at = 0;
    ConsentGiver given_by = ConsentGiver::client;
    bool operator==(const Consent&) const = default;
};

struct Client {
    std::string id;
    std::string given_name;
    std::string tussenvoegsel;  // "van", "de", "van der", ... (may be empty)
    std::string family_name;
    std::string birth_date;  // ISO "YYYY-MM-DD", may be empty
    std::string wijk;
    std::string team;
    std::vector<HouseholdMember> household;
    std::vector<Consent> consents;  // at most one per purpose

    int children() const;
    /// The consent for a purpose, if one was recorded.
    const Consent* consent(ConsentPurpose p) const;
};

/// "IJsbrand van Dijk"
std::string full_name(const Client& c);
/// "Dijk, IJsbrand van": how a Dutch list shows and sorts a name.
std::string sort_name(const Client& c);

}  // namespace kt::model
