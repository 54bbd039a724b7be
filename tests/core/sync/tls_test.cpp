// The transport against small in-test HTTPS servers (cpp-httplib): the pinned key is the only
// key accepted even with a valid chain (tls_pin_mismatch, and the server sees no request),
// expired or misnamed certificates fail, and enrollment stores the key it saw only when the
// receiver's proof holds.
#include "sync/transport.hpp"

#include <catch2/catch.hpp>

#include "https_test_server.hpp"
#include "store/seal.hpp"
#include "support/sealed_vault.hpp"
#include "support/test_support.hpp"
#include "support/test_tls.hpp"
#include "sync/config.hpp"
#include "sync/enroll.hpp"
#include "sync/enrollment.hpp"
#include "sync/outbox.hpp"
#include "sync/sender.hpp"
#include "sync/wire.hpp"
#include "util/canonical_json.hpp"

namespace ks = kt::sync;
namespace store = kt::store;
using kt::test::TestServer;

namespace {

kt::Result<ks::HttpResponse> post(const std::string& url, const ks::TlsTrust& trust) {
    ks::CurlTransport t(url, trust, {5, 10, 1 << 20});
    return t.request("POST", "/v1/checkin", {}, "{}");
}

// The network code of a failed request; internal for a request that got an answer.
kt::ErrorCode failure(const kt::Result<ks::HttpResponse>& r) {
    return r.ok() ? kt::ErrorCode::internal : r.error().code;
}

}  // namespace

TEST_CASE("the pinned key is the only key accepted even with a valid chain", "[security]") {
    kt::test::TempDir dir;
    const auto ca = kt::test::make_test_ca();
    const auto enrolled = kt::test::make_test_cert({"127.0.0.1", false, &ca});
    const auto other = kt::test::make_test_cert({"127.0.0.1", false, &ca});
    TestServer server(other, dir, "other");
    server.server().Post("/v1/checkin", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"status":"active"})", "application/json");
    });
    const auto url = server.start();
    CHECK(kt::test::pin_of(enrolled.cert_pem) != kt::test::pin_of(other.cert_pem));

    const auto refused = post(url, {ca.cert_pem, kt::test::pin_of(enrolled.cert_pem)});
    CHECK(failure(refused) == kt::ErrorCode::tls_pin_mismatch);
    CHECK(server.requests == 0);
    // The same server with its own pin is fine: the chain and host name hold.
    const auto ok = post(url, {ca.cert_pem, kt::test::pin_of(other.cert_pem)});
    INFO((ok ? "" : ok.error().detail));
    REQUIRE(ok.ok());
    CHECK(ok->status == 200);
    CHECK(server.requests == 1);
}

TEST_CASE("a sync pass to a server with another key sends nothing and marks nothing sent",
          "[security]") {
    kt::test::TempDir dir;
    const auto ca = kt::test::make_test_ca();
    const auto enrolled = kt::test::make_test_cert({"127.0.0.1", false, &ca});
    const auto other = kt::test::make_test_cert({"127.0.0.1", false, &ca});
    TestServer server(other, dir, "other");
    const auto url = server.start();
    auto vault = kt::test::create_test_vault(dir / "v.ktv", kt::test::kPassphrase);
    kt::test::add_sealed_assessments(vault.db(), 2, 1000);
    ks::SyncConfig c;
    c.url = url;
    c.tls_pin = kt::test::pin_of(enrolled.cert_pem);
    c.ca_pem = ca.cert_pem;
    c.device_id = "0b9e8c1e-6c6a-4d3a-9f1e-2f3a4b5c6d7e";
    c.box_public_key = std::string(64, 'a');
    c.receipt_public_key = std::string(64, 'b');
    REQUIRE(ks::save_config(vault.db(), c).ok());
    ks::SyncOptions o;
    o.limits = {5, 10, 1 << 20};
    const auto r = ks::sync_now(vault, o);
    CHECK(r.status == ks::SyncStatus::tls_pin_mismatch);
    CHECK(std::string(r.message_key()) == "error.sync.tls_pin_mismatch");
    CHECK(r.sent == 0);
    CHECK(r.pending == 2);
    CHECK(ks::outbox_counts(vault.db())->sent == 0);
    CHECK(server.requests == 0);
}

