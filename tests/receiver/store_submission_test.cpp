// Submissions: exactly once per (assessment_uuid, version), device rollback, structured rows.
#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "model/zrm.hpp"
#include "store_fixture.hpp"

namespace kt::test {
namespace {

using receiver::InsertStatus;

TEST_CASE("a submission is stored once and a repeat is a duplicate", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    const auto dev = enroll_device(*s, "tablet-1", "d1");
    auto first = s->insert_submission(make_submission("u1", 1, dev, 10, "p1"), make_assessment());
    REQUIRE(first);
    CHECK(first->status == InsertStatus::stored);
    CHECK(s->device(dev)->value().last_seq == 10);

    // The same key again, with the same or another payload, a later seq: the stored row wins.
    auto again = s->insert_submission(make_submission("u1", 1, dev, 11, "p2"), make_assessment());
    REQUIRE(again);
    CHECK(again->status == InsertStatus::duplicate);
    REQUIRE(again->submission);
    CHECK(again->submission->payload_sha256 == "p1");
    CHECK(again->submission->device_seq == 10);
    CHECK(s->device(dev)->value().last_seq == 10);

    auto stored = s->submission("u1", 1);
    REQUIRE(stored->has_value());
    CHECK(stored->value().record_sha256 == "record-u1");
    CHECK(stored->value().sealed_payload == "c2VhbGVk");
    CHECK(stored->value().receipt_signature_hex == "sig-u1");
    CHECK(stored->value().receiver_time == 5000);
    CHECK_FALSE(s->submission("u1", 2)->has_value());
    CHECK(s->count_submissions().value() == 1);
}

TEST_CASE("a new submission with an old device sequence is a rollback", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    const auto dev = enroll_device(*s, "tablet-1", "d1");
    REQUIRE(s->insert_submission(make_submission("u1", 1, dev, 10), make_assessment()));
    for (std::int64_t seq : {10, 3}) {
        auto r = s->insert_submission(make_submission("u2", 1, dev, seq), make_assessment());
        REQUIRE(r);
        CHECK(r->status == InsertStatus::rolled_back);
        CHECK_FALSE(r->submission);
    }
    CHECK_FALSE(s->submission("u2", 1)->has_value());
    CHECK(s->count_submissions().value() == 1);
    auto later = s->insert_submission(make_submission("u1", 2, dev, 11), make_assessment());
    CHECK(later->status == InsertStatus::stored);
    auto unknown = s->insert_submission(make_submission("u3", 1, "nobody", 99), make_assessment());
    CHECK(unknown.error().code == ErrorCode::not_found);
    auto bad = make_assessment();
    bad.domains.pop_back();
    CHECK(s->insert_submission(make_submission("u4", 1, dev, 20), bad).error().code ==
          ErrorCode::usage);
    bad = make_assessment();
    bad.kind = "other";
    CHECK(s->insert_submission(make_submission("u4", 1, dev, 20), bad).error().code ==
          ErrorCode::usage);
    CHECK(s->count_submissions().value() == 2);
}

// T-25 at the storage layer: 8 threads send every key; two devices race on each key, so both
// the device-row wait and the UNIQUE violation paths are taken.
TEST_CASE("concurrent inserts of the same keys leave one row per key", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    const std::string devs[2] = {enroll_device(*s, "tablet-a", "da"),
                                 enroll_device(*s, "tablet-b", "db")};
    constexpr int kThreads = 8;
    constexpr int kKeys = 150;
    std::atomic<int> ready{0}, stored{0}, duplicate{0}, other{0};
    std::mutex errors_mutex;
    std::vector<std::string> errors;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            ++ready;
            while (ready < kThreads)
                std::this_thread::yield();
            for (int k = 0; k < kKeys; ++k) {
                auto sub = make_submission("key-" + std::to_string(k), 1, devs[t % 2], k + 1);
                auto r = s->insert_submission(sub, make_assessment());
                if (r && r->status == InsertStatus::stored)
                    ++stored;
                else if (r && r->status == InsertStatus::duplicate)
                    ++duplicate;
                else {
                    ++other;
                    std::lock_guard lock(errors_mutex);
                    errors.push_back(r ? "rolled_back" : r.error().detail);
                }
            }
        });
    for (auto& th : threads)
        th.join();
    INFO((errors.empty() ? std::string() : errors.front()));
    CHECK(other == 0);
    CHECK(stored == kKeys);
    CHECK(duplicate == kThreads * kKeys - kKeys);
    CHECK(s->count_submissions().value() == kKeys);
    CHECK(s->count_duplicate_keys().value() == 0);
    int assessments = 0;
    REQUIRE(s->for_each_assessment([&](const receiver::StoredAssessment& a) {
        CHECK(a.data.domains.size() == 13);
        ++assessments;
        return true;
    }));
    CHECK(assessments == kKeys);
}

TEST_CASE("structured assessments stream back complete and in key order", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    const auto dev = enroll_device(*s, "tablet-1", "d1");
    constexpr int kCount = 450;  // more than two pages
    for (int i = 0; i < kCount; ++i) {
        char uuid[16];
        std::snprintf(uuid, sizeof uuid, "u%04d", i / 2);
        auto a = make_assessment("Wijk" + std::to_string(i));
        if (i == 0) a.age_years.reset();
        REQUIRE(s->insert_submission(make_submission(uuid, 1 + i % 2, dev, i + 1), a)->status ==
                InsertStatus::stored);
    }
    std::vector<receiver::StoredAssessment> seen;
    REQUIRE(s->for_each_assessment([&](const receiver::StoredAssessment& a) {
        seen.push_back(a);
        return true;
    }));
    REQUIRE(seen.size() == kCount);
    for (std::size_t i = 1; i < seen.size(); ++i)
        CHECK(std::make_pair(seen[i - 1].assessment_uuid, seen[i - 1].version) <
              std::make_pair(seen[i].assessment_uuid, seen[i].version));
    const auto want = make_assessment("Wijk1");
    const auto& got = seen[1];
    CHECK(got.assessment_uuid == "u0000");
    CHECK(got.version == 2);
    CHECK(got.receiver_time == 5000);
    CHECK(got.data.client_ref == want.client_ref);
    CHECK(got.data.kind == "intake");
    CHECK(got.data.sealed_at == 4000);
    CHECK(got.data.age_years == 47);
    CHECK_FALSE(seen[0].data.age_years.has_value());
    CHECK(got.data.wijk == "Wijk1");
    CHECK(got.data.household == "alone");
    CHECK(got.data.locale_shown == "tr");
    CHECK(got.data.network.people == 7);
    CHECK(got.data.network.overloaded_carers == 2);
    REQUIRE(got.data.domains.size() == 13);
    for (std::size_t i = 0; i < 13; ++i) {
        CHECK(got.data.domains[i].domain_id == zrm::kDomains[i]);
        CHECK(got.data.domains[i].level == want.domains[i].level);
        CHECK(got.data.domains[i].unscored_reason == want.domains[i].unscored_reason);
        CHECK(got.data.domains[i].client_agrees == want.domains[i].client_agrees);
        CHECK(got.data.domains[i].is_goal == want.domains[i].is_goal);
    }
    int calls = 0;
    REQUIRE(s->for_each_assessment([&](const receiver::StoredAssessment&) { return ++calls < 3; }));
    CHECK(calls == 3);
}

}  // namespace
}  // namespace kt::test
