// Malformed and hostile requests to the real receiver: a 4xx each, nothing stored, no crash;
// rate limits; the request log keeps no payload.
#include <httplib.h>
#include <openssl/ssl.h>

#include <catch2/catch.hpp>

#include "receiver_fixture.hpp"
#include "sync/box.hpp"
#include "util/ids.hpp"

using namespace kt::test;
namespace ks = kt::sync;

namespace {

struct Case {
    const char* what;
    int status;
    const char* error;
    HttpReply reply;
};

std::string with_member(const std::string& body, const std::string& key, const std::string& raw) {
    auto v = kt::json::parse(body);
    REQUIRE(v.ok());
    std::string out = "{";
    for (const auto& [k, member] : *v->object()) {
        if (out.size() > 1) out += ",";
        out += "\"" + k + "\":" + (k == key ? raw : kt::json::canonical(member).value());
    }
    return out + "}";
}

}  // namespace

TEST_CASE("Hostile submissions each get a 4xx and store nothing and the receiver keeps running",
          "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 2);
    auto& d = *f.device;
    const auto good = submission_body(f.source.payload(0), d.enrolled.box_public_key, 100);
    const std::string& key = good.key;
    // Sealed to another municipality's key; a payload whose hash is not payload_sha256; a record
    // signed by another device; a record for another key.
    const auto foreign = ks::new_box_key();
    const auto wrong_box = submission_body(f.source.payload(0), foreign.public_hex, 100);
    SealedSource other_vault(1);
    const auto alien = submission_body(other_vault.payload(0), d.enrolled.box_public_key, 100);
    const auto other_key = submission_body(f.source.payload(1), d.enrolled.box_public_key, 100);
    const auto forger = kt::crypto::new_signing_key();
    TestDevice ghost(d.port, d.ca_cert, kt::crypto::new_signing_key());
    ghost.enrolled.device_id = kt::new_uuid();
    const std::string huge(1100 * 1024, 'A');

    std::vector<Case> cases = {
        {"no idempotency key", 400, "missing_idempotency_key", d.submit("", good.body)},
        {"malformed key", 400, "bad_request", d.submit("1;DROP TABLE submissions", good.body)},
        {"not JSON", 400, "bad_request", d.submit(key, "{\"device_seq\":")},
        {"wrong types", 400, "bad_request",
         d.submit(key, with_member(good.body, "device_seq", "\"100\""))},
        {"array body", 400, "bad_request", d.submit(key, "[1,2,3]")},
        {"bad base64", 400, "bad_request",
         d.submit(key, with_member(good.body, "sealed_payload", "\"@@not base64@@\""))},
        {"box for another key", 400, "bad_payload", d.submit(key, wrong_box.body)},
        {"hash mismatch", 400, "bad_payload",
         d.submit(key,
                  with_member(good.body, "payload_sha256", "\"" + std::string(64, 'a') + "\""))},
        {"record of another device", 400, "bad_record", d.submit(alien.key, alien.body)},
        {"record for another key", 400, "bad_record", d.submit(key, other_key.body)},
        {"bad signature", 403, "bad_signature",
         d.send("POST", "/v1/submissions", good.body, key, "0.1.0", &forger)},
        {"unknown device", 403, "unknown_device", ghost.submit(key, good.body)},
        {"huge body", 413, "too_large", d.submit(key, huge)},
        {"unknown endpoint", 404, "not_found", d.send("POST", "/v1/nope", "{}")},
        {"bad enrollment body", 400, "bad_request",
         d.send("POST", "/v1/enroll", "{\"device_public_key\":1}")},
    };
    for (const auto& c : cases) {
        INFO(c.what << ": " << c.reply.body);
        CHECK(c.reply.status == c.status);
        CHECK(c.reply.error() == c.error);
    }
    REQUIRE(f.server->alive());
    auto store = f.open_store();
    CHECK(store->count_submissions().value() == 0);
    // The receiver still works, and the same request now goes through.
    CHECK(d.submit(key, good.body).status == 201);
    CHECK(store->count_submissions().value() == 1);
    REQUIRE(f.data.revoke("tablet-oost-3") == 0);
    const auto late = submission_body(f.source.payload(1), d.enrolled.box_public_key, 101);
    const auto revoked = d.submit(late.key, late.body);
    CHECK(revoked.status == 403);
    CHECK(revoked.error() == "device_revoked");
    CHECK(store->count_submissions().value() == 1);
    CHECK(f.server->alive());
}