TEST_CASE("an expired certificate another host name or no server fail as such", "[security]") {
    kt::test::TempDir dir;
    const auto ca = kt::test::make_test_ca();
    SECTION("expired") {
        const auto cert = kt::test::make_test_cert({"127.0.0.1", true, &ca});
        TestServer server(cert, dir, "expired");
        const auto url = server.start();
        CHECK(failure(post(url, {ca.cert_pem, kt::test::pin_of(cert.cert_pem)})) ==
              kt::ErrorCode::tls_failed);
        CHECK(server.requests == 0);
    }
    SECTION("another host name") {
        const auto cert = kt::test::make_test_cert({"receiver.example", false, &ca});
        TestServer server(cert, dir, "misnamed");
        const auto url = server.start();
        CHECK(failure(post(url, {ca.cert_pem, kt::test::pin_of(cert.cert_pem)})) ==
              kt::ErrorCode::tls_failed);
        CHECK(server.requests == 0);
    }
    SECTION("nothing listening") {
        const auto cert = kt::test::make_test_cert({"127.0.0.1", false, &ca});
        CHECK(
            failure(post("https://127.0.0.1:1", {ca.cert_pem, kt::test::pin_of(cert.cert_pem)})) ==
            kt::ErrorCode::offline);
    }
    SECTION("plain http is not even tried") {
        ks::CurlTransport t("http://127.0.0.1:1", {ca.cert_pem, "sha256//x"});
        CHECK(failure(t.request("POST", "/v1/checkin", {}, "{}")) == kt::ErrorCode::tls_failed);
        CHECK_FALSE(ks::is_receiver_url("http://127.0.0.1:8443"));
        CHECK_FALSE(ks::is_receiver_url("https://127.0.0.1:8443/path"));
        CHECK_FALSE(ks::is_receiver_url("https://user@127.0.0.1"));
        CHECK(ks::is_receiver_url("https://127.0.0.1:8443"));
    }
}

namespace {

// The receiver's half of enrollment (docs/receiver-api.md), enough for the device's tests.
void serve_enroll(TestServer& server, const std::string& code, const std::string& cert_pem,
                  bool honest_proof) {
    server.server().Post("/v1/enroll", [=](const httplib::Request& req, httplib::Response& res) {
        auto v = kt::json::parse(req.body);
        const std::string k = ks::code_key_hex(ks::normalise_code(code).value());
        const std::string pin = kt::test::pin_of(cert_pem);
        const std::string device = ks::text_member(v.value(), "device_public_key");
        if (!ks::hmac_matches(k, ks::device_proof_message(device, pin),
                              ks::text_member(v.value(), "proof"))) {
            res.status = 403;
            res.set_content(R"({"error":"enrollment_refused"})", "application/json");
            return;
        }
        const std::string id = "0b9e8c1e-6c6a-4d3a-9f1e-2f3a4b5c6d7e";
        const std::string box(64, 'a'), receipt(64, 'b');
        const std::string proof = ks::hmac_hex(honest_proof ? k : std::string(64, '0'),
                                               ks::receiver_proof_message(id, box, receipt, pin));
        auto body = kt::json::canonical(kt::json::Object{{"device_id", id},
                                                         {"device_name", "tablet-oost-3"},
                                                         {"team", "Oost"},
                                                         {"box_public_key", box},
                                                         {"receipt_public_key", receipt},
                                                         {"tls_pin", pin},
                                                         {"certificate_pem", cert_pem},
                                                         {"retention_days", 45},
                                                         {"server_time", 1},
                                                         {"proof", proof}});
        res.set_content(body.value(), "application/json");
    });
}

}  // namespace

TEST_CASE("enrollment stores the seen key only when the receiver's proof holds", "[security]") {
    kt::test::TempDir dir;
    const auto cert = kt::test::make_test_cert();
    const std::string code = ks::new_enrollment_code();
    auto vault = kt::test::create_test_vault(dir / "v.ktv", kt::test::kPassphrase);
    SECTION("honest receiver") {
        TestServer server(cert, dir, "receiver");
        serve_enroll(server, code, cert.cert_pem, true);
        const auto url = server.start();
        const auto r = ks::enroll_device(vault, url, code, 1000, {5, 10, 1 << 20});
        INFO(r.detail);
        REQUIRE(r.ok());
        CHECK(r.device_name == "tablet-oost-3");
        CHECK(r.team == "Oost");
        auto c = ks::load_config(vault.db());
        REQUIRE(c.ok());
        CHECK(c->enrolled());
        CHECK(c->url == url);
        CHECK(c->tls_pin == kt::test::pin_of(cert.cert_pem));
        CHECK(c->retention_days == 45);
        CHECK(store::device_public_key(vault.db()).value().size() == 64);
    }
    SECTION("a wrong receiver proof stores nothing") {
        TestServer server(cert, dir, "receiver");
        serve_enroll(server, code, cert.cert_pem, false);
        const auto r = ks::enroll_device(vault, server.start(), code, 1000, {5, 10, 1 << 20});
        CHECK(r.status == ks::SyncStatus::untrusted);
        CHECK_FALSE(ks::load_config(vault.db())->enrolled());
    }
    SECTION("a wrong code is refused and stores nothing") {
        TestServer server(cert, dir, "receiver");
        serve_enroll(server, code, cert.cert_pem, true);
        const auto r = ks::enroll_device(vault, server.start(), ks::new_enrollment_code(), 1000,
                                         {5, 10, 1 << 20});
        CHECK(r.status == ks::SyncStatus::enroll_refused);
        CHECK(std::string(r.message_key()) == "error.sync.enroll_refused");
        CHECK_FALSE(ks::load_config(vault.db())->enrolled());
    }
    SECTION("malformed input") {
        CHECK(ks::enroll_device(vault, "http://127.0.0.1:1", code, 1000).status ==
              ks::SyncStatus::invalid_input);
        CHECK(ks::enroll_device(vault, "https://127.0.0.1:1", "nope", 1000).status ==
              ks::SyncStatus::invalid_input);
    }
}
