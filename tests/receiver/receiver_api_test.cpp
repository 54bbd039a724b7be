// The receiver's API on loopback (docs/receiver-api.md): enrollment, checkin, submissions
// and receipts against the real process, on SQLite and on PostgreSQL.
#include <catch2/catch.hpp>

#include "receiver_fixture.hpp"
#include "sync/box.hpp"
#include "sync/enrollment.hpp"
#include "util/ids.hpp"

using namespace kt::test;
namespace ks = kt::sync;

namespace {

ReceiverDb any_db() {
    return GENERATE(ReceiverDb::sqlite, ReceiverDb::postgres);
}

}  // namespace

TEST_CASE("A code enrolls one device once and a replay or a proof for another TLS key is refused",
          "[receiver][security]") {
    const ReceiverDb db = any_db();
    INFO(db_name(db));
    ReceiverData data(db);
    const std::string code = data.enroll("tablet-oost-3");
    ReceiverProcess server(data);
    TestDevice device(server.port(), data.dir / "keys" / "tls.crt", kt::crypto::new_signing_key());
    // A man in the middle shows the device another key: the proof does not hold for ours.
    const auto mitm = device.enroll(code, "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    CHECK(mitm.status == 403);
    CHECK(mitm.error() == "enrollment_refused");
    CHECK(device.enroll("0000-0000-0000-0000", data.pin).status == 403);
    device.enroll_ok(code, data.pin);
    const auto replay = device.enroll(code, data.pin);
    CHECK(replay.status == 403);
    CHECK(replay.error() == "enrollment_refused");
    CHECK(device.checkin(1).status == 200);
    CHECK(server.alive());
}

TEST_CASE(
    "Checkin tells an active device from a rolled back vault and an old app and a revoked device",
    "[receiver][security]") {
    const ReceiverDb db = any_db();
    INFO(db_name(db));
    ApiFixture f(db, 1);
    auto& d = *f.device;
    const auto ok = d.checkin(10);
    REQUIRE(ok.status == 200);
    CHECK(ks::text_member(ok.json, "status") == "active");
    CHECK(ks::int_member(ok.json, "retention_days") == 30);
    // T-09 server side: the vault was replaced by an older copy.
    const auto rolled = d.checkin(10);
    CHECK(rolled.status == 409);
    CHECK(rolled.error() == "vault_rolled_back");
    CHECK(d.checkin(5).status == 409);
    const auto old = d.checkin(11, "0.0.9");
    CHECK(old.status == 426);
    CHECK(old.error() == "update_needed");
    CHECK(d.checkin(12).status == 200);
    REQUIRE(f.data.revoke("tablet-oost-3") == 0);
    const auto revoked = d.checkin(13);
    CHECK(revoked.status == 403);
    CHECK(revoked.error() == "device_revoked");
    const std::string wiped = R"({"device_seq":14,"event":"device_wiped","unsent":2})";
    CHECK(d.send("POST", "/v1/audit", wiped).status == 200);
    const std::string again = R"({"device_seq":15,"event":"device_wiped","unsent":2})";
    CHECK(d.send("POST", "/v1/audit", again).status == 403);
    auto store = f.open_store();
    auto rows = store->audit_entries("device_wiped");
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 1);
    CHECK(rows->front().result == "unsent=2");
}

TEST_CASE(
    "A submission is stored once with 201 and a replay gets the same receipt and another payload "
    "422",
    "[receiver][security]") {
    const ReceiverDb db = any_db();
    INFO(db_name(db));
    ApiFixture f(db, 2);
    auto& d = *f.device;
    const auto body = submission_body(f.source.payload(0), d.enrolled.box_public_key, ++d.seq);
    const auto first = d.submit(body.key, body.body);
    INFO(first.body);
    REQUIRE(first.status == 201);
    auto receipt = ks::parse_receipt(first.json);
    REQUIRE(receipt.ok());
    CHECK(ks::verify_receipt(receipt.value(), d.enrolled.receipt_public_key));
    CHECK(receipt->record_sha256 == f.source.payload(0).record_sha256);
    CHECK(receipt->idempotency_key == body.key);

    const auto replay = d.submit(body.key, body.body);  // the receipt was lost: same answer
    CHECK(replay.status == 200);
    CHECK(replay.body == first.body);
    const auto stored = d.receipt(body.key);
    REQUIRE(stored.status == 200);
    CHECK(ks::text_member(stored.json, "status") == "stored");

    // The same key with another payload (other profile, so another payload_sha256).
    auto changed = f.source.payload(0);
    changed.profile.age_years = 48;
    const auto other = submission_body(changed, d.enrolled.box_public_key, ++d.seq);
    const auto mismatch = d.submit(other.key, other.body);
    CHECK(mismatch.status == 422);
    CHECK(mismatch.error() == "payload_mismatch");

    auto stranger = f.enroll_other("tablet-west-1");
    CHECK(stranger->receipt(body.key).status == 404);  // another device's key: not found
    CHECK(d.receipt(key_of(f.source.payload(1))).status == 404);

    auto store = f.open_store();
    CHECK(store->count_submissions().value() == 1);
    CHECK(store->count_duplicate_keys().value() == 0);
    auto alerts = store->audit_entries("payload_mismatch");
    REQUIRE(alerts.ok());
    REQUIRE(alerts->size() == 1);
    CHECK(alerts->front().object == body.key);
    auto sub = store->submission(receipt->idempotency_key.substr(0, 36), 1);
    REQUIRE(sub.ok());
    REQUIRE(sub->has_value());
    CHECK((*sub)->sealed_payload == body.sealed_base64);  // the sealed original, for audit
}

TEST_CASE("A new submission with a device_seq not above the highest seen is a rolled back vault",
          "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 2);
    auto& d = *f.device;
    REQUIRE(d.checkin(20).status == 200);
    const auto body = submission_body(f.source.payload(0), d.enrolled.box_public_key, 20);
    const auto r = d.submit(body.key, body.body);
    CHECK(r.status == 409);
    CHECK(r.error() == "vault_rolled_back");
    const auto ok = submission_body(f.source.payload(0), d.enrolled.box_public_key, 21);
    CHECK(d.submit(ok.key, ok.body).status == 201);
}