TEST_CASE("Rate limits answer 429 with Retry-After per device and per address for enrollment",
          "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1, {{"rate_per_minute", 5}, {"enroll_rate_per_minute", 3}});
    auto& d = *f.device;  // enrollment used one of the address's three attempts
    for (int i = 1; i <= 5; ++i)
        REQUIRE(d.checkin(i).status == 200);
    const auto limited = d.checkin(6);
    CHECK(limited.status == 429);
    CHECK(limited.error() == "rate_limited");
    CHECK(std::stoi(limited.retry_after) >= 1);
    CHECK(d.enroll("0000-0000-0000-0000", f.data.pin).status == 403);
    CHECK(d.enroll("0000-0000-0000-0000", f.data.pin).status == 403);
    const auto enroll_limited = d.enroll("0000-0000-0000-0000", f.data.pin);
    CHECK(enroll_limited.status == 429);
    CHECK_FALSE(enroll_limited.retry_after.empty());
}

TEST_CASE("The request log has one JSON line per request and never a payload or a name",
          "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1);
    auto& d = *f.device;
    REQUIRE(d.checkin(1).status == 200);
    const auto body = submission_body(f.source.payload(0), d.enrolled.box_public_key, 2);
    REQUIRE(d.submit(body.key, body.body).status == 201);
    REQUIRE(d.submit("", body.body).status == 400);
    f.server->stop();
    const std::string log = read_bytes(f.data.dir / "receiver.log");
    int lines = 0;
    for (std::size_t at = 0, end; (end = log.find('\n', at)) != std::string::npos; at = end + 1) {
        auto v = kt::json::parse(log.substr(at, end - at));
        REQUIRE(v.ok());
        REQUIRE(v->object()->size() == 6);
        for (const char* k : {"time", "action", "object", "result", "error", "actor"})
            CHECK(v->find(k) != nullptr);
        ++lines;
    }
    CHECK(lines == 4);  // enroll, checkin, submit, submit without a key
    CHECK(log.find("\"object\":\"" + body.key + "\"") != std::string::npos);
    CHECK(log.find(body.sealed_base64.substr(0, 40)) == std::string::npos);
    CHECK(count_occurrences(f.data.dir / "receiver.log", f.source.items[0].marker) == 0);
    CHECK(log.find("tablet-oost-3") == std::string::npos);
}

TEST_CASE(
    "Only TLS 1.2 or newer is served: a TLS 1.1 client and plain http get no answer and no log "
    "line",
    "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1);
    const std::string log_before = read_bytes(f.data.dir / "receiver.log");
    httplib::SSLClient old("127.0.0.1", f.server->port());
    old.enable_server_certificate_verification(false);
    SSL_CTX_set_security_level(old.ssl_context(), 0);  // let the client offer TLS 1.1 at all
    SSL_CTX_set_min_proto_version(old.ssl_context(), TLS1_VERSION);
    SSL_CTX_set_max_proto_version(old.ssl_context(), TLS1_1_VERSION);
    CHECK_FALSE(old.Post("/v1/checkin", "{\"device_seq\":1,\"outbox\":0}", "application/json"));
    httplib::Client plain("127.0.0.1", f.server->port());
    plain.set_read_timeout(5);
    auto r = plain.Post("/v1/checkin", "{\"device_seq\":1,\"outbox\":0}", "application/json");
    CHECK((!r || r->status >= 400));
    CHECK(read_bytes(f.data.dir / "receiver.log") == log_before);
    CHECK(f.device->checkin(1).status == 200);
    CHECK(f.server->alive());
}
