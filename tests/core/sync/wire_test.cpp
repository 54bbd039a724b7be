// The sync wire format (docs/receiver-api.md): sealed boxes, enrollment proofs, idempotency
// keys, receipts, and the receiver's check of a real sealed record from a vault.
#include "sync/wire.hpp"

#include <sodium.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "../store/review_fixture.hpp"
#include "sync/box.hpp"
#include "sync/enrollment.hpp"
#include "sync/record_check.hpp"

namespace ks = kt::sync;
namespace store = kt::store;

namespace {

// The payload a device sends for the fixture's sealed assessment.
ks::Payload sealed_payload(kt::test::ReviewFixture& f) {
    f.review_and_sign();
    store::SealContext c{"0.1.0", std::string(64, 'a')};
    auto info = store::seal_assessment(f.vault.db(), f.id, c, 3000);
    REQUIRE(info.ok());
    auto record = store::sealed_record(f.vault.db(), f.id, 1);
    REQUIRE(record.ok());
    return {record.value(),
            info->content_hash,
            info->device_signature,
            {47, "Centrum", "Oost", "alone"}};
}

std::string device_key(kt::test::ReviewFixture& f) {
    auto key = store::device_public_key(f.vault.db());
    REQUIRE(key.ok());
    return key.value();
}

}  // namespace

TEST_CASE("Only the municipality's box key opens a sealed payload", "[security]") {
    const auto municipality = ks::new_box_key();
    const auto other = ks::new_box_key();
    auto box = ks::seal_box(municipality.public_hex, "marker Öztürk");
    REQUIRE(box.ok());
    CHECK(box->find("Öztürk") == std::string::npos);
    auto opened = ks::open_box(municipality, box.value());
    REQUIRE(opened.ok());
    CHECK(opened.value() == "marker Öztürk");
    CHECK_FALSE(ks::open_box(other, box.value()).ok());
    std::string altered = box.value();
    altered[altered.size() / 2] ^= 1;
    CHECK_FALSE(ks::open_box(municipality, altered).ok());
    auto again = ks::box_key_from_hex(ks::box_secret_hex(municipality).text());
    REQUIRE(again.ok());
    CHECK(again->public_hex == municipality.public_hex);
}

TEST_CASE("Base64 round-trips and refuses sloppy text") {
    std::string out;
    const std::string bytes("\x00\xff\x10 keuken", 10);
    REQUIRE(ks::base64_decode(ks::base64_encode(bytes), out));
    CHECK(out == bytes);
    CHECK_FALSE(ks::base64_decode("abc", out));
    CHECK_FALSE(ks::base64_decode("YWJj\n", out));
    CHECK_FALSE(ks::base64_decode("Y*Jj", out));
    // Found by the submission fuzzer: libsodium alone takes bytes from 0x80 up as letters.
    CHECK_FALSE(ks::base64_decode("\xff\xff\xff\xff", out));
    CHECK_FALSE(ks::base64_decode("YW\x80j", out));
}

// The receiver's own decoder (not constant time: the box is public) must take exactly the
// texts libsodium's strict decoder takes, with the same bytes: a device's submission is
// accepted or refused as before. Random short texts over letters, padding and a few strays.
TEST_CASE("The sealed box's base64 is read exactly as libsodium reads it", "[sync]") {
    constexpr std::string_view pool = "AQgwB/+z9==== -\n*";
    std::uint32_t state = 12345;
    const auto next = [&state] { return state = state * 1664525u + 1013904223u; };
    int accepted = 0;
    for (int round = 0; round < 50000; ++round) {
        std::string text(next() % 13, 'A');
        for (char& c : text)
            c = pool[(next() >> 8) % pool.size()];
        std::string ours, theirs(text.size() + 3, '\0');
        std::size_t len = 0;
        const char* end = nullptr;
        const bool sodium_ok = sodium_base642bin(reinterpret_cast<unsigned char*>(theirs.data()),
                                                 theirs.size(), text.data(), text.size(), nullptr,
                                                 &len, &end, sodium_base64_VARIANT_ORIGINAL) == 0 &&
                               end == text.data() + text.size();
        theirs.resize(sodium_ok ? len : 0);
        INFO("text \"" << text << "\"");
        REQUIRE(ks::base64_decode(text, ours) == sodium_ok);
        if (sodium_ok) CHECK(ours == theirs);
        accepted += sodium_ok ? 1 : 0;
    }
    CHECK(accepted > 500);  // the pool makes valid texts too, not only refusals
}

TEST_CASE("An enrollment code is read the way a person types it", "[security]") {
    const std::string code = ks::new_enrollment_code();
    CHECK(code.size() == 19);
    auto canonical = ks::normalise_code(code);
    REQUIRE(canonical.ok());
    std::string sloppy;
    for (char c : canonical.value())
        sloppy += char(std::tolower(c == '0' ? 'O' : c == '1' ? 'l' : c));
    auto read = ks::normalise_code(" " + sloppy.substr(0, 8) + " " + sloppy.substr(8));
    REQUIRE(read.ok());
    CHECK(read.value() == canonical.value());
    CHECK_FALSE(ks::normalise_code("ABCD-EFGH").ok());
    CHECK_FALSE(ks::normalise_code("ABCD-EFGH-JKMN-PQRU").ok());  // U is not Crockford
    CHECK(ks::new_enrollment_code() != code);
}

