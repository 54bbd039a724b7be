// kt_bench_receiver: the receiver's ingest on loopback, sealed assessments per
// second with 1, 4 and 16 concurrent devices, on PostgreSQL and on SQLite, then with 32
// devices through Debian's nginx (packaging/nginx-receivers.conf) in front of one and of two
// receivers on one PostgreSQL. It measures the receiver, not the vault: every device is
// enrolled and its requests (sealed boxes, signed headers) are built before the clock starts;
// each device then fires them one after the other on one keep-alive HTTPS connection
// (httplib::SSLClient), all devices at once. Behind nginx each device connects from an
// address of its own (127.0.1.x), as nginx spreads devices over receivers by address.
// A Catch2 program (the receiver test helpers use Catch2), so it is not part of kt_bench.
// KT_BENCH_RECEIVER_REQUESTS sets the submissions per measurement (default 1200),
// KT_BENCH_RECEIVER_THREADS the receiver's `threads` (default 8, also the PostgreSQL pool).
#include <httplib.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench.hpp"
#include "nginx_front.hpp"
#include "receiver_client.hpp"
#include "receiver_process.hpp"
#include "receiver_store/store.hpp"
#include "store/seal.hpp"
#include "sync/wire.hpp"
#include "util/ids.hpp"

namespace {

namespace ks = kt::sync;
using kt::test::ReceiverData;
using kt::test::ReceiverDb;
using kt::test::ReceiverProcess;

struct Prebuilt {
    std::string body;
    httplib::Headers headers;
};

struct Device {
    std::unique_ptr<kt::test::SealedSource> source;  // one sealed assessment, the device key
    std::unique_ptr<kt::test::TestDevice> link;      // enrolled with the current receiver
};

struct Outcome {
    double per_second = 0;
    double p50_ms = 0, p99_ms = 0;
    int stored = 0, failed = 0;
    std::string why;  // the last failure
};

// CPU seconds (user + system) a process has used so far, from /proc/PID/stat.
double cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(stat.substr(close + 2));
    std::string f;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i)
        if (i == 14 || i == 15) ticks += std::stod(f);  // utime, stime
    return ticks / double(::sysconf(_SC_CLK_TCK));
}

// CPU seconds of `parent` and its children now running: the PostgreSQL server's backends.
double tree_cpu_seconds(pid_t parent) {
    double total = cpu_seconds(parent);
    DIR* proc = ::opendir("/proc");
    if (!proc) return total;
    while (const dirent* e = ::readdir(proc)) {
        const pid_t pid = std::atoi(e->d_name);
        if (pid <= 0) continue;
        std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
        std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto close = stat.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream fields(stat.substr(close + 2));
        std::string state;
        pid_t ppid = 0;
        if (fields >> state >> ppid && ppid == parent) total += cpu_seconds(pid);
    }
    ::closedir(proc);
    return total;
}

int requests_per_measurement() {
    const char* e = std::getenv("KT_BENCH_RECEIVER_REQUESTS");
    const int n = e ? std::atoi(e) : 1200;
    return n > 0 ? n : 1200;
}

// `count` distinct submissions of one device: its assessment under fresh uuids, sealed to the
// municipality's key and signed, with growing device_seq.
std::vector<Prebuilt> prebuild(Device& d, int count) {
    std::vector<Prebuilt> out;
    out.reserve(std::size_t(count));
    const std::string app = std::string(kt::store::app_version());
    for (int i = 0; i < count; ++i) {
        const auto payload = d.source->variant(kt::new_uuid());
        const auto b =
            kt::test::submission_body(payload, d.link->enrolled.box_public_key, ++d.link->seq);
        const std::string sig = kt::crypto::sign_hex(
            d.link->key, ks::request_signing_string("POST", "/v1/submissions", b.key, b.body));
        out.push_back({b.body,
                       {{"KT-Device", d.link->enrolled.device_id},
                        {"KT-Signature", sig},
                        {"KT-App-Version", app},
                        {"Idempotency-Key", b.key}}});
    }
    return out;
}

// Binds a device's socket to 127.0.1.(index + 1) before it connects.
httplib::SocketOptions from_own_address(std::size_t index) {
    return [index](int sock) {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(0x7f000100u + std::uint32_t(index % 254) + 1);
        ::bind(sock, reinterpret_cast<const sockaddr*>(&a), sizeof a);
    };
}

