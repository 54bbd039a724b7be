#include "util/canonical_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace kt::json {

namespace {

// Builds our Value tree from nlohmann's SAX events: Debian's parser does the lexing (UTF-8,
// escapes, surrogate pairs, number syntax); we add I-JSON's rules and a depth limit.
class Builder {
  public:
    using json = nlohmann::json;

    bool null() { return put(Value(nullptr)); }
    bool boolean(bool b) { return put(Value(b)); }
    bool number_integer(json::number_integer_t n) { return put(Value(double(n))); }
    bool number_unsigned(json::number_unsigned_t n) { return put(Value(double(n))); }
    bool number_float(json::number_float_t d, const std::string&) {
        if (!std::isfinite(d)) return fail("number outside the double range");
        return put(Value(d));
    }
    bool string(std::string& s) { return put(Value(std::move(s))); }
    bool binary(json::binary_t&) { return fail("binary values are not JSON"); }
    bool start_object(std::size_t) { return open(Value(Object{})); }
    bool key(std::string& k) {
        const Object& o = *m_stack.back().object();
        for (const auto& [name, _] : o)
            if (name == k) return fail("duplicate key");
        m_key = std::move(k);
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(Value(Array{})); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception&) {
        m_error = "malformed JSON at byte " + std::to_string(pos);
        return false;
    }

    Value m_root;
    std::string m_error;

  private:
    bool fail(const char* what) {
        m_error = what;
        return false;
    }
    // Appends to the innermost open container, or sets the root.
    bool put(Value v) {
        if (m_stack.empty()) {
            m_root = std::move(v);
        } else if (auto* o = m_stack.back().object()) {
            o->emplace_back(std::move(m_key), std::move(v));
        } else {
            m_stack.back().array()->push_back(std::move(v));
        }
        return true;
    }
    bool open(Value container) {
        if (int(m_stack.size()) >= kMaxDepth) return fail("nesting too deep");
        if (!m_stack.empty() && m_stack.back().object()) m_keys.push_back(std::move(m_key));
        m_stack.push_back(std::move(container));
        return true;
    }
    bool close() {
        Value done = std::move(m_stack.back());
        m_stack.pop_back();
        if (!m_stack.empty() && m_stack.back().object()) {
            m_key = std::move(m_keys.back());
            m_keys.pop_back();
        }
        return put(std::move(done));
    }

    std::vector<Value> m_stack;
    std::vector<std::string> m_keys;  // keys of the open objects' pending members
    std::string m_key;
};

// The code point of the UTF-8 sequence at s[i] and its length in bytes; 0 for invalid UTF-8
// (overlong forms, surrogates, > U+10FFFF, a cut-off sequence).
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80         ? 1
                          : (b >> 5) == 6  ? 2
                          : (b >> 4) == 14 ? 3
                          : (b >> 3) == 30 ? 4
                                           : 0;
    if (n == 0 || i + n > s.size()) return 0;
    cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c >> 6) != 2) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

