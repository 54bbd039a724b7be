// The transport on its own (sync/transport.cpp), against a small HTTPS server on loopback: an
// HTTP status is an answer (with Retry-After), a request that gets no usable answer is an
// error with a network code, redirects are not followed, answers over the cap are refused
// whole, and enrollment's first look at a server returns exactly the certificate it presents.
#include "sync/transport.hpp"

#include <openssl/ssl.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "https_test_server.hpp"
#include "support/test_support.hpp"
#include "support/test_tls.hpp"

namespace ks = kt::sync;
using kt::ErrorCode;
using kt::test::TestServer;

namespace {

struct Served {
    kt::test::TempDir dir;
    kt::test::TlsIdentity cert = kt::test::make_test_cert();
    TestServer server{cert, dir, "receiver"};

    ks::CurlTransport transport(const std::string& url,
                                ks::TransportLimits limits = {5, 10, 1 << 20}) {
        return ks::CurlTransport(url, {cert.cert_pem, kt::test::pin_of(cert.cert_pem)}, limits);
    }
};

ErrorCode failure(const kt::Result<ks::HttpResponse>& r) {
    return r.ok() ? ErrorCode::internal : r.error().code;
}

}  // namespace

TEST_CASE("a refusal from the receiver is an answer with its status and Retry-After", "[sync]") {
    Served s;
    s.server.server().Post("/v1/checkin", [](const httplib::Request&, httplib::Response& res) {
        res.status = 429;
        res.set_header("Retry-After", "30");
        res.set_content(R"({"error":"rate_limited"})", "application/json");
    });
    s.server.server().Post("/v1/audit", [](const httplib::Request&, httplib::Response& res) {
        res.status = 503;
        res.set_header("Retry-After", "soon");  // not a number of seconds: ignored
    });
    const auto url = s.server.start();
    auto t = s.transport(url);
    auto limited = t.request("POST", "/v1/checkin", {}, "{}");
    REQUIRE(limited.ok());
    CHECK(limited->status == 429);
    CHECK(limited->retry_after == 30);
    CHECK(limited->body == R"({"error":"rate_limited"})");
    auto busy = t.request("POST", "/v1/audit", {}, "{}");
    REQUIRE(busy.ok());
    CHECK(busy->status == 503);
    CHECK_FALSE(busy->retry_after.has_value());
}

TEST_CASE("a POST carries its body as JSON with the given headers and a GET carries none",
          "[sync]") {
    Served s;
    std::string post_body, post_type, post_header, get_body;
    s.server.server().Post("/v1/checkin", [&](const httplib::Request& req, httplib::Response&) {
        post_body = req.body;
        post_type = req.get_header_value("Content-Type");
        post_header = req.get_header_value("KT-Device");
    });
    s.server.server().Get("/v1/status", [&](const httplib::Request& req, httplib::Response& res) {
        get_body = req.body;
        res.set_content("{}", "application/json");
    });
    const auto url = s.server.start();
    auto t = s.transport(url);
    REQUIRE(t.request("POST", "/v1/checkin", {"KT-Device: tablet"}, R"({"n":1})").ok());
    CHECK(post_body == R"({"n":1})");
    CHECK(post_type == "application/json");
    CHECK(post_header == "tablet");
    auto got = t.request("GET", "/v1/status", {}, "ignored");
    REQUIRE(got.ok());
    CHECK(got->status == 200);
    CHECK(get_body.empty());
}

TEST_CASE("a redirect is returned as it is and never followed", "[sync]") {
    Served s;
    s.server.server().Post("/v1/checkin", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/elsewhere", 307);
    });
    int followed = 0;
    s.server.server().Post("/elsewhere",
                           [&](const httplib::Request&, httplib::Response&) { ++followed; });
    const auto url = s.server.start();
    auto r = s.transport(url).request("POST", "/v1/checkin", {}, "{}");
    REQUIRE(r.ok());
    CHECK(r->status == 307);
    CHECK(followed == 0);
    CHECK(s.server.requests == 1);
}

