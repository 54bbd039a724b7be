// What a request may cost the receiver: a body is capped before it is read in every transfer
// form, encodings the API does not use are refused, connections are capped per address with
// 503 + Retry-After, a slow head is cut at its deadline, answers are never compressed, TLS 1.2
// offers AEAD ciphers only, and every log line names an actor.
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "raw_connection.hpp"
#include "receiver_fixture.hpp"

using namespace kt::test;
namespace ks = kt::sync;

namespace {

// A request head signed by `d` for `body` (the body is not part of the returned text).
std::string signed_head(TestDevice& d, const std::string& path, const std::string& body,
                        const std::string& extra = "", const char* version = "HTTP/1.1") {
    const std::string sig =
        kt::crypto::sign_hex(d.key, ks::request_signing_string("POST", path, "", body));
    return "POST " + path + " " + version +
           "\r\nHost: 127.0.0.1\r\nKT-Device: " + d.enrolled.device_id +
           "\r\nKT-Signature: " + sig +
           "\r\nKT-App-Version: 0.1.0\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + extra + "\r\n";
}

std::string checkin_body(std::int64_t seq) {
    return "{\"device_seq\":" + std::to_string(seq) + ",\"outbox\":0}";
}

// Sends `head` (and nothing after it) on a new TLS connection; what came back within 4 s.
RawRead send_head(int port, const std::string& head, const std::string& source = "127.0.0.1") {
    RawConnection c(port, source);
    REQUIRE(c.handshake());
    REQUIRE(c.write(head));
    return c.read_until_closed(4);
}

std::string error_of(const RawRead& r) {
    const auto at = r.data.find("\r\n\r\n");
    auto v = kt::json::parse(at == std::string::npos ? "" : r.data.substr(at + 4));
    return v ? ks::text_member(v.value(), "error") : "";
}

}  // namespace

