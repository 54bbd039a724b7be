// T-42 a wrong device clock (security-tests.md): the tablet's date 5 years ahead, then set 10
// years back (5 years behind) in the middle of the session, with the real receiver on
// loopback. A send fails while the clock is ahead (the receiver is unreachable), so the retry
// times are set by the wrong clock. Sealing works on both sides of the jump, device_seq
// strictly increases over everything the device signs and sends, the automatic pass after
// the jump sends everything, and every receipt carries the receiver's time. The idle lock
// (CLOCK_BOOTTIME) is checked in the program, tests/app/device_clock_test.cpp.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>

#include "e2e_support.hpp"
#include "present/session.hpp"
#include "store/clients.hpp"
#include "store/demo_data.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "sync/outbox.hpp"
#include "util/canonical_json.hpp"

namespace ks = kt::sync;

namespace kt::test {

namespace {

constexpr const char* kPass = "Klok staat verkeerd 2026";
constexpr std::int64_t kFiveYears = 5 * 365 * 24 * 3600;

// The tablet's clock: the real one plus an offset someone set by hand. Timers (monotonic,
// CLOCK_BOOTTIME) are not touched by setting the date.
class DeviceClock final : public Clock {
  public:
    std::int64_t now_utc() const override {
        return m_real.now_utc() + m_offset.load() + m_passed.load();
    }
    double monotonic() const override { return m_real.monotonic() + double(m_passed.load()); }
    /// The date is set: only the wall clock jumps.
    void set_offset(std::int64_t seconds) { m_offset = seconds; }
    /// Time passes: both clocks move on.
    void advance(std::int64_t seconds) { m_passed += seconds; }

