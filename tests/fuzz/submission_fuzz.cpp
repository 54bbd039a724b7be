// T-27: the receiver's submission path (app/receiver/submit_handler.cpp) in its order: base64,
// the sealed box opened with the municipality's box key, the payload hash, the payload, and the
// record check (hash, device seal signature, schema, content hash, every signature entry, the
// 13 domains). The input is the payload's plaintext; a fixed test box key seals it as a device
// would. It is checked twice: as it is, and with its hash and seal signature made anew with the
// fixed test device key (fixtures/device_signing.key, the key of the seed's record) so the
// record check is reached for mutated records too. The raw input is also tried as a sealed
// box: it never opens. Whatever passes the check has 13 domains in ZRM order and levels 1..5.
#include "crypto/signing.hpp"
#include "fuzz_support.hpp"
#include "model/zrm.hpp"
#include "sync/box.hpp"
#include "sync/record_check.hpp"
#include "sync/wire.hpp"

namespace {

namespace ks = kt::sync;

struct Keys {
    ks::BoxKey box;
    kt::crypto::SigningKey device;
};

const Keys& keys() {
    static const Keys k = [] {
        auto box = ks::box_key_from_hex(kt::crypto::sha256_hex("kt-fuzz-fixed-test-box-key"));
        KT_FUZZ_CHECK(box.ok());
        auto device = kt::crypto::signing_key_from_hex(
            kt::fuzz::read_bytes(KT_FUZZ_FIXTURES "/device_signing.key"));
        KT_FUZZ_CHECK(device.ok());
        return Keys{std::move(box.value()), std::move(device.value())};
    }();
    return k;
}

void check_facts(const ks::RecordFacts& f, const ks::Payload& p) {
    KT_FUZZ_CHECK(kt::crypto::sha256_hex(p.record) == p.record_sha256);
    for (std::size_t d = 0; d < f.domains.size(); ++d) {
        KT_FUZZ_CHECK(f.domains[d].domain_id == kt::zrm::kDomains[d]);
        if (f.domains[d].level) KT_FUZZ_CHECK(*f.domains[d].level >= 1 && *f.domains[d].level <= 5);
    }
}

void check_record(ks::Payload p) {
    if (auto facts = ks::check_payload(p, keys().device.public_hex)) check_facts(facts.value(), p);
    p.record_sha256 = kt::crypto::sha256_hex(p.record);
    p.seal_signature = kt::crypto::sign_hex(keys().device, p.record_sha256);
    if (auto facts = ks::check_payload(p, keys().device.public_hex)) check_facts(facts.value(), p);
}

void check_sealed(std::string_view plaintext) {
    auto box = ks::seal_box(keys().box.public_hex, plaintext);
    KT_FUZZ_CHECK(box.ok());
    std::string decoded;
    KT_FUZZ_CHECK(ks::base64_decode(ks::base64_encode(box.value()), decoded));
    auto opened = ks::open_box(keys().box, decoded);
    KT_FUZZ_CHECK(opened.ok() && opened.value() == plaintext);
    auto payload = ks::parse_payload(opened.value());
    if (!payload) {
        KT_FUZZ_CHECK(payload.error().code == kt::ErrorCode::usage);
        return;
    }
    check_record(std::move(payload.value()));
}

void check_raw_box(std::string_view text) {
    std::string bytes;
    if (ks::base64_decode(text, bytes)) KT_FUZZ_CHECK(ks::base64_encode(bytes) == text);
    KT_FUZZ_CHECK(!ks::open_box(keys().box, text).ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = kt::fuzz::text_of(data, size);
    check_sealed(text);
    check_raw_box(text);
    return 0;
}
