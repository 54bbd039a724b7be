// RFC 8785 (JCS) canonical JSON: the RFC's own examples, its number table, key order by UTF-16
// code units, escapes, and I-JSON's refusals.
#include "util/canonical_json.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

namespace json = kt::json;

namespace {

std::string canon(const std::string& text) {
    auto out = json::canonicalize(text);
    INFO(text);
    REQUIRE(out.ok());
    return out.value();
}

double from_bits(std::uint64_t bits) {
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

}  // namespace

TEST_CASE("the RFC 8785 section 3.2.2 example canonicalises byte for byte") {
    const std::string input = R"({
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
})";
    CHECK(canon(input) ==
          "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
          "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST_CASE("object members sort by UTF-16 code units as in RFC 8785 section 3.2.3") {
    const std::string input = R"({
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
})";
    // The emoji (a surrogate pair, 0xD83D...) sorts before U+FB33, unlike in code point order.
    CHECK(canon(input) ==
          "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
          "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
          "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\","
          "\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

TEST_CASE("numbers follow the RFC 8785 appendix B table") {
    const std::pair<std::uint64_t, const char*> table[] = {
        {0x0000000000000000, "0"},
        {0x8000000000000000, "0"},
        {0x0000000000000001, "5e-324"},
        {0x8000000000000001, "-5e-324"},
        {0x7fefffffffffffff, "1.7976931348623157e+308"},
        {0xffefffffffffffff, "-1.7976931348623157e+308"},
        {0x4340000000000000, "9007199254740992"},
        {0xc340000000000000, "-9007199254740992"},
        {0x4430000000000000, "295147905179352830000"},
        {0x44b52d02c7e14af5, "9.999999999999997e+22"},
        {0x44b52d02c7e14af6, "1e+23"},
        {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
        {0x444b1ae4d6e2ef4e, "999999999999999700000"},
        {0x444b1ae4d6e2ef4f, "999999999999999900000"},
        {0x444b1ae4d6e2ef50, "1e+21"},
        {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
        {0x3eb0c6f7a0b5ed8d, "0.000001"},
        {0x41b3de4355555553, "333333333.3333332"},
        {0x41b3de4355555554, "333333333.33333325"},
        {0x41b3de4355555555, "333333333.3333333"},
        {0x41b3de4355555556, "333333333.3333334"},
        {0x41b3de4355555557, "333333333.33333343"},
        {0xbecbf647612f3696, "-0.0000033333333333333333"},
        {0x43143ff3c1cb0959, "1424953923781206.2"},
    };
    for (const auto& [bits, expected] : table) {
        CAPTURE(bits);
        CHECK(json::format_number(from_bits(bits)) == expected);
    }
}

TEST_CASE("number forms in JSON text take their ECMAScript shape") {
    CHECK(
        canon("[1e30, 4.50, 2e-3, 1e-7, -0, -0.0, 0.1, 100, 1e21, 1E+2, 123456789012345678901]") ==
        "[1e+30,4.5,0.002,1e-7,0,0,0.1,100,1e+21,100,123456789012345680000]");
    CHECK(canon("-1.5E-10") == "-1.5e-10");
    CHECK(canon("0.000001") == "0.000001");
    CHECK(canon("18446744073709551615") == "18446744073709552000");
}

TEST_CASE("strings keep everything but quotes backslashes and controls") {
    CHECK(canon(R"(["\u0000\b\t\n\f\r\u001f", "\u007f\u2028/", "\"\\"])") ==
          "[\"\\u0000\\b\\t\\n\\f\\r\\u001f\",\"\x7F\xE2\x80\xA8/\",\"\\\"\\\\\"]");
    CHECK(canon("\"\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 Özlem\"") ==
          "\"\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 Özlem\"");
}

TEST_CASE("nested objects sort at every level and whitespace disappears") {
    CHECK(canon(" { \"b\" : [ { \"z\" : 1 , \"a\" : 2 } ] , \"a\" : { } , \"c\" : [ ] } ") ==
          R"({"a":{},"b":[{"a":2,"z":1}],"c":[]})");
}

TEST_CASE("canonical output is a fixed point") {
    const std::string once = canon(R"({"x":[1.0,2.50,{"\u00e9":true,"e":null}],"a":"\/"})");
    CHECK(canon(once) == once);
}

TEST_CASE("malformed or non I-JSON input is refused with a usage error") {
    const char* bad[] = {
        "",
        "[1,",
        "{\"a\":1,}",
        "{\"a\":1,\"a\":2}",
        "\"\\ud800\"",
        "\"\\udc00\\ud800\"",
        "\"\xC3\x28\"",
        "\"\xED\xA0\x80\"",
        "1e400",
        "[1] [2]",
        "NaN",
        "{'a':1}",
        "// comment\n1",
    };
    for (const char* text : bad) {
        CAPTURE(text);
        auto r = json::canonicalize(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == kt::ErrorCode::usage);
    }
}

TEST_CASE("nesting deeper than the limit is refused, not a stack overflow") {
    const std::string ok = std::string(json::kMaxDepth, '[') + std::string(json::kMaxDepth, ']');
    CHECK(json::canonicalize(ok).ok());
    const std::string deep(100000, '[');
    auto r = json::canonicalize(deep);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().detail == "nesting too deep");
}

TEST_CASE("values built in code refuse NaN Infinity and invalid UTF-8") {
    CHECK_FALSE(json::canonical(json::Value(std::numeric_limits<double>::quiet_NaN())).ok());
    CHECK_FALSE(json::canonical(json::Value(std::numeric_limits<double>::infinity())).ok());
    CHECK_FALSE(json::canonical(json::Value(std::string("\xFF"))).ok());
    CHECK_FALSE(json::canonical(json::Object{{"a", 1}, {"a", 2}}).ok());
    auto r = json::canonical(json::Object{{"b", json::Array{1, "x", nullptr}}, {"a", false}});
    REQUIRE(r.ok());
    CHECK(r.value() == R"({"a":false,"b":[1,"x",null]})");
}