  private:
    SystemClock m_real;
    std::atomic<std::int64_t> m_offset{0};
    std::atomic<std::int64_t> m_passed{0};
};

model::Signature drawn(model::Signer who) {
    model::Signature sig;
    sig.signer = who;
    sig.strokes = {{{{0.2f, 0.5f}, {0.5f, 0.7f}, {0.8f, 0.3f}}}};
    return sig;
}

void open_client(present::Session& s, const std::string& family) {
    s.navigate(flow::Back{});  // to the list, wherever the worker was
    std::string id;
    for (const auto& c : s.clients())
        if (c.family_name == family) id = c.id;
    REQUIRE_FALSE(id.empty());
    s.open_client(id);
    REQUIRE(s.state().step == flow::Step::client);
}

// Hands the assessment over, both sign, it is sealed, and the worker comes back.
store::SealInfo review_and_seal(present::Session& s, const std::string& id) {
    s.hand_over(id);
    REQUIRE(s.state().client);
    for (int i = 0; i < zrm::kDomainCount; ++i)
        s.navigate(flow::NextDomain{});
    s.navigate(flow::ToSigning{});
    s.sign(drawn(model::Signer::client));
    s.sign(drawn(model::Signer::worker));
    s.seal();
    INFO(s.error_key());
    REQUIRE(s.error_key().empty());
    REQUIRE(s.assessment()->sealed());
    REQUIRE(s.seal_info().has_value());
    const store::SealInfo info = *s.seal_info();
    s.return_to_worker(store::kDemoPin);
    REQUIRE_FALSE(s.state().client);
    return info;
}

// The device_seq values inside one sealed record: the signatures', then the seal's own.
std::vector<std::int64_t> seqs_in_record(store::Database& db, const std::string& id, int version) {
    auto text = store::sealed_record(db, id, version);
    REQUIRE(text.ok());
    auto record = json::parse(text.value());
    REQUIRE(record.ok());
    std::vector<std::int64_t> out;
    const json::Value* sigs = record->find("signatures");
    REQUIRE(sigs != nullptr);
    REQUIRE(sigs->array() != nullptr);
    for (const auto& sig : *sigs->array())
        out.push_back(ks::int_member(sig, "device_seq").value_or(-1));
    std::sort(out.begin(), out.end());
    out.push_back(ks::int_member(record.value(), "seal_seq").value_or(-1));
    return out;
}

void wait_and_take(present::Session& s) {
    s.wait_for_sync();
    s.tick_sync();  // takes the outcome
}

}  // namespace

TEST_CASE(
    "T-42 the device clock 5 years ahead, then 5 years behind: sealing works, device_seq "
    "rises, the receipts carry the receiver's time",
    "[e2e][security]") {
    ReceiverData data;
    ReceiverProcess receiver(data);
    TempDir dir;
    const fs::path path = create_demo_vault(dir / "v.kt", kPass);
    DeviceClock clock;
    clock.set_offset(kFiveYears);
    const std::int64_t real_start = SystemClock().now_utc();
    present::Session s(path, clock);
    s.unlock(kPass);
    REQUIRE(s.vault_open());
    s.enroll(loopback_url(receiver.port()), data.enroll("tablet-clock"));
    wait_and_take(s);  // may start the first automatic pass (the demo's sealed intake waits)
    REQUIRE(s.sync_panel().enrolled);
    wait_and_take(s);
    auto dek = store::Vault::unlock_data_key(path, kPass);
    REQUIRE(dek.ok());

    // 5 years ahead: sealed; then the receiver is unreachable for a moment, so the retry
    // times (the pass's and the item's) are set 5 years on.
    open_client(s, "Yılmaz");
    const std::string id = s.client_assessments().front().id;
    const auto ahead = review_and_seal(s, id);
    CHECK(ahead.sealed_at > real_start + kFiveYears - 60);
    {
        auto side = store::Vault::open_with_data_key(path, dek.value());
        REQUIRE(side.ok());
        set_receiver_url(side->db(), "https://127.0.0.1:1");
    }
    s.sync_now();
    wait_and_take(s);
    CHECK(s.sync_panel().message_key == "error.sync.offline");
    CHECK(s.sync_panel().next_attempt_at > real_start + kFiveYears - 60);
    {
        auto side = store::Vault::open_with_data_key(path, dek.value());
        REQUIRE(side.ok());
        set_receiver_url(side->db(), loopback_url(receiver.port()));
        // What a failed send of this item stores: try again in a minute, by the wrong clock.
        REQUIRE(ks::mark_failed(side->db(), id, 1, clock.now_utc() + 60, "offline").ok());
    }

    // Someone sets the date 10 years back. The assessment is opened again, finished, sealed.
    clock.set_offset(-kFiveYears);
    open_client(s, "Yılmaz");
    s.reopen(id);
    REQUIRE(s.error_key().empty());
    s.resume_assessment(id);
    s.finish();
    REQUIRE(s.error_key().empty());
    const auto behind = review_and_seal(s, id);
    CHECK(behind.version == 2);
    CHECK(behind.sealed_at < real_start - kFiveYears + 3600);

    // A minute passes (timers); the automatic pass the kiosk starts from its frame loop sends
    // everything, although the stored retry times lie 10 years ahead of the clock now.
    clock.advance(61);
    s.tick_sync();
    CHECK(s.sync_panel().running);
    wait_and_take(s);
    const std::int64_t real_end = SystemClock().now_utc();
    CHECK(s.sync_panel().pending == 0);
    CHECK_FALSE(s.sync_panel().failed);
    s.lock();

    auto v = store::Vault::open_with_data_key(path, dek.value());
    REQUIRE(v.ok());
    auto seals = store::verify_sealed(v->db());
    REQUIRE(seals.ok());
    CHECK(seals->broken == 0);
    CHECK(seals->ok >= 2);

    const auto first = seqs_in_record(v->db(), id, 1);
    const auto second = seqs_in_record(v->db(), id, 2);
    std::vector<std::int64_t> all = first;
    all.insert(all.end(), second.begin(), second.end());
    for (std::size_t i = 1; i < all.size(); ++i)
        CHECK(all[i] > all[i - 1]);
    auto last = v->db().query_int(
        "SELECT CAST(value AS INTEGER) FROM kt_meta WHERE key = "
        "'device_seq'");
    REQUIRE(last.ok());
    CHECK(last.value() > all.back());  // the sync requests took later numbers still

    auto items = ks::list_outbox(v->db());
    REQUIRE(items.ok());
    int on_receiver_time = 0;
    for (const auto& it : items.value()) {
        CAPTURE(it.assessment_id, it.version, it.receipt_at, it.sent_at);
        CHECK(it.sent());
        CHECK(it.receipt_at >= real_start - 5);  // the receiver's clock, not the device's
        CHECK(it.receipt_at <= real_end + 5);
        // Stored on the device's clock, 5 years off one way or the other.
        CHECK(std::abs(it.sent_at - real_end) > kFiveYears - 3600);
        on_receiver_time += it.receipt_at >= real_start - 5 && it.receipt_at <= real_end + 5;
    }
    auto config = ks::load_config(v->db());
    REQUIRE(config.ok());
    auto store = open_receiver_store(data);
    auto device = store->device(config->device_id);
    REQUIRE(device.ok());
    REQUIRE(device->has_value());
    CHECK((*device)->last_seq == last.value());  // every request was above the one before
    CHECK(store->count_submissions().value() == std::int64_t(items->size()));
    std::printf(
        "T-42: device clock +5 y, then -5 y mid-session: 2 seals (sealed_at %+lld s and %+lld s "
        "from the real time) verify; device_seq %lld..%lld strictly rising, the receiver's "
        "last_seq %lld; %d of %zu receipts on the receiver's time (within the test's real "
        "time), the automatic pass after the jump sent everything\n",
        static_cast<long long>(ahead.sealed_at - real_start),
        static_cast<long long>(behind.sealed_at - real_end), static_cast<long long>(all.front()),
        static_cast<long long>(all.back()), static_cast<long long>((*device)->last_seq),
        on_receiver_time, items->size());
}

}  // namespace kt::test
