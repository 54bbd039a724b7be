// T-27: the canonical-JSON parser (RFC 8785 over I-JSON). Any bytes: parse() either refuses
// with an error or gives a value whose canonical form parses again to the same canonical form
// (idempotent), and canonical() never refuses what parse() accepted. Eight bytes as a double:
// format_number gives text that reads back as the same number.
#include <cmath>
#include <cstring>

#include "fuzz_support.hpp"
#include "util/canonical_json.hpp"

namespace {

void check_round_trip(std::string_view text) {
    auto parsed = kt::json::parse(text);
    if (!parsed) {
        KT_FUZZ_CHECK(parsed.error().code == kt::ErrorCode::usage);
        return;
    }
    auto canon = kt::json::canonical(parsed.value());
    KT_FUZZ_CHECK(canon.ok());
    auto again = kt::json::canonicalize(canon.value());
    KT_FUZZ_CHECK(again.ok());
    KT_FUZZ_CHECK(again.value() == canon.value());
}

void check_number(const std::uint8_t* data, std::size_t size) {
    if (size < sizeof(double)) return;
    double d = 0;
    std::memcpy(&d, data, sizeof d);
    if (!std::isfinite(d)) return;
    const std::string text = kt::json::format_number(d);
    auto back = kt::json::parse(text);
    KT_FUZZ_CHECK(back.ok());
    const double* n = back->number();
    KT_FUZZ_CHECK(n != nullptr && *n == d);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    check_round_trip(kt::fuzz::text_of(data, size));
    check_number(data, size);
    return 0;
}