bool is_ascii(std::string_view s) {
    for (const char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

bool valid_utf8(std::string_view s) {
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = decode_utf8(s, i, cp);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

// UTF-8 to UTF-16 code units; false for invalid UTF-8.
bool to_utf16(std::string_view s, std::u16string& out) {
    out.clear();
    out.reserve(s.size());
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = decode_utf8(s, i, cp);
        if (n == 0) return false;
        if (cp >= 0x10000) {
            out.push_back(char16_t(0xD800 + ((cp - 0x10000) >> 10)));
            out.push_back(char16_t(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        } else {
            out.push_back(char16_t(cp));
        }
        i += n;
    }
    return true;
}

// The escaped form of a byte RFC 8785 escapes, or an empty view for a byte written as is.
std::string_view escape_of(char c, char (&buf)[8]) {
    switch (c) {
        case '"':
            return "\\\"";
        case '\\':
            return "\\\\";
        case '\b':
            return "\\b";
        case '\t':
            return "\\t";
        case '\n':
            return "\\n";
        case '\f':
            return "\\f";
        case '\r':
            return "\\r";
        default:
            if (static_cast<unsigned char>(c) >= 0x20) return {};
            std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
            return buf;
    }
}

// RFC 8785 §3.2.2.2: only '"', '\\' and the C0 controls are escaped; \b \t \n \f \r in their
// short forms, the rest as \u00xx in lower-case hex. Everything else is written as is, in runs.
Status write_string(std::string_view s, std::string& out) {
    if (!valid_utf8(s)) return make_error(ErrorCode::usage, "string is not valid UTF-8");
    out += '"';
    std::size_t run = 0;
    char buf[8];
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view escaped = escape_of(s[i], buf);
        if (escaped.empty()) continue;
        out.append(s.data() + run, i - run);
        out.append(escaped);
        run = i + 1;
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
    return {};
}

Status write(const Value& value, std::string& out);

using Member = std::pair<std::string, Value>;

// The members in UTF-16 code unit order (§3.2.3), which differs from byte order only for
// keys outside ASCII. Errors: a key that is not UTF-8, a duplicate key.
Result<std::vector<const Member*>> sorted_members(const Object& object) {
    std::vector<const Member*> members;
    members.reserve(object.size());
    bool ascii = true;
    for (const auto& member : object) {
        members.push_back(&member);
        ascii = ascii && is_ascii(member.first);
    }
    if (ascii) {
        std::sort(members.begin(), members.end(),
                  [](const Member* a, const Member* b) { return a->first < b->first; });
    } else {
        std::vector<std::pair<std::u16string, const Member*>> keyed;
        keyed.reserve(members.size());
        for (const Member* m : members) {
            std::u16string key;
            if (!to_utf16(m->first, key))
                return make_error(ErrorCode::usage, "key is not valid UTF-8");
            keyed.emplace_back(std::move(key), m);
        }
        std::sort(keyed.begin(), keyed.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t i = 0; i < keyed.size(); ++i)
            members[i] = keyed[i].second;
    }
    for (std::size_t i = 1; i < members.size(); ++i)
        if (members[i]->first == members[i - 1]->first)
            return make_error(ErrorCode::usage, "duplicate key");
    return members;
}

Status write_object(const Object& object, std::string& out) {
    auto members = sorted_members(object);
    if (!members) return members.error();
    out += '{';
    for (std::size_t i = 0; i < members->size(); ++i) {
        if (i > 0) out += ',';
        if (auto s = write_string((*members)[i]->first, out); !s) return s;
        out += ':';
        if (auto s = write((*members)[i]->second, out); !s) return s;
    }
    out += '}';
    return {};
}

Status write(const Value& value, std::string& out) {
    if (value.is_null()) {
        out += "null";
    } else if (const bool* b = std::get_if<bool>(&value.v)) {
        out += *b ? "true" : "false";
    } else if (const double* d = value.number()) {
        if (!std::isfinite(*d)) return make_error(ErrorCode::usage, "NaN or Infinity");
        out += format_number(*d);
    } else if (const std::string* s = value.string()) {
        return write_string(*s, out);
    } else if (const Array* a = value.array()) {
        out += '[';
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (i > 0) out += ',';
            if (auto item = write((*a)[i], out); !item) return item;
        }
        out += ']';
    } else {
        return write_object(*value.object(), out);
    }
    return {};
}

}  // namespace

const Value* Value::find(std::string_view key) const {
    if (const Object* o = object())
        for (const auto& [name, value] : *o)
            if (name == key) return &value;
    return nullptr;
}

std::string format_number(double d) {
    if (d == 0) return "0";  // also -0 (§3.2.2.3)
    // Shortest digits that round-trip, closest to the value: what ECMAScript asks for.
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    const std::string sci(buf, r.ptr);  // "-d.ddde+XX"
    const bool negative = sci[0] == '-';
    const auto e = sci.find('e');
    std::string digits;
    for (std::size_t i = negative ? 1 : 0; i < e; ++i)
        if (sci[i] != '.') digits += sci[i];
    const int k = int(digits.size());
    const int n = std::stoi(sci.substr(e + 1)) + 1;  // value = 0.digits × 10^n
    std::string out = negative ? "-" : "";
    if (k <= n && n <= 21) {
        out += digits + std::string(std::size_t(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, std::size_t(n)) + "." + digits.substr(std::size_t(n));
    } else if (-6 < n && n <= 0) {
        out += "0." + std::string(std::size_t(-n), '0') + digits;
    } else {
        out += digits.substr(0, 1);
        if (k > 1) out += "." + digits.substr(1);
        out += (n - 1 < 0 ? "e-" : "e+") + std::to_string(std::abs(n - 1));
    }
    return out;
}

Result<Value> parse(std::string_view text) {
    Builder b;
    const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &b,
                                              nlohmann::json::input_format_t::json, true, false);
    if (!ok) return make_error(ErrorCode::usage, b.m_error.empty() ? "malformed JSON" : b.m_error);
    return std::move(b.m_root);
}

Result<std::string> canonical(const Value& value) {
    std::string out;
    if (auto s = write(value, out); !s) return s.error();
    return out;
}

Result<std::string> canonicalize(std::string_view text) {
    auto v = parse(text);
    if (!v) return v.error();
    return canonical(v.value());
}

}  // namespace kt::json
