// T-27: enrollment. The input is both the code as a worker types it and the receiver's answer to
// POST /v1/enroll. A typed code normalises to 16 Crockford characters or is refused, and its
// canonical form is a fixed point. The answer is trusted only with the proof made with the
// code's key over the pin and certificate this device saw (a fixed test certificate): anything
// the harness did not prove with that key must be refused, and an accepted answer carries
// exactly the pin seen and well-formed keys.
#include "fuzz_support.hpp"
#include "sync/enroll.hpp"
#include "sync/enrollment.hpp"
#include "sync/transport.hpp"

namespace {

namespace ks = kt::sync;

constexpr std::string_view kUrl = "https://127.0.0.1:8443";
constexpr std::string_view kCode = "7KQM-2D9X-HT4B-W1ZC";

struct Seen {
    std::string cert, pin, k_hex;
};

const Seen& seen() {
    static const Seen s = [] {
        Seen out;
        out.cert = kt::fuzz::read_bytes(KT_FUZZ_FIXTURES "/receiver_cert.pem");
        auto pin = ks::spki_pin(out.cert);
        KT_FUZZ_CHECK(pin.ok());
        out.pin = pin.value();
        auto code = ks::normalise_code(kCode);
        KT_FUZZ_CHECK(code.ok());
        out.k_hex = ks::code_key_hex(code.value());
        return out;
    }();
    return s;
}

bool hex64(const std::string& s) {
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

void check_code(std::string_view typed) {
    auto code = ks::normalise_code(typed);
    if (!code) return;
    KT_FUZZ_CHECK(code->size() == 16);
    KT_FUZZ_CHECK(code->find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ") == std::string::npos);
    auto again = ks::normalise_code(code.value());
    KT_FUZZ_CHECK(again.ok() && again.value() == code.value());
}

void check_answer(const std::string& body) {
    const Seen& s = seen();
    auto c = ks::check_enroll_answer(body, kUrl, s.k_hex, s.pin, s.cert);
    if (!c) return;
    KT_FUZZ_CHECK(c->url == kUrl && c->tls_pin == s.pin && c->ca_pem == s.cert);
    KT_FUZZ_CHECK(!c->device_id.empty() && hex64(c->box_public_key) &&
                  hex64(c->receipt_public_key));
    KT_FUZZ_CHECK(c->retention_days > 0 && c->retention_days < 100000);
    // The same answer with another code's key never holds.
    auto other =
        ks::check_enroll_answer(body, kUrl, ks::code_key_hex("0000000000000000"), s.pin, s.cert);
    KT_FUZZ_CHECK(!other.ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = kt::fuzz::text_of(data, size);
    check_code(text.substr(0, 64));
    check_answer(std::string(text));
    return 0;
}
