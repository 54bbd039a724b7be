// Hostile load on the real receiver over loopback: 1 000 idle TLS connections and 100 that send
// their request head a byte a second are held open while an ordinary device syncs; then a 30 MB
// body, wrong Content-Lengths, huge headers, HTTP/1.0 and garbage before TLS. Each gets its 4xx
// or a closed connection, the receiver stays up and small, others are served, and no body
// content reaches the log. The attackers come from 127.0.1.x and 127.0.2.x (20 connections per
// address, under the per-address cap), the device from 127.0.0.1.
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "raw_connection.hpp"
#include "receiver_fixture.hpp"

using namespace kt::test;
namespace ks = kt::sync;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kIdle = 1000;
constexpr int kSlow = 100;
constexpr int kPerAddress = 20;
constexpr int kHeadTimeout = 30;  // long enough that no attacker is let go during the measure

std::string source_address(int group, int i) {
    return "127.0." + std::to_string(group) + "." + std::to_string(1 + i / kPerAddress);
}

long rss_kib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// `count` TLS connections that completed their handshake (fewer if some failed).
std::vector<std::unique_ptr<RawConnection>> open_many(int port, int count, int group) {
    std::vector<std::unique_ptr<RawConnection>> out;
    for (int i = 0; i < count; ++i) {
        auto c = std::make_unique<RawConnection>(port, source_address(group, i));
        if (c->handshake()) out.push_back(std::move(c));
    }
    return out;
}

