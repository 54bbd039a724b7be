// JSON values and their RFC 8785 (JCS) canonical form: the bytes a sealed record's hash and
// signatures bind to. Parsing follows I-JSON (RFC 7493): valid UTF-8, no duplicate keys,
// numbers as IEEE-754 doubles.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "util/result.hpp"

namespace kt::json {

struct Value;
using Array = std::vector<Value>;
/// Members in insertion order; canonical() sorts them.
using Object = std::vector<std::pair<std::string, Value>>;

struct Value {
    std::variant<std::nullptr_t, bool, double, std::string, Array, Object> v;

    Value() : v(nullptr) {}
    Value(std::nullptr_t) : v(nullptr) {}
    Value(bool b) : v(b) {}
    Value(double d) : v(d) {}
    Value(int i) : v(double(i)) {}
    Value(std::int64_t i) : v(double(i)) {}
    Value(const char* s) : v(std::string(s)) {}
    Value(std::string s) : v(std::move(s)) {}
    Value(std::string_view s) : v(std::string(s)) {}
    Value(Array a) : v(std::move(a)) {}
    Value(Object o) : v(std::move(o)) {}

    bool is_null() const { return std::holds_alternative<std::nullptr_t>(v); }
    const Object* object() const { return std::get_if<Object>(&v); }
    Object* object() { return std::get_if<Object>(&v); }
    const Array* array() const { return std::get_if<Array>(&v); }
    Array* array() { return std::get_if<Array>(&v); }
    const std::string* string() const { return std::get_if<std::string>(&v); }
    const double* number() const { return std::get_if<double>(&v); }
    /// The member `key` of an object, or nullptr (also when this is not an object).
    const Value* find(std::string_view key) const;
};

/// The deepest nesting parse() accepts (arrays and objects), so hostile input cannot
/// exhaust the stack of the recursive serialiser.
inline constexpr int kMaxDepth = 128;

/// Parses one JSON text (RFC 8259) with I-JSON's limits. Errors: usage with a short
/// developer-English detail naming the byte offset (malformed JSON, invalid UTF-8, lone
/// surrogates, duplicate keys, numbers outside the double range, nesting over kMaxDepth).
Result<Value> parse(std::string_view text);

/// The RFC 8785 serialisation: no whitespace, object members sorted by the UTF-16 code units
/// of their keys, numbers in ECMAScript form, minimal string escapes. Errors: usage for a
/// NaN or infinite number, invalid UTF-8 in a string, or duplicate keys in an object.
Result<std::string> canonical(const Value& value);

/// parse() then canonical(). Errors: those of both.
Result<std::string> canonicalize(std::string_view text);

/// ECMAScript Number.prototype.toString for a finite double (RFC 8785 §3.2.2.3): shortest
/// round-trip digits, "1e+30", "0.002", "1e-7", and -0 as "0".
std::string format_number(double d);

}  // namespace kt::json