// Every device's work at once, each on one keep-alive connection; `own_addresses`: each
// device from an address of its own.
Outcome fire(int port, const std::vector<std::vector<Prebuilt>>& work, bool own_addresses = false) {
    std::atomic<int> ready{0}, stored{0}, failed{0};
    std::atomic<bool> go{false};
    std::mutex why_mutex;
    std::string why;
    std::vector<std::vector<double>> latencies(work.size());
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < work.size(); ++t) {
        threads.emplace_back([&, t] {
            httplib::SSLClient cli("127.0.0.1", port);
            cli.enable_server_certificate_verification(false);  // the bench owns both ends
            cli.set_keep_alive(true);
            cli.set_tcp_nodelay(true);  // as libcurl on the devices
            cli.set_read_timeout(30, 0);
            if (own_addresses) cli.set_socket_options(from_own_address(t));
            ++ready;
            while (!go)
                std::this_thread::yield();
            for (const auto& r : work[t]) {
                const auto t0 = std::chrono::steady_clock::now();
                auto res = cli.Post("/v1/submissions", r.headers, r.body, "application/json");
                latencies[t].push_back(kt::bench::seconds_since(t0) * 1000);
                if (res && res->status == 201) {
                    ++stored;
                } else {
                    ++failed;
                    std::lock_guard lock(why_mutex);
                    why = res ? "HTTP " + std::to_string(res->status) + " " + res->body
                              : "httplib error " + std::to_string(int(res.error()));
                }
            }
        });
    }
    while (ready < int(work.size()))
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const auto t0 = std::chrono::steady_clock::now();
    go = true;
    for (auto& t : threads)
        t.join();
    const double secs = kt::bench::seconds_since(t0);
    std::vector<double> all;
    for (const auto& l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    return {double(stored) / secs,
            kt::bench::percentile(all, 50),
            kt::bench::percentile(all, 99),
            stored,
            failed,
            why};
}

void bench_backend(ReceiverDb kind, const char* name, std::vector<Device>& devices) {
    ReceiverData data(kind);
    data.set_config("rate_per_minute", 1000000);  // the bench measures ingest, not the limit
    if (const char* t = std::getenv("KT_BENCH_RECEIVER_THREADS"))
        data.set_config("threads", std::atoi(t));
    ReceiverProcess server(data);
    const auto ca = data.dir / "keys" / "tls.crt";
    for (std::size_t i = 0; i < devices.size(); ++i) {
        auto& d = devices[i];
        auto secret = d.source->vault.db().query_text(
            "SELECT value FROM kt_meta WHERE key = 'device_sign_secret'");
        REQUIRE(secret.ok());
        auto key = kt::crypto::signing_key_from_hex(secret.value());
        REQUIRE(key.ok());
        d.link = std::make_unique<kt::test::TestDevice>(server.port(), ca, std::move(key.value()));
        d.link->enroll_ok(data.enroll("bench-" + std::to_string(i)), data.pin);
    }
    const int total = requests_per_measurement();
    std::int64_t expected_rows = 0;
    for (const int n : {1, 4, 16}) {
        std::vector<std::vector<Prebuilt>> work;
        for (int i = 0; i < n; ++i)
            work.push_back(prebuild(devices[std::size_t(i)], total / n));
        if (n == 1) std::printf("(%s: request body %zu bytes)\n", name, work[0][0].body.size());
        const bool pg = kind == ReceiverDb::postgres;
        const double cpu0 = cpu_seconds(server.pid());
        const double pg0 = pg ? tree_cpu_seconds(kt::test::shared_postgres_pid()) : 0;
        const Outcome o = fire(server.port(), work);
        const double cpu_ms = (cpu_seconds(server.pid()) - cpu0) * 1000 / std::max(1, o.stored);
        const double pg_ms = pg ? (tree_cpu_seconds(kt::test::shared_postgres_pid()) - pg0) * 1000 /
                                      std::max(1, o.stored)
                                : 0;
        expected_rows += o.stored;
        // A figure, not an assertion: a request the receiver did not store is counted and shown.
        if (o.failed > 0)
            std::printf("(%d of %d requests not stored; the last: %s)\n", o.failed,
                        o.failed + o.stored, o.why.substr(0, 200).c_str());
        const std::string what = std::string("receiver ingest, ") + name + ", " +
                                 std::to_string(n) + (n == 1 ? " device" : " devices");
        kt::bench::row(what, kt::bench::fmt("%.0f /s, p99 %.1f ms", o.per_second, o.p99_ms),
                       kind == ReceiverDb::postgres ? ">= 2000 /s" : "");
        kt::bench::row("  receiver CPU per stored submission", kt::bench::fmt("%.2f ms", cpu_ms),
                       pg ? "<= 0.30 ms" : "");
        if (pg)
            kt::bench::row("  PostgreSQL CPU per stored submission",
                           kt::bench::fmt("%.2f ms", pg_ms), "");
        std::fflush(stdout);
    }
    server.stop();
    kt::receiver::StoreConfig c;
    c.postgres_conninfo = data.db;
    c.sqlite_path = data.dir / "receiver.db";
    c.sqlite_key_file = data.dir / "keys" / "store.key";
    c.postgres_pool_size = 1;
    auto store = kt::receiver::open_store(c);
    REQUIRE(store.ok());
    auto rows = store.value()->count_submissions();
    REQUIRE(rows.ok());
    CHECK(rows.value() == expected_rows);
}

