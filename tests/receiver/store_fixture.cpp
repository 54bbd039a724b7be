#include "store_fixture.hpp"

#include <atomic>
#include <catch2/catch.hpp>

#include "model/zrm.hpp"
#include "support/postgres_server.hpp"

namespace kt::test {

namespace {

PostgresServer& shared_postgres() {
    static std::unique_ptr<PostgresServer> server = [] {
        auto s = PostgresServer::start();
        if (!s) FAIL("PostgreSQL test server: " << s.error().detail);
        return std::move(s.value());
    }();
    return *server;
}

std::unique_ptr<receiver::Store> open_or_fail(const receiver::StoreConfig& config) {
    auto s = receiver::open_store(config);
    if (!s) FAIL("open_store: " << s.error().detail);
    return std::move(s.value());
}

}  // namespace

const char* backend_name(Backend b) {
    return b == Backend::sqlite ? "sqlite" : "postgres";
}

receiver::StoreConfig new_store_config(Backend b, const TempDir& dir) {
    receiver::StoreConfig config;
    if (b == Backend::sqlite) {
        config.sqlite_path = dir / "receiver.db";
        config.sqlite_key_file = dir / "receiver.key";
    } else {
        static std::atomic<int> counter{0};
        auto info = shared_postgres().create_database("store_" + std::to_string(++counter));
        if (!info) FAIL("create database: " << info.error().detail);
        config.postgres_conninfo = info.value();
    }
    return config;
}

StoreUnderTest open_test_store(Backend b) {
    StoreUnderTest t;
    t.backend = b;
    t.dir = std::make_unique<TempDir>();
    t.config = new_store_config(b, *t.dir);
    t.store = open_or_fail(t.config);
    return t;
}

void StoreUnderTest::reopen() {
    store.reset();
    store = open_or_fail(config);
}

std::string enroll_device(receiver::Store& s, const std::string& name, const std::string& id,
                          std::int64_t now) {
    const std::string code = "code-" + id;
    REQUIRE(s.add_enrollment({name, "Oost", code, now, now + 86400}));
    auto dev = s.complete_enrollment(code, id, "pk-" + id, now);
    REQUIRE(dev);
    return dev->id;
}

receiver::Submission make_submission(const std::string& uuid, std::int64_t version,
                                     const std::string& device_id, std::int64_t seq,
                                     const std::string& payload_sha) {
    return receiver::Submission{uuid,       version,     device_id,
                                seq,        payload_sha, "record-" + uuid,
                                "c2VhbGVk", 5000,        "sig-" + uuid};
}

receiver::StructuredAssessment make_assessment(const std::string& marker) {
    receiver::StructuredAssessment a;
    a.client_ref = "client-" + marker;
    a.kind = "intake";
    a.sealed_at = 4000;
    a.age_years = 47;
    a.wijk = marker;
    a.team = "Oost";
    a.household = "alone";
    int i = 0;
    for (auto id : zrm::kDomains) {
        receiver::DomainRow d{std::string(id), {}, "", {}, false};
        if (i % 4 == 3) {
            d.unscored_reason = "not_discussed";
        } else {
            d.level = 1 + i % 5;
            d.client_agrees = i % 2 == 0;
        }
        d.is_goal = i == 2;
        a.domains.push_back(d);
        ++i;
    }
    a.network = {7, 4, 1, 2};
    a.locale_shown = "tr";
    return a;
}

}  // namespace kt::test
