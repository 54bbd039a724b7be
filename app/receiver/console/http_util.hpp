// The console's HTTP helpers: form and query decoding, cookies, and HTML answers that always
// carry the security headers (CSP without inline script or style, no framing, HSTS, no
// referrer, nosniff, no caching).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http_request.hpp"
#include "http_server.hpp"

namespace kt::receiver::console {

/// application/x-www-form-urlencoded pairs ('+' is a space, %XX decoded); a repeated name
/// keeps its first value; malformed escapes decode as they stand.
std::map<std::string, std::string> parse_form(std::string_view text);

/// The value of cookie `name` in the Cookie header, if present exactly once.
std::optional<std::string> cookie(const Request& req, std::string_view name);

/// The security headers every console answer carries.
void add_security_headers(HttpAnswer& a);
/// An HTML page with the security headers.
HttpAnswer html(int status, std::string body);
/// 303 See Other to a path of the console, with the security headers.
HttpAnswer redirect(const std::string& location);

/// Constant-time comparison of two strings.
bool same_secret(std::string_view a, std::string_view b);

/// "2026-12-05 09:14" (UTC) of a Unix time; "" for 0.
std::string format_time(std::int64_t unix_time);
/// A date "YYYY-MM-DD" as the Unix time of its start (UTC); nullopt when malformed or when the
/// day does not exist.
std::optional<std::int64_t> parse_date(std::string_view text);
/// RFC 3986 percent-encoding of everything but the unreserved characters (for URIs in QR codes).
std::string percent_encode(std::string_view text);

}  // namespace kt::receiver::console
