// A test device talking to the real receiver over HTTPS (httplib's SSLClient, verifying the
// receiver's certificate): enrollment with a code, signed requests, and submissions built
// from real sealed records in a test vault.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "crypto/signing.hpp"
#include "store/vault.hpp"
#include "support/sealed_vault.hpp"
#include "support/test_support.hpp"
#include "sync/wire.hpp"
#include "util/canonical_json.hpp"

namespace kt::test {

struct HttpReply {
    int status = 0;  // 0: no HTTP answer (connection refused, reset, TLS failure)
    std::string body;
    std::string retry_after;
    json::Value json;
    std::string error() const { return sync::text_member(json, "error"); }
};

/// What enrollment gave the device.
struct Enrolled {
    std::string device_id, box_public_key, receipt_public_key, tls_pin;
};

class TestDevice {
  public:
    TestDevice(int port, fs::path ca_cert, crypto::SigningKey key);

    /// POST /v1/enroll with a proof for `code` over `pin` (the TLS key the device "saw").
    HttpReply enroll(const std::string& code, const std::string& pin);
    /// Enrolls and checks the receiver's proof; fails the test otherwise.
    void enroll_ok(const std::string& code, const std::string& pin);

    /// A request signed with this device's key (or `signer`, to forge one).
    HttpReply send(const std::string& method, const std::string& path, const std::string& body,
                   const std::string& idempotency_key = "",
                   const std::string& app_version = "0.1.0",
                   const crypto::SigningKey* signer = nullptr);
    HttpReply checkin(std::int64_t seq, const std::string& app_version = "0.1.0");
    HttpReply submit(const std::string& key, const std::string& body);
    HttpReply receipt(const std::string& key);

    crypto::SigningKey key;
    Enrolled enrolled;
    std::int64_t seq = 0;  // the next device_seq is ++seq
    int port;
    fs::path ca_cert;
};

/// A vault with `count` sealed assessments and its device key.
struct SealedSource {
    explicit SealedSource(int count);

    TempDir tmp;
    store::Vault vault;
    std::vector<SealedAssessment> items;
    crypto::SigningKey device_key;

    /// The payload of item `i` as the device would send it.
    sync::Payload payload(int i);
    /// Item 0's record with another assessment uuid, re-sealed with the device key: a valid,
    /// distinct submission without sealing another assessment (the seal's signatures bind
    /// the content hash, not the uuid).
    sync::Payload variant(const std::string& uuid);
};

/// The body of POST /v1/submissions for `payload` sealed to `box_public_key`.
struct SubmissionBody {
    std::string key, body, payload_sha256, record_sha256, sealed_base64;
};
SubmissionBody submission_body(const sync::Payload& payload, const std::string& box_public_key,
                               std::int64_t seq);
/// The idempotency key of a payload's record.
std::string key_of(const sync::Payload& payload);

}  // namespace kt::test