TEST_CASE("A body the API does not take is refused from its head alone, before it is read",
          "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1);
    const int port = f.server->port();
    const std::string post = "POST /v1/submissions HTTP/1.1\r\nHost: x\r\n";
    struct Case {
        const char* what;
        std::string head;
        int status;
        const char* error;
    };
    const std::vector<Case> cases = {
        {"chunked", post + "Transfer-Encoding: chunked\r\n\r\n", 411, "length_required"},
        {"gzip", post + "Content-Encoding: gzip\r\nContent-Length: 261000\r\n\r\n", 415,
         "unsupported_encoding"},
        {"deflate", post + "Content-Encoding: deflate\r\nContent-Length: 100\r\n\r\n", 415,
         "unsupported_encoding"},
        {"256 MiB announced", post + "Content-Length: 268435456\r\n\r\n", 413, "too_large"},
        {"1 TB announced", post + "Content-Length: 1000000000000\r\n\r\n", 413, "too_large"},
        {"negative length", post + "Content-Length: -1\r\n\r\n", 400, "bad_request"},
        {"no length", post + "\r\n", 411, "length_required"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        // The receiver's head deadline is 5 s: an answer within 4 s without any body byte
        // sent means it did not wait for the body.
        const RawRead r = send_head(port, c.head);
        CHECK(r.status() == c.status);
        CHECK(error_of(r) == c.error);
        CHECK(r.closed);
    }
    CHECK(f.server->alive());
    CHECK(f.device->checkin(1).status == 200);
    f.server->stop();
    std::ifstream log(f.data.dir / "receiver.log");
    int lines = 0;
    for (std::string line; std::getline(log, line); ++lines) {
        auto v = kt::json::parse(line);
        REQUIRE(v.ok());
        INFO(line);
        CHECK_FALSE(ks::text_member(v.value(), "actor").empty());
    }
    CHECK(lines == 1 + int(cases.size()) + 1);  // enroll, the refusals, the checkin
}

TEST_CASE("Answers are never compressed, whatever the client accepts", "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1);
    const std::string body = checkin_body(1);
    RawConnection c(f.server->port());
    REQUIRE(c.handshake());
    REQUIRE(c.write(signed_head(*f.device, "/v1/checkin", body,
                                "Accept-Encoding: gzip, deflate, br\r\nConnection: close\r\n") +
                    body));
    const RawRead r = c.read_until_closed(10);
    CHECK(r.status() == 200);
    CHECK(r.header("Content-Encoding").empty());
    CHECK(r.data.find("\"status\":\"active\"") != std::string::npos);
}

TEST_CASE("HTTP/1.0 is answered and the connection closed", "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1);
    const std::string body = checkin_body(1);
    RawConnection c(f.server->port());
    REQUIRE(c.handshake());
    REQUIRE(c.write(signed_head(*f.device, "/v1/checkin", body, "", "HTTP/1.0") + body));
    const RawRead r = c.read_until_closed(10);
    CHECK(r.status() == 200);
    CHECK(r.closed);
}

TEST_CASE("TLS 1.2 is offered with AEAD ciphers only", "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1);
    RawConnection cbc(f.server->port());
    CHECK_FALSE(
        cbc.handshake("ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:"
                      "ECDHE-ECDSA-AES128-SHA256:AES128-SHA:AES256-SHA256"));
    RawConnection gcm(f.server->port());
    CHECK(gcm.handshake("ECDHE-ECDSA-AES128-GCM-SHA256"));
    RawConnection chacha(f.server->port());
    CHECK(chacha.handshake("ECDHE-ECDSA-CHACHA20-POLY1305"));
}

// A device's next connection costs no full handshake (issue 15): the receiver gives session
// tickets under TLS 1.3 and TLS 1.2, and a second connection offering the first's session
// resumes it and is served.
TEST_CASE("A client's next connection resumes its TLS session", "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1);
    std::int64_t seq = 0;
    const auto checkin = [&](RawConnection& c) {
        const std::string body = checkin_body(++seq);
        REQUIRE(
            c.write(signed_head(*f.device, "/v1/checkin", body, "Connection: close\r\n") + body));
        return c.read_until_closed(10).status();
    };
    for (const char* tls12 : {static_cast<const char*>(nullptr), "ECDHE-ECDSA-AES128-GCM-SHA256"}) {
        INFO((tls12 ? "TLS 1.2" : "TLS 1.3"));
        SSL_SESSION* session = nullptr;
        {
            RawConnection first(f.server->port());
            REQUIRE(first.handshake(tls12));
            CHECK_FALSE(first.resumed());
            CHECK(checkin(first) == 200);  // under TLS 1.3 the ticket came with the answer
            session = first.session();
        }
        REQUIRE(session != nullptr);
        RawConnection second(f.server->port());
        const bool shook = second.handshake(tls12, session);
        SSL_SESSION_free(session);
        REQUIRE(shook);
        CHECK(second.resumed());
        CHECK(checkin(second) == 200);
    }
}

TEST_CASE("Connections beyond the per-address cap get 503 with Retry-After, others are served",
          "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1, {{"max_connections_per_address", 3}});
    const int port = f.server->port();
    {
        std::vector<std::unique_ptr<RawConnection>> held;
        for (int i = 0; i < 3; ++i) {
            held.push_back(std::make_unique<RawConnection>(port));
            REQUIRE(held.back()->handshake());
        }
        const auto busy = f.device->checkin(1);  // from 127.0.0.1 as well
        CHECK(busy.status == 503);
        CHECK(busy.error() == "busy");
        CHECK(std::stoi(busy.retry_after) >= 1);
        // Another address is not held back by this one.
        const std::string body = checkin_body(2);
        const RawRead other =
            send_head(port, signed_head(*f.device, "/v1/checkin", body) + body, "127.0.0.2");
        CHECK(other.status() == 200);
    }
    // Once the held connections are closed, the address is served again.
    int status = 0;
    for (int i = 0; i < 50 && status != 200; ++i) {
        status = f.device->checkin(3 + i).status;
        if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(status == 200);
}

TEST_CASE("A request head sent a byte at a time is cut off at the head deadline",
          "[receiver][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1, {{"head_timeout_seconds", 2}});
    const std::string body = checkin_body(1);
    const std::string head = signed_head(*f.device, "/v1/checkin", body);
    RawConnection slow(f.server->port());
    REQUIRE(slow.handshake());
    std::size_t sent = 0;
    bool closed = false;
    // One byte every 0.3 s would take minutes for the whole head; the receiver gives 2 s.
    while (sent < head.size() && !closed) {
        if (!slow.write(head.substr(sent, 1))) break;
        ++sent;
        closed = slow.read_until_closed(0.3).closed;
    }
    CHECK(closed);
    CHECK(sent < head.size() / 4);
    CHECK(f.device->checkin(2).status == 200);
    f.server->stop();
    const std::string log = read_bytes(f.data.dir / "receiver.log");
    CHECK(log.find("\"error\":\"timeout\"") != std::string::npos);
}
