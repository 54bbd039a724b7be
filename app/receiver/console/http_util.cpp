#include "http_util.hpp"

#include <sodium.h>

#include <strings.h>
#include <cctype>

#include <ctime>

#include "util/clock.hpp"

namespace kt::receiver::console {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string url_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out += char(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

}  // namespace

std::map<std::string, std::string> parse_form(std::string_view text) {
    std::map<std::string, std::string> out;
    while (!text.empty()) {
        const auto amp = text.find('&');
        const auto pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        const auto name = url_decode(pair.substr(0, eq));
        const auto value =
            eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
        out.emplace(name, value);
    }
    return out;
}

std::optional<std::string> cookie(const Request& req, std::string_view name) {
    std::optional<std::string> found;
    int seen = 0;
    for (const auto& [header, value] : req.headers) {
        if (header.size() != 6 || strncasecmp(header.c_str(), "cookie", 6) != 0) continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto semi = rest.find(';');
            const auto part = trim(rest.substr(0, semi));
            rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
            const auto eq = part.find('=');
            if (eq == std::string_view::npos || trim(part.substr(0, eq)) != name) continue;
            ++seen;
            found = std::string(trim(part.substr(eq + 1)));
        }
    }
    if (seen != 1) return std::nullopt;
    return found;
}

void add_security_headers(HttpAnswer& a) {
    a.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                           "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    a.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
    a.headers.emplace_back("Referrer-Policy", "no-referrer");
    a.headers.emplace_back("X-Content-Type-Options", "nosniff");
    a.headers.emplace_back("X-Frame-Options", "DENY");
    a.headers.emplace_back("Cache-Control", "no-store");
}

HttpAnswer html(int status, std::string body) {
    HttpAnswer a;
    a.status = status;
    a.body = std::move(body);
    a.content_type = "text/html; charset=utf-8";
    add_security_headers(a);
    return a;
}

HttpAnswer redirect(const std::string& location) {
    HttpAnswer a = html(303, "");
    a.headers.emplace_back("Location", location);
    return a;
}

bool same_secret(std::string_view a, std::string_view b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string format_time(std::int64_t unix_time) {
    if (unix_time <= 0) return "";
    const std::time_t t = unix_time;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

std::optional<std::int64_t> parse_date(std::string_view text) {
    const auto day = parse_iso_date(text);
    if (!day) return std::nullopt;
    std::tm tm{};
    tm.tm_year = day->year - 1900;
    tm.tm_mon = day->month - 1;
    tm.tm_mday = day->day;
    return std::int64_t(timegm(&tm));
}

std::string percent_encode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace kt::receiver::console
