#include "receiver_client.hpp"

#include <httplib.h>

#include <catch2/catch.hpp>

#include "store/seal.hpp"
#include "store/seal_record.hpp"
#include "sync/box.hpp"
#include "sync/enrollment.hpp"

namespace kt::test {

namespace ks = kt::sync;

namespace {

HttpReply to_reply(const httplib::Result& r) {
    HttpReply out;
    if (!r) return out;
    out.status = r->status;
    out.body = r->body;
    out.retry_after = r->get_header_value("Retry-After");
    if (auto v = json::parse(r->body); v) out.json = std::move(v.value());
    return out;
}

std::unique_ptr<httplib::SSLClient> client(int port, const fs::path& ca) {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
    c->set_ca_cert_path(ca.c_str());
    c->enable_server_certificate_verification(true);
    c->set_connection_timeout(10);
    c->set_read_timeout(30);
    return c;
}

}  // namespace

TestDevice::TestDevice(int port_, fs::path ca, crypto::SigningKey k)
    : key(std::move(k)), port(port_), ca_cert(std::move(ca)) {}

HttpReply TestDevice::enroll(const std::string& code, const std::string& pin) {
    auto canonical = ks::normalise_code(code);
    REQUIRE(canonical.ok());
    const std::string k = ks::code_key_hex(canonical.value());
    const std::string proof = ks::hmac_hex(k, ks::device_proof_message(key.public_hex, pin));
    const json::Value body = json::Object{{"device_public_key", key.public_hex}, {"proof", proof}};
    auto text = json::canonical(body);
    REQUIRE(text.ok());
    return to_reply(client(port, ca_cert)->Post("/v1/enroll", text.value(), "application/json"));
}

void TestDevice::enroll_ok(const std::string& code, const std::string& pin) {
    const auto r = enroll(code, pin);
    INFO(r.body);
    REQUIRE(r.status == 200);
    const auto& j = r.json;
    enrolled = {ks::text_member(j, "device_id"), ks::text_member(j, "box_public_key"),
                ks::text_member(j, "receipt_public_key"), ks::text_member(j, "tls_pin")};
    REQUIRE(enrolled.tls_pin == pin);
    auto canonical = ks::normalise_code(code);
    REQUIRE(canonical.ok());
    const std::string message = ks::receiver_proof_message(
        enrolled.device_id, enrolled.box_public_key, enrolled.receipt_public_key, pin);
    REQUIRE(ks::hmac_matches(ks::code_key_hex(canonical.value()), message,
                             ks::text_member(j, "proof")));
}

HttpReply TestDevice::send(const std::string& method, const std::string& path,
                           const std::string& body, const std::string& idempotency_key,
                           const std::string& app_version, const crypto::SigningKey* signer) {
    const std::string message = ks::request_signing_string(method, path, idempotency_key, body);
    httplib::Headers h{{"KT-Device", enrolled.device_id},
                       {"KT-Signature", crypto::sign_hex(signer ? *signer : key, message)},
                       {"KT-App-Version", app_version}};
    if (!idempotency_key.empty()) h.emplace("Idempotency-Key", idempotency_key);
    auto c = client(port, ca_cert);
    if (method == "GET") return to_reply(c->Get(path.c_str(), h));
    return to_reply(c->Post(path.c_str(), h, body, "application/json"));
}

HttpReply TestDevice::checkin(std::int64_t s, const std::string& app_version) {
    const json::Value body = json::Object{{"device_seq", s}, {"outbox", 1}};
    return send("POST", "/v1/checkin", json::canonical(body).value(), "", app_version);
}

HttpReply TestDevice::submit(const std::string& k, const std::string& body) {
    return send("POST", "/v1/submissions", body, k);
}

HttpReply TestDevice::receipt(const std::string& k) {
    return send("GET", "/v1/submissions/" + k, "");
}

SealedSource::SealedSource(int count)
    : vault(create_test_vault(tmp / "device.ktv", kt::test::kPassphrase)) {
    items = add_sealed_assessments(vault.db(), count, 1790000000);
    auto secret =
        vault.db().query_text("SELECT value FROM kt_meta WHERE key = 'device_sign_secret'");
    REQUIRE(secret.ok());
    auto k = crypto::signing_key_from_hex(secret.value());
    REQUIRE(k.ok());
    device_key = std::move(k.value());
}

ks::Payload SealedSource::payload(int i) {
    const auto& id = items.at(std::size_t(i)).assessment_id;
    auto seal = store::latest_seal(vault.db(), id);
    REQUIRE(seal.ok());
    REQUIRE(seal->has_value());
    auto record = store::sealed_record(vault.db(), id, (*seal)->version);
    REQUIRE(record.ok());
    return {record.value(),
            (*seal)->content_hash,
            (*seal)->device_signature,
            {47, "Centrum", "Oost", "alone"}};
}

namespace {

// Signs every signature entry again for the record's (new) assessment uuid, as the device
// would have signed a record of that assessment.
void resign_entries(json::Value& record, const crypto::SigningKey& key) {
    const std::string schema = ks::text_member(record, "schema");
    const std::string uuid = ks::text_member(record, "assessment_uuid");
    const std::string content_sha = ks::text_member(record, "content_sha256");
    const int version = int(ks::int_member(record, "version").value_or(0));
    json::Array* sigs = nullptr;
    for (auto& [k, member] : *record.object())
        if (k == "signatures") sigs = member.array();
    REQUIRE(sigs);
    for (auto& entry : *sigs) {
        const std::string role = ks::text_member(entry, "role");
        const std::string stroke = ks::text_member(entry, "stroke_sha256");
        const store::SignatureFacts facts{uuid,
                                          version,
                                          content_sha,
                                          role,
                                          stroke,
                                          ks::int_member(entry, "signed_at_utc").value_or(0),
                                          ks::int_member(entry, "device_seq").value_or(0)};
        const auto message = store::signature_message(schema, facts);
        REQUIRE(message);
        for (auto& [k, member] : *entry.object())
            if (k == "device_ed25519_sig") member = json::Value(crypto::sign_hex(key, *message));
    }
}

}  // namespace

ks::Payload SealedSource::variant(const std::string& uuid) {
    ks::Payload p = payload(0);
    auto v = json::parse(p.record);
    REQUIRE(v.ok());
    for (auto& [k, member] : *v->object())
        if (k == "assessment_uuid") member = json::Value(uuid);
    resign_entries(v.value(), device_key);
    auto text = json::canonical(v.value());
    REQUIRE(text.ok());
    p.record = text.value();
    p.record_sha256 = crypto::sha256_hex(p.record);
    p.seal_signature = crypto::sign_hex(device_key, p.record_sha256);
    return p;
}

std::string key_of(const ks::Payload& p) {
    auto v = json::parse(p.record);
    REQUIRE(v.ok());
    return ks::idempotency_key(ks::text_member(v.value(), "assessment_uuid"),
                               int(ks::int_member(v.value(), "version").value_or(0)));
}

SubmissionBody submission_body(const ks::Payload& payload, const std::string& box_public_key,
                               std::int64_t seq) {
    auto plain = ks::payload_text(payload);
    REQUIRE(plain.ok());
    auto box = ks::seal_box(box_public_key, plain.value());
    REQUIRE(box.ok());
    SubmissionBody b;
    b.key = key_of(payload);
    b.payload_sha256 = crypto::sha256_hex(plain.value());
    b.record_sha256 = payload.record_sha256;
    b.sealed_base64 = ks::base64_encode(box.value());
    const json::Value body = json::Object{{"device_seq", seq},
                                          {"payload_sha256", b.payload_sha256},
                                          {"sealed_payload", b.sealed_base64}};
    b.body = json::canonical(body).value();
    return b;
}

}  // namespace kt::test
