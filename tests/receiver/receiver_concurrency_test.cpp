// Exactly once under concurrency and crashes: T-25 (the same request twice in parallel
// 1000 times) and the crash hook for T-24 (killed after the commit, before the response).
#include <sys/wait.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "receiver_fixture.hpp"
#include "util/ids.hpp"

using namespace kt::test;
namespace ks = kt::sync;

namespace {

constexpr int kPairs = 1000;

// Both threads wait here until the other one arrived, then send at once.
class Barrier {
  public:
    void arrive_and_wait(int round) {
        m_count.fetch_add(1);
        while (m_count.load() < 2 * (round + 1))
            std::this_thread::yield();
    }

  private:
    std::atomic<int> m_count{0};
};

bool acceptable_pair(const HttpReply& a, const HttpReply& b) {
    const HttpReply& first = a.status == 201 ? a : b;
    const HttpReply& second = a.status == 201 ? b : a;
    if (first.status != 201) return false;
    if (second.status == 200) return second.body == first.body;  // the same receipt
    return second.status == 409 && second.error() == "in_flight";
}

}  // namespace

TEST_CASE("T-25: the same submission sent twice in parallel 1000 times leaves no duplicate row",
          "[receiver][security]") {
    const ReceiverDb db = GENERATE(ReceiverDb::sqlite, ReceiverDb::postgres);
    INFO(db_name(db));
    ApiFixture f(db, 1, {{"rate_per_minute", 1000000}});
    auto& d = *f.device;
    std::vector<SubmissionBody> bodies;
    for (int i = 0; i < kPairs; ++i)
        bodies.push_back(
            submission_body(f.source.variant(kt::new_uuid()), d.enrolled.box_public_key, i + 1));
    std::vector<HttpReply> left(kPairs), right(kPairs);
    Barrier barrier;
    auto worker = [&](std::vector<HttpReply>& out) {
        for (int i = 0; i < kPairs; ++i) {
            barrier.arrive_and_wait(i);
            out[std::size_t(i)] = d.submit(bodies[std::size_t(i)].key, bodies[std::size_t(i)].body);
        }
    };
    std::thread a(worker, std::ref(left)), b(worker, std::ref(right));
    a.join();
    b.join();
    int bad = 0, in_flight = 0;
    for (int i = 0; i < kPairs; ++i) {
        const auto& l = left[std::size_t(i)];
        const auto& r = right[std::size_t(i)];
        if (!acceptable_pair(l, r)) {
            if (++bad <= 3)
                WARN("pair " << i << ": " << l.status << " " << l.body << " / " << r.status << " "
                             << r.body);
        }
        in_flight += (l.status == 409) + (r.status == 409);
    }
    WARN(db_name(db) << ": " << kPairs << " pairs, " << in_flight << " answered 409 in_flight");
    CHECK(bad == 0);
    REQUIRE(f.server->alive());
    auto store = f.open_store();
    CHECK(store->count_submissions().value() == kPairs);
    CHECK(store->count_duplicate_keys().value() == 0);
}

TEST_CASE("SIGTERM stops the receiver cleanly", "[receiver]") {
    ApiFixture f(ReceiverDb::sqlite, 1);
    REQUIRE(f.device->checkin(1).status == 200);
    const int status = f.server->stop();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

#ifdef KT_TEST_HOOKS
TEST_CASE("Killed after the commit and before the response the retry gets the stored receipt",
          "[receiver][security]") {
    const ReceiverDb db = GENERATE(ReceiverDb::sqlite, ReceiverDb::postgres);
    INFO(db_name(db));
    ApiFixture f(db, 2);
    auto& d = *f.device;
    const auto body = submission_body(f.source.payload(0), d.enrolled.box_public_key, 1);
    f.restart({{"KT_RECEIVER_CRASH_AT", "before_commit"}});
    CHECK(d.submit(body.key, body.body).status == 0);  // no answer: the process died
    int status = f.server->wait();
    CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
    f.restart({{"KT_RECEIVER_CRASH_AT", "after_commit"}});
    CHECK(d.receipt(body.key).status == 404);  // nothing was committed before the crash
    CHECK(d.submit(body.key, body.body).status == 0);
    status = f.server->wait();
    CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
    f.restart();
    const auto retry = d.submit(body.key, body.body);
    INFO(retry.body);
    REQUIRE(retry.status == 200);  // committed before the crash: the stored receipt
    auto receipt = ks::parse_receipt(retry.json);
    REQUIRE(receipt.ok());
    CHECK(ks::verify_receipt(receipt.value(), d.enrolled.receipt_public_key));
    auto store = f.open_store();
    CHECK(store->count_submissions().value() == 1);
}
#endif
