// T-26 end to end: device → FaultProxy (presenting the receiver's own TLS key, so the pin
// holds) → the real receiver. Per fault, passes on a fake clock: 0 crashes, the outbox intact
// (nothing marked sent without a verified receipt, nothing lost), the next attempt exactly as
// the backoff says (1 s doubling to 15 min, jitter within bounds, ≥ 20 s between passes after
// 5 failures so ≤ 6 requests a fake minute), Retry-After honoured, a clear message key; after
// the faults stop everything arrives exactly once.
#include <catch2/catch.hpp>
#include <cstdio>
#include <random>

#include "e2e_support.hpp"
#include "support/fault_proxy.hpp"
#include "support/sealed_vault.hpp"
#include "sync/backoff.hpp"
#include "sync/outbox.hpp"
#include "sync/sender.hpp"

namespace ks = kt::sync;

namespace kt::test {

namespace {

constexpr const char* kPass = kt::test::kPassphrase;
constexpr int kRetryAfter = 45;

// The enrolled receiver's CurlTransport, counting every request at the fake time it was made.
class CountingTransport final : public ks::Transport {
  public:
    CountingTransport(const ks::SyncConfig& c, ks::TransportLimits limits, const std::int64_t* now)
        : m_inner(c.url, {c.ca_pem, c.tls_pin}, limits), m_now(now) {}
    Result<ks::HttpResponse> request(std::string_view method, std::string_view path,
                                     const std::vector<std::string>& headers,
                                     std::string_view body) override {
        times.push_back(*m_now);
        return m_inner.request(method, path, headers, body);
    }
    std::vector<std::int64_t> times;

  private:
    ks::CurlTransport m_inner;
    const std::int64_t* m_now;
};

struct Expect {
    Fault fault;
    std::vector<ks::SyncStatus> statuses;  // what the device may call it
    bool retry_after = false;
};

const std::vector<Expect>& faults() {
    static const std::vector<Expect> all = {
        {Fault::drop, {ks::SyncStatus::offline, ks::SyncStatus::bad_response}},
        {Fault::drop_after_body, {ks::SyncStatus::offline, ks::SyncStatus::bad_response}},
        {Fault::truncate, {ks::SyncStatus::bad_response}},
        {Fault::commit_then_drop, {ks::SyncStatus::offline, ks::SyncStatus::bad_response}},
        {Fault::garbage_json, {ks::SyncStatus::bad_response}},
        {Fault::server_error, {ks::SyncStatus::server_error}},
        {Fault::unavailable, {ks::SyncStatus::server_error}, true},
        {Fault::rate_limited, {ks::SyncStatus::rate_limited}, true},
        {Fault::stall, {ks::SyncStatus::timeout}},
        {Fault::update_needed, {ks::SyncStatus::update_needed}},
    };
    return all;
}

bool one_of(ks::SyncStatus s, const std::vector<ks::SyncStatus>& list) {
    for (auto x : list)
        if (x == s) return true;
    return false;
}

struct World {
    TempDir tmp;
    ReceiverData data;
    std::unique_ptr<ReceiverProcess> receiver;
    std::unique_ptr<FaultProxy> proxy;
    std::unique_ptr<receiver::Store> store;
    store::Vault vault;
    std::int64_t clock = 1'800'000'000;
    int sealed = 0;
    std::mt19937 rng{26};
    double jitter = 1.0;
    ks::TransportLimits limits{2, 2, 1 << 20};  // a short total timeout: the stall outlasts it

    World()
        : receiver(std::make_unique<ReceiverProcess>(data)),
          vault(create_test_vault(tmp / "v.ktv", kPass)) {
        enroll_vault(vault, data, receiver->port());
        proxy = std::make_unique<FaultProxy>(data.dir / "keys" / "tls.crt",
                                             data.dir / "keys" / "tls.key", receiver->port());
        proxy->set_retry_after(kRetryAfter);
        proxy->set_stall_seconds(4);
        set_receiver_url(vault.db(), loopback_url(proxy->port()));
        store = open_receiver_store(data);
    }

