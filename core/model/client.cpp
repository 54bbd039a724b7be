#include "model/client.hpp"

namespace kt::model {

std::string full_name(const Client& c) {
    std::string out = c.given_name;
    if (!c.tussenvoegsel.empty()) out += " " + c.tussenvoegsel;
    if (!c.family_name.empty()) out += " " + c.family_name;
    return out;
}

std::string sort_name(const Client& c) {
    std::string out = c.family_name + ", " + c.given_name;
    if (!c.tussenvoegsel.empty()) out += " " + c.tussenvoegsel;
    return out;
}

}  // namespace kt::model

namespace kt::model {

namespace {
constexpr std::string_view kRelationNames[] = {"partner",      "child",     "parent", "sibling",
                                               "other_family", "housemate", "other"};
constexpr std::string_view kPurposeNames[] = {"store_on_device", "send_to_municipality",
                                              "monitoring"};
}  // namespace

std::string_view to_string(Relation r) {
    return kRelationNames[static_cast<int>(r)];
}

std::optional<Relation> relation_from_string(std::string_view s) {
    for (Relation r : kRelations)
        if (to_string(r) == s) return r;
    return std::nullopt;
}

std::string_view to_string(ConsentPurpose p) {
    return kPurposeNames[static_cast<int>(p)];
}

std::optional<ConsentPurpose> purpose_from_string(std::string_view s) {
    for (ConsentPurpose p : kConsentPurposes)
        if (to_string(p) == s) return p;
    return std::nullopt;
}

int Client::children() const {
    int n = 0;
    for (const auto& m : household)
        n += m.relation == Relation::child ? 1 : 0;
    return n;
}

const Consent* Client::consent(ConsentPurpose p) const {
    for (const auto& c : consents)
        if (c.purpose == p) return &c;
    return nullptr;
}

}  // namespace kt::model
