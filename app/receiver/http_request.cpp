#include "http_request.hpp"

#include <strings.h>

namespace kt::receiver {

std::string Request::get_header_value(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (key.size() == name.size() && ::strncasecmp(key.data(), name.data(), name.size()) == 0)
            return value;
    return "";
}

}  // namespace kt::receiver