    void seal(int n) {
        add_sealed_assessments(vault.db(), n, 10'000 + sealed * 10);
        sealed += n;
    }

    // One pass at the fake time; `transport` records the requests.
    ks::SyncReport pass(CountingTransport& transport, bool manual = false) {
        ks::SyncOptions o;
        o.now = [this] { return clock; };
        o.jitter = [this] { return jitter; };
        o.wait = [this](std::int64_t s) {
            clock += s;
            return true;
        };
        o.max_wait_seconds = 3600;
        o.manual = manual;
        o.transport = &transport;
        o.limits = limits;
        return ks::sync_now(vault, o);
    }

    CountingTransport transport() {
        return CountingTransport(ks::load_config(vault.db()).value(), limits, &clock);
    }

    // Nothing lost, nothing marked sent without a verified receipt that the receiver holds.
    void check_outbox(int delivered) {
        auto items = ks::list_outbox(vault.db());
        REQUIRE(items.ok());
        CHECK(int(items->size()) == sealed);
        int sent = 0;
        for (const auto& it : items.value()) {
            if (!it.sent()) continue;
            ++sent;
            auto row = store->submission(it.assessment_id, it.version);
            REQUIRE(row.ok());
            CHECK(row->has_value());  // a receipt only for what the receiver stored
        }
        CHECK(sent == delivered);
        CHECK(store->count_duplicate_keys().value() == 0);
    }

    // Passes until the outbox is empty (faults off); returns how many it took.
    int drain(CountingTransport& t) {
        int passes = 0;
        for (;;) {
            auto counts = ks::outbox_counts(vault.db());
            REQUIRE(counts.ok());
            if (counts->pending == 0 || passes >= 10) break;
            auto state = ks::load_state(vault.db());
            clock = std::max({clock, state->next_attempt_at, counts->next_attempt_at});
            const auto r = pass(t);
            INFO(r.detail);
            CHECK((r.status == ks::SyncStatus::ok || r.status == ks::SyncStatus::deferred));
            ++passes;
        }
        return passes;
    }

    void check_everything_delivered_once() {
        auto counts = ks::outbox_counts(vault.db());
        REQUIRE(counts.ok());
        CHECK(counts->pending == 0);
        CHECK(counts->sent == sealed);
        CHECK(store->count_submissions().value() == sealed);
        CHECK(store->count_duplicate_keys().value() == 0);
        check_outbox(sealed);
    }
};

}  // namespace

TEST_CASE(
    "T-26 hostile network end to end: backoff and Retry-After on a fake clock and every "
    "item delivered once after the faults",
    "[security][e2e]") {
    World w;
    w.seal(2);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::printf("\nT-26 hostile network (device -> fault proxy -> real receiver)\n");
    std::printf("| %-16s | %-13s | %-26s | failing passes | requests | gaps (fake s) |\n", "fault",
                "status", "message key");

    for (const auto& e : faults()) {
        INFO("fault " << to_string(e.fault));
        const int delivered = ks::outbox_counts(w.vault.db())->sent;
        w.seal(1);
        auto t = w.transport();
        const int proxy_before = w.proxy->requests();
        w.proxy->script({}, e.fault);
        const int passes = e.fault == Fault::stall ? 6 : 8;
        std::string gaps;
        std::int64_t first_slow_call = 0;
        ks::SyncStatus seen = ks::SyncStatus::ok;
        for (int k = 1; k <= passes; ++k) {
            auto state = ks::load_state(w.vault.db());
            REQUIRE(state.ok());
            REQUIRE(state->failures == k - 1);
            if (k > 1) {
                // One second early: the backoff says later, and nothing goes on the wire.
                w.clock = state->next_attempt_at - 1;
                const std::size_t calls = t.times.size();
                CHECK(w.pass(t).status == ks::SyncStatus::deferred);
                if (e.fault == Fault::rate_limited) {
                    // Even the worker's button waits for a Retry-After.
                    CHECK(w.pass(t, true).status == ks::SyncStatus::deferred);
                }
                CHECK(t.times.size() == calls);
                w.clock = state->next_attempt_at;
            }
            if (k == ks::kSlowAfterFailures + 1) first_slow_call = w.clock;
            w.jitter = unit(w.rng);
            const std::int64_t at = w.clock;
            const auto r = w.pass(t);
            INFO("pass " << k << ": " << r.detail);
            CHECK(one_of(r.status, e.statuses));
            seen = r.status;
            CHECK(std::string(r.message_key()) ==
                  std::string("error.sync.") + ks::to_string(r.status));
            CHECK(r.sent == 0);
            CHECK(w.receiver->alive());
            // The recorded next attempt is the backoff of the k-th failure with this jitter…
            const std::int64_t gap = r.next_attempt_at - at;
            const std::optional<std::int64_t> ra =
                e.retry_after ? std::optional<std::int64_t>(kRetryAfter) : std::nullopt;
            CHECK(gap == ks::backoff_seconds(k, w.jitter, ra));
            // …which is within the documented bounds.
            const std::int64_t ceiling = std::min<std::int64_t>(900, std::int64_t(1) << (k - 1));
            CHECK(gap >= std::max<std::int64_t>(1, ceiling / 2));
            CHECK(gap <= std::max<std::int64_t>({ceiling, k >= 5 ? 20 : 0, ra.value_or(0)}));
            if (k >= 5) CHECK(gap >= 20);
            if (ra) CHECK(gap >= kRetryAfter);
            gaps += (gaps.empty() ? "" : " ") + std::to_string(gap);
            w.check_outbox(delivered);
        }
        // ≤ 6 requests in any fake minute once 5 passes in a row have failed.
        int worst_minute = 0;
        for (std::size_t i = 0; i < t.times.size(); ++i) {
            if (t.times[i] < first_slow_call) continue;
            int n = 0;
            for (std::size_t j = i; j < t.times.size() && t.times[j] < t.times[i] + 60; ++j)
                ++n;
            worst_minute = std::max(worst_minute, n);
        }
        CHECK(worst_minute <= 6);
        const int proxied = w.proxy->requests() - proxy_before;
        CHECK(proxied <= int(t.times.size()));  // the proxy saw no request the device did not make
        if (e.fault == Fault::update_needed) CHECK(seen == ks::SyncStatus::update_needed);
        std::printf("| %-16s | %-13s | %-26s | %14d | %8zu | %s |\n", to_string(e.fault),
                    ks::to_string(seen), ks::message_key(seen), passes, t.times.size(),
                    gaps.c_str());

        // The faults stop: everything arrives, once.
        w.proxy->script({}, Fault::pass);
        w.drain(t);
        w.check_everything_delivered_once();
        CHECK(ks::load_state(w.vault.db())->failures == 0);
    }
    std::fflush(stdout);
}

TEST_CASE("T-26 a fault on a submission itself loses nothing and duplicates nothing",
          "[security][e2e]") {
    World w;
    std::printf("\nT-26 faults on the first submission of a pass (the checkin passes)\n");
    for (const auto& e : faults()) {
        INFO("fault " << to_string(e.fault));
        const int delivered = w.sealed;
        w.seal(2);
        auto t = w.transport();
        w.proxy->script({Fault::pass, e.fault}, Fault::pass);
        const auto r = w.pass(t);
        INFO(r.detail);
        CHECK(one_of(r.status, e.statuses));
        CHECK(r.sent == 0);
        w.check_outbox(delivered);
        const std::int64_t stored_after_fault = w.store->count_submissions().value();
        const int passes = w.drain(t);
        w.check_everything_delivered_once();
        std::printf(
            "  %-16s -> %-13s receiver rows after the fault %lld, %d pass(es) to "
            "converge, %d/%d delivered once\n",
            to_string(e.fault), ks::to_string(r.status), static_cast<long long>(stored_after_fault),
            passes, w.sealed, w.sealed);
    }
    std::fflush(stdout);
}

}  // namespace kt::test
