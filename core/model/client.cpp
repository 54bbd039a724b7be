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