TEST_CASE("Enrollment proofs bind the code to the TLS key each side sees", "[security]") {
    const std::string k = ks::code_key_hex("7KQM2D9XHT4BW1ZC");
    const std::string pin = "sha256//AAAA";
    const std::string mac = ks::hmac_hex(k, ks::device_proof_message("ab", pin));
    CHECK(ks::hmac_matches(k, ks::device_proof_message("ab", pin), mac));
    CHECK_FALSE(ks::hmac_matches(k, ks::device_proof_message("ab", "sha256//BBBB"), mac));
    CHECK_FALSE(ks::hmac_matches(ks::code_key_hex("7KQM2D9XHT4BW1ZD"),
                                 ks::device_proof_message("ab", pin), mac));
}

TEST_CASE("Idempotency keys are a uuid and a version and nothing else") {
    const std::string uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    auto parts = ks::parse_idempotency_key(ks::idempotency_key(uuid, 2));
    REQUIRE(parts.ok());
    CHECK(parts->assessment_uuid == uuid);
    CHECK(parts->version == 2);
    for (const char* bad :
         {"", ":1", "0f8fad5b-d9cb-469f-a165-70867728950e",
          "0f8fad5b-d9cb-469f-a165-70867728950e:0", "0f8fad5b-d9cb-469f-a165-70867728950e:01",
          "0F8FAD5B-D9CB-469F-A165-70867728950E:1", "0f8fad5b-d9cb-469f-a165-70867728950e:1;DROP",
          "0f8fad5b-d9cb-469f-a165-70867728950e:99999999"})
        CHECK_FALSE(ks::parse_idempotency_key(bad).ok());
}

TEST_CASE("A receipt verifies only with the receiver's key and unchanged", "[security]") {
    const auto receiver = kt::crypto::new_signing_key();
    ks::Receipt r{"0f8fad5b-d9cb-469f-a165-70867728950e:1", std::string(64, 'a'),
                  std::string(64, 'b'), 1790000000, ""};
    ks::sign_receipt(r, receiver);
    auto text = kt::json::canonical(ks::receipt_json(r));
    REQUIRE(text.ok());
    auto back = ks::parse_receipt_text(text.value());
    REQUIRE(back.ok());
    CHECK(ks::verify_receipt(back.value(), receiver.public_hex));
    CHECK_FALSE(ks::verify_receipt(back.value(), kt::crypto::new_signing_key().public_hex));
    back->receiver_time += 1;
    CHECK_FALSE(ks::verify_receipt(back.value(), receiver.public_hex));
}

TEST_CASE("The receiver's check accepts a real sealed record and reads its facts", "[security]") {
    kt::test::ReviewFixture f;
    const auto payload = sealed_payload(f);
    auto text = ks::payload_text(payload);
    REQUIRE(text.ok());
    CHECK(text->find("Huur achter") != std::string::npos);  // the note travels in the record
    auto back = ks::parse_payload(text.value());
    REQUIRE(back.ok());
    CHECK(back->profile.age_years == 47);
    auto facts = ks::check_payload(back.value(), device_key(f));
    REQUIRE(facts.ok());
    CHECK(facts->assessment_uuid == f.id);
    CHECK(facts->version == 1);
    CHECK(facts->kind == "intake");
    CHECK(facts->locale_shown == "tr");
    CHECK(facts->domains[0].level == 1);
    CHECK(facts->domains[0].is_goal);
    CHECK(facts->domains[0].client_agrees == true);
    CHECK(facts->domains[3].client_agrees == false);
    CHECK_FALSE(facts->domains[12].level);
    CHECK(facts->domains[12].unscored_reason == "not_discussed");
    CHECK(facts->network_people == 1);
}

TEST_CASE("The receiver's check refuses a record that was changed or signed by another device",
          "[security]") {
    kt::test::ReviewFixture f;
    const auto good = sealed_payload(f);
    const std::string key = device_key(f);
    auto changed = good;
    const auto at = changed.record.find("Huur achter");
    changed.record.replace(at, 4, "HUUR");
    CHECK_FALSE(ks::check_payload(changed, key).ok());
    changed.record_sha256 = kt::crypto::sha256_hex(changed.record);
    CHECK_FALSE(ks::check_payload(changed, key).ok());  // the seal signature no longer holds
    CHECK_FALSE(ks::check_payload(good, kt::crypto::new_signing_key().public_hex).ok());
    auto resigned = good;
    const auto thief = kt::crypto::new_signing_key();
    resigned.seal_signature = kt::crypto::sign_hex(thief, resigned.record_sha256);
    CHECK_FALSE(ks::check_payload(resigned, thief.public_hex).ok());  // not the record's key
}

TEST_CASE("The receiver's check refuses signatures moved to another assessment or version",
          "[security]") {
    kt::test::ReviewFixture f;
    const auto good = sealed_payload(f);
    auto key = store::device_signing_key(f.vault.db());
    REQUIRE(key.ok());
    // Even someone holding the device key who re-seals the record cannot carry the signature
    // entries over: they name the assessment and version they were made for.
    const std::string other_id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    REQUIRE(other_id.size() == f.id.size());
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"\"assessment_uuid\":\"" + f.id, "\"assessment_uuid\":\"" + other_id},
             {"\"version\":1", "\"version\":2"}}) {
        CAPTURE(to);
        auto moved = good;
        const auto at = moved.record.find(from);
        REQUIRE(at != std::string::npos);
        moved.record.replace(at, from.size(), to);
        moved.record_sha256 = kt::crypto::sha256_hex(moved.record);
        moved.seal_signature = kt::crypto::sign_hex(key.value(), moved.record_sha256);
        auto checked = ks::check_payload(moved, key->public_hex);
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.error().detail == "record signature does not verify");
    }
    CHECK(ks::check_payload(good, key->public_hex).ok());
}
