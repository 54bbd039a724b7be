// One HTTP request as the handlers see it: read whole (the body within max_body_bytes) by the
// connection layer (http_session.cpp) before a handler runs.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kt::receiver {

struct Request {
    std::string method;  // "GET", "POST", …
    std::string path;    // the target up to '?', as sent
    std::string query;   // the target after '?', as sent ("" if none)
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string remote_addr;  // the client's IP address

    /// The first header of that name (compared without case), or "".
    std::string get_header_value(std::string_view name) const;
};

}  // namespace kt::receiver
