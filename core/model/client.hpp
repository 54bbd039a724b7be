// Client: the person at the kitchen table. No BSN is ever asked or stored.
#pragma once

#include <string>

namespace kt::model {

struct Client {
    std::string id;
    std::string given_name;
    std::string tussenvoegsel;  // "van", "de", "van der", ... (may be empty)
    std::string family_name;
    std::string birth_date;  // ISO "YYYY-MM-DD", may be empty
    std::string wijk;
};

/// "IJsbrand van Dijk"
std::string full_name(const Client& c);
/// "Dijk, IJsbrand van": how a Dutch list shows and sorts a name.
std::string sort_name(const Client& c);

}  // namespace kt::model
