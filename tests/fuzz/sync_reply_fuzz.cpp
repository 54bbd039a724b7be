// T-27: what the device reads from the receiver's answers (docs/receiver-api.md). The input is
// "<HTTP status>\n<body>". The body goes through every reader a sync pass uses on an answer:
// the receipt (a parsed receipt re-serialises to the same receipt, and a receipt never verifies
// with a key that did not sign it), the error code (short lower-case or empty), the status
// mapping, the check-in answer's members and the outbox's stored profile (round trip).
#include <charconv>

#include "crypto/signing.hpp"
#include "fuzz_support.hpp"
#include "sync/pass.hpp"
#include "sync/profile.hpp"
#include "sync/wire.hpp"

namespace {

namespace ks = kt::sync;

const kt::crypto::SigningKey& receipt_key() {
    static const kt::crypto::SigningKey key = kt::crypto::new_signing_key();
    return key;
}

void check_receipt(std::string_view body) {
    auto r = ks::parse_receipt_text(body);
    if (!r) return;
    auto back = ks::parse_receipt(ks::receipt_json(r.value()));
    KT_FUZZ_CHECK(back.ok());
    KT_FUZZ_CHECK(ks::receipt_message(back.value()) == ks::receipt_message(r.value()));
    KT_FUZZ_CHECK(back->receiver_signature == r->receiver_signature);
    // A fresh key never signed this input: the device must not accept it as a receipt.
    KT_FUZZ_CHECK(!ks::verify_receipt(r.value(), receipt_key().public_hex));
    ks::Receipt signed_copy = r.value();
    ks::sign_receipt(signed_copy, receipt_key());
    KT_FUZZ_CHECK(ks::verify_receipt(signed_copy, receipt_key().public_hex));
}

void check_error(long status, std::string_view body) {
    const std::string code = ks::detail::error_code(std::string(body));
    KT_FUZZ_CHECK(code.size() <= 40);
    KT_FUZZ_CHECK(code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos);
    const ks::SyncStatus s = ks::detail::status_for_reply(status, code);
    KT_FUZZ_CHECK(ks::message_key(s) != nullptr && *ks::message_key(s) != '\0');
}

void check_checkin(std::string_view body) {
    auto v = kt::json::parse(body);
    if (!v) return;
    (void)ks::text_member(v.value(), "status");
    if (auto days = ks::int_member(v.value(), "retention_days"))
        KT_FUZZ_CHECK(*days >= -9007199254740991 && *days <= 9007199254740991);
}

void check_profile(std::string_view body) {
    auto p = ks::parse_profile_json(body);
    if (!p) return;
    auto text = ks::profile_json(p.value());
    KT_FUZZ_CHECK(text.ok());  // parse() accepted only UTF-8, so it can be stored
    auto back = ks::parse_profile_json(text.value());
    KT_FUZZ_CHECK(back.ok());
    KT_FUZZ_CHECK(back->wijk == p->wijk && back->team == p->team &&
                  back->household == p->household && back->age_years == p->age_years);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto parts = kt::fuzz::split(kt::fuzz::text_of(data, size), "\n", 2);
    long status = 0;
    std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), status);
    const std::string_view body = parts.size() > 1 ? parts[1] : parts[0];
    check_receipt(body);
    check_error(status, body);
    check_checkin(body);
    check_profile(body);
    return 0;
}
