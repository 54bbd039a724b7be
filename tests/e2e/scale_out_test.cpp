// Scale-out: two receivers on one PostgreSQL behind Debian's nginx in TCP pass-through
// (packaging/nginx-receivers.conf). Devices send sealed submissions through nginx, each
// retrying a submission with the same key and body until a receipt comes back (as the
// outbox does), while a receiver is SIGKILLed at random moments and restarted on its port.
// Then: every submission stored exactly once, every receipt verifies with the receipt key and
// is the one the store holds. The device seeds and kill times are printed (KT_SCALE_SEED
// repeats a run).
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

#include "nginx_front.hpp"
#include "receiver_client.hpp"
#include "receiver_process.hpp"
#include "util/ids.hpp"

using namespace kt::test;
namespace ks = kt::sync;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kDevices = 8;
constexpr int kPerDevice = 25;
constexpr auto kGiveUp = std::chrono::seconds(180);

struct Sent {
    std::string key, record_sha256, payload_sha256;
    ks::Receipt receipt;
};

struct Device {
    std::unique_ptr<SealedSource> source;
    std::unique_ptr<TestDevice> link;
    std::vector<SubmissionBody> bodies;
    std::vector<Sent> sent;
    int retries = 0;
};

// Sends each body until the receiver answers it with a receipt that verifies.
void drive(Device& d, Clock::time_point give_up) {
    for (const auto& b : d.bodies) {
        while (Clock::now() < give_up) {
            const auto r = d.link->submit(b.key, b.body);
            if (r.status == 200 || r.status == 201) {
                auto receipt = ks::parse_receipt(r.json);
                if (receipt.ok()) {
                    d.sent.push_back({b.key, b.record_sha256, b.payload_sha256, receipt.value()});
                    break;
                }
            }
            ++d.retries;  // no answer (a receiver died), 503, 409 in_flight: try again
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

std::uint64_t seed() {
    if (const char* s = std::getenv("KT_SCALE_SEED")) return std::strtoull(s, nullptr, 10);
    return std::random_device{}();
}

}  // namespace

TEST_CASE("Two receivers behind nginx on one PostgreSQL: exactly once while one is killed",
          "[e2e][security]") {
    ::signal(SIGPIPE, SIG_IGN);
    ReceiverData data(ReceiverDb::postgres);
    data.set_config("rate_per_minute", 1000000);
    const int ports[2] = {free_loopback_port(), free_loopback_port()};
    std::unique_ptr<ReceiverProcess> receivers[2];
    for (int i = 0; i < 2; ++i)
        receivers[i] =
            std::make_unique<ReceiverProcess>(data, std::map<std::string, std::string>{}, ports[i]);
    NginxFront front(free_loopback_port(), {ports[0], ports[1]});
    const auto ca = data.dir / "keys" / "tls.crt";
    std::vector<Device> devices(kDevices);
    for (int i = 0; i < kDevices; ++i) {
        auto& d = devices[std::size_t(i)];
        d.source = std::make_unique<SealedSource>(1);
        auto key =
            kt::crypto::signing_key_from_hex(kt::crypto::secret_hex(d.source->device_key).text());
        REQUIRE(key.ok());
        d.link = std::make_unique<TestDevice>(front.port(), ca, std::move(key.value()));
        d.link->enroll_ok(data.enroll("scale-" + std::to_string(i)), data.pin);
        for (int k = 0; k < kPerDevice; ++k)
            d.bodies.push_back(submission_body(d.source->variant(kt::new_uuid()),
                                               d.link->enrolled.box_public_key, ++d.link->seq));
    }
    const std::uint64_t s = seed();
    std::printf("scale-out: seed %llu\n", static_cast<unsigned long long>(s));
    std::mt19937_64 rng(s);
    const auto give_up = Clock::now() + kGiveUp;
    std::vector<std::thread> threads;
    for (auto& d : devices)
        threads.emplace_back(drive, std::ref(d), give_up);
    std::atomic<bool> done{false};
    std::thread watcher([&] {
        for (auto& t : threads)
            t.join();
        done = true;
    });
    int kills = 0;
    while (!done) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 400));
        if (done) break;
        const std::size_t victim = rng() % 2;
        receivers[victim]->kill();
        ++kills;
        std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 300));
        receivers[victim] = std::make_unique<ReceiverProcess>(
            data, std::map<std::string, std::string>{}, ports[victim]);
    }
    watcher.join();
    int retries = 0, verified = 0;
    auto store = open_receiver_store(data);
    for (const auto& d : devices) {
        retries += d.retries;
        CHECK(d.sent.size() == std::size_t(kPerDevice));
        for (const auto& sent : d.sent) {
            INFO(sent.key);
            const auto parts = ks::parse_idempotency_key(sent.key);
            REQUIRE(parts.ok());
            auto stored = store->submission(parts->assessment_uuid, parts->version);
            REQUIRE(stored.ok());
            REQUIRE(stored->has_value());
            const bool ok = ks::verify_receipt(sent.receipt, d.link->enrolled.receipt_public_key) &&
                            sent.receipt.idempotency_key == sent.key &&
                            sent.receipt.record_sha256 == sent.record_sha256 &&
                            sent.receipt.receiver_signature == (*stored)->receipt_signature_hex;
            CHECK(ok);
            verified += ok;
        }
    }
    const auto rows = store->count_submissions();
    const auto duplicates = store->count_duplicate_keys();
    REQUIRE(rows.ok());
    REQUIRE(duplicates.ok());
    std::printf(
        "scale-out: 2 receivers behind nginx, %d devices x %d submissions, %d receiver "
        "SIGKILLs, %d retries: %lld rows, %lld duplicate keys, %d/%d receipts verified\n",
        kDevices, kPerDevice, kills, retries, static_cast<long long>(rows.value()),
        static_cast<long long>(duplicates.value()), verified, kDevices * kPerDevice);
    CHECK(rows.value() == kDevices * kPerDevice);
    CHECK(duplicates.value() == 0);
    CHECK(verified == kDevices * kPerDevice);
    CHECK(kills > 0);
}