// Enrolls `devices` with the receiver at `port` (a receiver of `data`).
void enroll_all(ReceiverData& data, int port, std::vector<Device>& devices) {
    const auto ca = data.dir / "keys" / "tls.crt";
    for (std::size_t i = 0; i < devices.size(); ++i) {
        auto& d = devices[i];
        auto key =
            kt::crypto::signing_key_from_hex(kt::crypto::secret_hex(d.source->device_key).text());
        REQUIRE(key.ok());
        d.link = std::make_unique<kt::test::TestDevice>(port, ca, std::move(key.value()));
        d.link->enroll_ok(data.enroll("nginx-" + std::to_string(i)), data.pin);
    }
}

// 32 devices through nginx in front of one, then two receivers on one PostgreSQL: ingest,
// each receiver's CPU and PostgreSQL's, and every submission stored exactly once.
void bench_nginx(std::vector<Device>& devices) {
    ReceiverData data(ReceiverDb::postgres);
    data.set_config("rate_per_minute", 1000000);
    data.set_config("max_connections_per_address", 2000);  // behind nginx: nginx's address
    data.set_config("enroll_rate_per_minute", 1000);       // 32 enrollments from this one address
    if (const char* t = std::getenv("KT_BENCH_RECEIVER_THREADS"))
        data.set_config("threads", std::atoi(t));
    ReceiverProcess first(data), second(data);
    enroll_all(data, first.port(), devices);
    const int total = requests_per_measurement();
    std::int64_t expected_rows = 0;
    for (const int receivers : {1, 2}) {
        std::vector<std::vector<Prebuilt>> work;
        for (auto& d : devices)
            work.push_back(prebuild(d, std::max(1, total / int(devices.size()))));
        const std::vector<int> upstreams = receivers == 1
                                               ? std::vector<int>{first.port()}
                                               : std::vector<int>{first.port(), second.port()};
        kt::test::NginxFront front(kt::test::free_loopback_port(), upstreams);
        const double a0 = cpu_seconds(first.pid()), b0 = cpu_seconds(second.pid());
        const double pg0 = tree_cpu_seconds(kt::test::shared_postgres_pid());
        const Outcome o = fire(front.port(), work, true);
        const double per = 1000.0 / std::max(1, o.stored);
        const double a_ms = (cpu_seconds(first.pid()) - a0) * per;
        const double b_ms = (cpu_seconds(second.pid()) - b0) * per;
        const double pg_ms = (tree_cpu_seconds(kt::test::shared_postgres_pid()) - pg0) * per;
        expected_rows += o.stored;
        if (o.failed > 0)
            std::printf("(%d of %d requests not stored; the last: %s)\n", o.failed,
                        o.failed + o.stored, o.why.substr(0, 200).c_str());
        kt::bench::row("nginx, " + std::to_string(receivers) + " receiver" +
                           (receivers == 1 ? "" : "s") + ", PostgreSQL, " +
                           std::to_string(devices.size()) + " devices",
                       kt::bench::fmt("%.0f /s, p99 %.1f ms", o.per_second, o.p99_ms), "");
        kt::bench::row("  CPU per stored submission: receivers",
                       receivers == 1 ? kt::bench::fmt("%.2f ms", a_ms)
                                      : kt::bench::fmt("%.2f + %.2f ms", a_ms, b_ms),
                       "");
        kt::bench::row("  CPU per stored submission: PostgreSQL", kt::bench::fmt("%.2f ms", pg_ms),
                       "");
        std::fflush(stdout);
    }
    auto store = kt::test::open_receiver_store(data);
    const auto rows = store->count_submissions();
    const auto duplicates = store->count_duplicate_keys();
    REQUIRE(rows.ok());
    REQUIRE(duplicates.ok());
    kt::bench::row("  stored exactly once (nginx runs)",
                   std::to_string(rows.value()) + " rows of " + std::to_string(expected_rows) +
                       ", " + std::to_string(duplicates.value()) + " duplicate keys",
                   "exactly once");
    CHECK(rows.value() == expected_rows);
    CHECK(duplicates.value() == 0);
}

}  // namespace

TEST_CASE("receiver ingest on loopback with 1 4 and 16 devices", "[bench]") {
    ::signal(SIGPIPE, SIG_IGN);  // a connection the receiver closed is an error, not the end
    std::vector<Device> devices(16);
    for (auto& d : devices)
        d.source = std::make_unique<kt::test::SealedSource>(1);
    const char* threads = std::getenv("KT_BENCH_RECEIVER_THREADS");
    std::printf("receiver ingest: %d submissions per measurement, receiver threads %s\n",
                requests_per_measurement(), threads ? threads : "8 (default)");
    std::printf("| %-44s | %-22s | %-14s |\n", "measure", "figure", "target");
    std::printf("|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(24, '-').c_str(),
                std::string(16, '-').c_str());
    bench_backend(ReceiverDb::postgres, "PostgreSQL", devices);
    bench_backend(ReceiverDb::sqlite, "SQLite", devices);
    devices.resize(32);
    for (auto& d : devices)
        if (!d.source) d.source = std::make_unique<kt::test::SealedSource>(1);
    bench_nginx(devices);
}