TEST_CASE("an answer larger than the cap is refused whole as a bad response", "[sync]") {
    Served s;
    s.server.server().Post("/v1/checkin", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(64 * 1024, 'x'), "application/json");
    });
    const auto url = s.server.start();
    CHECK(failure(s.transport(url, {5, 10, 1024}).request("POST", "/v1/checkin", {}, "{}")) ==
          ErrorCode::bad_response);
    auto whole = s.transport(url, {5, 10, 128 * 1024}).request("POST", "/v1/checkin", {}, "{}");
    REQUIRE(whole.ok());
    CHECK(whole->body.size() == 64 * 1024);
}

TEST_CASE("a server that does not answer in time is a timeout", "[sync]") {
    Served s;
    s.server.server().Post("/v1/checkin", [](const httplib::Request&, httplib::Response&) {
        std::this_thread::sleep_for(std::chrono::seconds(3));
    });
    const auto url = s.server.start();
    CHECK(failure(s.transport(url, {5, 1, 1 << 20}).request("POST", "/v1/checkin", {}, "{}")) ==
          ErrorCode::timeout);
}

namespace {

// Handshakes the test server completed, and how many of them resumed a session.
std::atomic<int> g_handshakes{0}, g_resumed{0};

void count_handshakes(const SSL* ssl, int where, int) {
    if ((where & SSL_CB_HANDSHAKE_DONE) == 0) return;
    ++g_handshakes;
    if (SSL_session_reused(const_cast<SSL*>(ssl)) == 1) ++g_resumed;
}

}  // namespace

// Issue 15: a device's next request, and its next pass (a new transport), resume the TLS
// session instead of a full handshake; a transport that trusts another pin or another
// certificate never gets in on a cached session.
TEST_CASE("the next request and the next pass resume the TLS session, other trust never does",
          "[sync][security]") {
    Served s;
    SSL_CTX_set_info_callback(s.server.server().ssl_context(), count_handshakes);
    s.server.server().Post("/v1/checkin", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("{}", "application/json");
    });
    const auto url = s.server.start();
    g_handshakes = 0;
    g_resumed = 0;
    auto pass = s.transport(url);
    REQUIRE(pass.request("POST", "/v1/checkin", {}, "{}").ok());
    REQUIRE(pass.request("POST", "/v1/checkin", {}, "{}").ok());
    auto next_pass = s.transport(url);
    REQUIRE(next_pass.request("POST", "/v1/checkin", {}, "{}").ok());
    CHECK(g_handshakes == 3);
    CHECK(g_resumed == 2);  // the first was a full handshake (no session cached before it)

    const auto other = kt::test::make_test_cert();
    ks::CurlTransport wrong_pin(url, {s.cert.cert_pem, kt::test::pin_of(other.cert_pem)},
                                {5, 10, 1 << 20});
    CHECK(failure(wrong_pin.request("POST", "/v1/checkin", {}, "{}")) ==
          ErrorCode::tls_pin_mismatch);
    ks::CurlTransport wrong_ca(url, {other.cert_pem, kt::test::pin_of(s.cert.cert_pem)},
                               {5, 10, 1 << 20});
    CHECK(failure(wrong_ca.request("POST", "/v1/checkin", {}, "{}")) == ErrorCode::tls_failed);
    CHECK(s.server.requests == 3);
}

TEST_CASE("the first look at a server returns the certificate it presents and nothing else",
          "[sync]") {
    Served s;
    const auto url = s.server.start();
    auto seen = ks::fetch_server_certificate(url, {5, 10, 1 << 20});
    REQUIRE(seen.ok());
    auto pin = ks::spki_pin(seen.value());
    REQUIRE(pin.ok());
    CHECK(pin.value() == kt::test::pin_of(s.cert.cert_pem));
    CHECK(s.server.requests == 0);  // a handshake, no request

    auto not_https = ks::fetch_server_certificate("http://127.0.0.1:1");
    REQUIRE_FALSE(not_https.ok());
    CHECK(not_https.error().code == ErrorCode::usage);
    auto nobody = ks::fetch_server_certificate("https://127.0.0.1:1", {5, 10, 1 << 20});
    REQUIRE_FALSE(nobody.ok());
    CHECK(nobody.error().code == ErrorCode::offline);
    auto garbage =
        ks::spki_pin("-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----\n");
    REQUIRE_FALSE(garbage.ok());
    CHECK(garbage.error().code == ErrorCode::usage);
}