// Sends one more byte of a request head on every slow connection once a second until the
// receiver has closed them all or `give_up` passes; returns how many it closed.
int trickle(std::vector<std::unique_ptr<RawConnection>>& slow, Clock::time_point give_up) {
    const std::string head = "POST /v1/checkin HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    std::vector<bool> closed(slow.size(), false);
    int cut = 0;
    for (std::size_t sent = 0; cut < int(slow.size()) && Clock::now() < give_up; ++sent) {
        for (std::size_t i = 0; i < slow.size(); ++i) {
            if (closed[i]) continue;
            if (slow[i]->closed_now()) {
                closed[i] = true;
                ++cut;
            } else {
                slow[i]->write(sent < head.size() ? head.substr(sent, 1) : std::string("a"));
            }
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    return cut;
}

}  // namespace

TEST_CASE("An ordinary device is served while 1000 idle and 100 slow-header connections are held",
          "[e2e][security]") {
    raise_descriptor_limit();
    ApiFixture f(ReceiverDb::sqlite, 1, {{"head_timeout_seconds", kHeadTimeout}});
    const int port = f.server->port();
    const auto t0 = Clock::now();
    auto slow = open_many(port, kSlow, 2);
    REQUIRE(slow.size() == std::size_t(kSlow));
    int cut = 0;
    std::thread trickler(
        [&] { cut = trickle(slow, t0 + std::chrono::seconds(kHeadTimeout + 15)); });
    auto idle = open_many(port, kIdle, 1);
    const double opened = seconds_since(t0);
    CHECK(idle.size() == std::size_t(kIdle));
    std::vector<double> latencies;
    int answered = 0;
    for (int i = 1; i <= 30; ++i) {
        const auto t = Clock::now();
        answered += f.device->checkin(i).status == 200;
        latencies.push_back(seconds_since(t));
    }
    const double measured = seconds_since(t0);
    std::sort(latencies.begin(), latencies.end());
    const double p99 = latencies[std::size_t(double(latencies.size() - 1) * 0.99)];
    const long rss = rss_kib(f.server->pid());
    std::printf(
        "hostile load: %d idle + %d slow-header TLS connections opened in %.1f s; an "
        "ordinary device's checkins: %d of 30 answered, p50 %.0f ms, p99 %.0f ms "
        "(target <= 1000 ms; the machine is shared with other builds); receiver RSS "
        "%ld MiB (target <= 256)\n",
        kIdle, kSlow, opened, answered, latencies[latencies.size() / 2] * 1000, p99 * 1000,
        rss / 1024);
    CHECK(answered == 30);
    CHECK(latencies.back() < 5.0);  // before: 0 of 3 answered within 5 s with 20 slow heads
    CHECK(rss <= 256 * 1024);
    // The attackers were all still held while the device was served (not let go first).
    CHECK(measured < kHeadTimeout);
    int still_open = 0;
    for (auto& c : idle)
        still_open += !c->closed_now();
    CHECK(still_open == int(idle.size()));
    // The slow heads are cut at the head deadline.
    trickler.join();
    CHECK(cut == kSlow);
    idle.clear();
    CHECK(f.server->alive());
    CHECK(f.device->checkin(31).status == 200);
}

TEST_CASE("Malformed transfers each get a 4xx or a closed connection and no body reaches the log",
          "[e2e][security]") {
    ApiFixture f(ReceiverDb::sqlite, 1, {{"head_timeout_seconds", 3}});
    const int port = f.server->port();
    const std::string marker = "BODYMARKER";
    const std::string post = "POST /v1/checkin HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    std::string big(30u << 20, 'x');
    std::copy(marker.begin(), marker.end(), big.begin());
    {
        INFO("30 MB body through an ordinary client");
        httplib::SSLClient c("127.0.0.1", port);
        c.enable_server_certificate_verification(false);
        c.set_read_timeout(10);
        c.set_write_timeout(10);
        auto r = c.Post("/v1/submissions", big, "application/json");
        CHECK((!r || r->status == 413));
        CHECK(rss_kib(f.server->pid()) <= 256 * 1024);
    }
    {
        INFO("Content-Length larger than the body: cut at the deadline");
        RawConnection c(port);
        REQUIRE(c.handshake());
        REQUIRE(c.write(post + "Content-Length: 1000\r\n\r\n{\"" + marker));
        const RawRead r = c.read_until_closed(3 + 10);
        CHECK(r.closed);
        CHECK(r.status() == 0);
    }
    {
        INFO("Content-Length smaller than the body: the rest is a malformed next request");
        RawConnection c(port);
        REQUIRE(c.handshake());
        REQUIRE(c.write(post + "Content-Length: 2\r\n\r\n{}" + marker + " garbage\r\n\r\n"));
        const RawRead r = c.read_until_closed(10);
        CHECK(r.closed);
        CHECK(r.data.find("HTTP/1.1 400") != std::string::npos);
    }
    {
        INFO("1 MiB of headers");
        RawConnection c(port);
        REQUIRE(c.handshake());
        std::string head = post;
        for (int i = 0; head.size() < (1u << 20); ++i)
            head += "X-" + std::to_string(i) + ": " + std::string(100, 'h') + "\r\n";
        c.write(head + "\r\n");  // the receiver may close before all of it is written
        const RawRead r = c.read_until_closed(10);
        CHECK(r.closed);
        CHECK((r.status() == 431 || r.status() == 0));
    }
    {
        INFO("HTTP/1.0 without signature: answered and closed");
        RawConnection c(port);
        REQUIRE(c.handshake());
        REQUIRE(c.write("POST /v1/checkin HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}"));
        const RawRead r = c.read_until_closed(10);
        CHECK(r.status() == 403);
        CHECK(r.closed);
    }
    {
        INFO("garbage before TLS");
        RawConnection c(port);
        REQUIRE(c.connected());
        c.write(random_bytes(4096) + marker);
        const RawRead r = c.read_until_closed(10);
        CHECK(r.closed);
        CHECK(r.status() == 0);
    }
    CHECK(f.server->alive());
    CHECK(f.device->checkin(1).status == 200);
    f.server->stop();
    CHECK(count_occurrences(f.data.dir / "receiver.log", marker) == 0);
    std::ifstream log(f.data.dir / "receiver.log");
    for (std::string line; std::getline(log, line);) {
        INFO(line);
        auto v = kt::json::parse(line);
        REQUIRE(v.ok());
        CHECK_FALSE(ks::text_member(v.value(), "actor").empty());
    }
}
