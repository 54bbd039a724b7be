// Schema version 2 (the 13 domain rows of an assessment packed into its own row): a store
// written by version 1 migrates on open, every domain of every existing assessment is read back
// as it was stored (reasons with '|' and '%' too), and the export's scan sees the same.
// Schema version 4 (the sealed TOTP column): a version 3 store's plaintext secrets are handed
// to the console once and leave no plaintext in the row.
#include <catch2/catch.hpp>
#include <map>

#include "model/zrm.hpp"
#include "receiver_store/postgres_backend.hpp"
#include "receiver_store/schema.hpp"
#include "receiver_store/sql_store.hpp"
#include "receiver_store/sqlite_backend.hpp"
#include "store_fixture.hpp"

namespace kt::test {
namespace {

using receiver::DomainRow;

// What version 1 held for domain d of assessment a.
DomainRow v1_domain(int a, std::size_t d) {
    DomainRow row{std::string(zrm::kDomains[d]), {}, "", {}, d == 4};
    if ((d + std::size_t(a)) % 6 == 5)
        row.unscored_reason = d == 5 ? "eigen|tekst 100%" : "not_discussed";
    else
        row.level = 1 + int((d + std::size_t(a)) % 5);
    if (d % 3 == 1) row.client_agrees = false;
    if (d % 3 == 2) row.client_agrees = true;
    return row;
}

Result<std::unique_ptr<receiver::ConnectionSource>> source_for(Backend b,
                                                               const receiver::StoreConfig& c) {
    if (b == Backend::sqlite) return receiver::open_sqlite_source(c.sqlite_path, c.sqlite_key_file);
    return receiver::open_postgres_source(c.postgres_conninfo, 1);
}

// The store's dialect as it was at `version`: its first `version` patches only.
receiver::Dialect dialect_at_version(Backend b, std::size_t version) {
    receiver::Dialect d =
        b == Backend::sqlite ? receiver::sqlite_dialect() : receiver::postgres_dialect();
    d.patches.resize(version);
    return d;
}

// A version 1 store with three assessments of 13 domain rows each, written as version 1 did.
void write_version_1(Backend b, const receiver::StoreConfig& config) {
    auto source = source_for(b, config);
    REQUIRE(source);
    receiver::ConnectionSource* raw = source->get();
    const receiver::Dialect v1 = dialect_at_version(b, 1);  // the store keeps a reference
    receiver::SqlStore store(std::move(source.value()), v1);
    REQUIRE(store.migrate());
    const std::string device = enroll_device(store, "tablet-1", "d1");
    auto lease = raw->acquire();
    REQUIRE(lease);
    receiver::SqlConnection& c = (*lease)->conn();
    for (int a = 0; a < 3; ++a) {
        const std::string uuid = "m" + std::to_string(a);
        REQUIRE(
            c.execute("INSERT INTO submissions VALUES ($1, 1, $2, $3, 'p', 'r', 's', 5000, 'x')",
                      {uuid, device, std::int64_t{a + 1}}));
        REQUIRE(
            c.execute("INSERT INTO assessments VALUES ($1, 1, $2, 'intake', 4000, 47, 'Oost', "
                      "'Team', 'alone', 1, 2, 3, 4, 'nl')",
                      {uuid, "client-" + uuid}));
        for (std::size_t d = 0; d < 13; ++d) {
            const DomainRow row = v1_domain(a, d);
            receiver::Param agrees = nullptr;
            if (row.client_agrees) agrees = std::int64_t{*row.client_agrees ? 1 : 0};
            REQUIRE(c.execute("INSERT INTO assessment_domains VALUES ($1, 1, $2, $3, $4, $5, $6)",
                              {uuid, row.domain_id, receiver::opt_param(row.level),
                               row.unscored_reason, agrees, std::int64_t{row.is_goal ? 1 : 0}}));
        }
    }
}

TEST_CASE("a version 1 store migrates its domain rows into packed columns", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    TempDir dir;
    const receiver::StoreConfig config = new_store_config(b, dir);
    write_version_1(b, config);
    auto store = receiver::open_store(config);
    REQUIRE(store);
    int seen = 0;
    REQUIRE(store.value()->for_each_assessment([&](const receiver::StoredAssessment& s) {
        const int a = s.assessment_uuid.back() - '0';
        REQUIRE(s.data.domains.size() == 13);
        for (std::size_t d = 0; d < 13; ++d) {
            const DomainRow want = v1_domain(a, d), &got = s.data.domains[d];
            INFO(a << " " << want.domain_id);
            CHECK(got.domain_id == want.domain_id);
            CHECK(got.level == want.level);
            CHECK(got.unscored_reason == want.unscored_reason);
            CHECK(got.client_agrees == want.client_agrees);
            CHECK(got.is_goal == want.is_goal);
        }
        CHECK(s.data.network.overloaded_carers == 4);
        return ++seen > 0;
    }));
    CHECK(seen == 3);
    CHECK(store.value()->count_assessments().value() == 3);
    int scanned = 0;
    REQUIRE(store.value()->scan_assessments([&](const receiver::ScannedAssessment& s) {
        const int a = s.assessment_uuid.back() - '0';
        std::string reason;
        CHECK(receiver::scanned_reason(s.reasons, 5, reason));
        CHECK(reason == v1_domain(a, 5).unscored_reason);
        CHECK(s.levels.size() == 13);
        CHECK(s.age_years == 47);
        CHECK(s.client_ref == "client-m" + std::to_string(a));
        return ++scanned > 0;
    }));
    CHECK(scanned == 3);
}

// A version 3 store with anna activated (her TOTP secret in plain text) and bo not yet.
void write_version_3(Backend b, const receiver::StoreConfig& config) {
    auto source = source_for(b, config);
    REQUIRE(source);
    receiver::ConnectionSource* raw = source->get();
    const receiver::Dialect v3 = dialect_at_version(b, 3);  // the store keeps a reference
    receiver::SqlStore store(std::move(source.value()), v3);
    REQUIRE(store.migrate());
    auto lease = raw->acquire();
    REQUIRE(lease);
    for (const char* name : {"anna", "bo"})
        REQUIRE((*lease)->conn().execute(
            "INSERT INTO console_accounts (name, role, teams, created_at) VALUES ($1, 'beheer', "
            "'', 1)",
            {std::string(name)}));
    REQUIRE((*lease)->conn().execute(
        "UPDATE console_accounts SET totp_secret = 'JBSWY3DPEHPK3PXP', password_hash = 'h', "
        "active = 1 WHERE name = 'anna'",
        {}));
}

// The raw totp_secret and totp_sealed of one account.
std::pair<std::string, std::string> raw_totp(Backend b, const receiver::StoreConfig& config,
                                             const std::string& name) {
    auto source = source_for(b, config);
    REQUIRE(source);
    auto lease = source.value()->acquire();
    REQUIRE(lease);
    auto rows = (*lease)->conn().query(
        "SELECT totp_secret, totp_sealed FROM console_accounts WHERE name = $1", {name}, 2);
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    return {receiver::as_text(rows->front()[0]), receiver::as_text(rows->front()[1])};
}

TEST_CASE(
    "a version 3 store's plaintext TOTP secret is handed out once and replaced by its "
    "sealed form",
    "[receiver][store][console]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    TempDir dir;
    const receiver::StoreConfig config = new_store_config(b, dir);
    write_version_3(b, config);
    {
        auto store = receiver::open_store(config);
        REQUIRE(store);
        auto& c = store.value()->console();
        using Plain = std::vector<std::pair<std::string, std::string>>;
        CHECK(c.plaintext_totp().value() == Plain{{"anna", "JBSWY3DPEHPK3PXP"}});
        CHECK(c.account("anna")->value().totp_sealed.empty());
        CHECK_FALSE(c.seal_plaintext_totp("anna", "AAAAAAAAAAAAAAAA", "x1:sealed").value());
        CHECK(c.seal_plaintext_totp("anna", "JBSWY3DPEHPK3PXP", "x1:sealed").value());
        // A second receiver starting at the same time finds it sealed already.
        CHECK_FALSE(c.seal_plaintext_totp("anna", "JBSWY3DPEHPK3PXP", "x1:again").value());
        CHECK(c.plaintext_totp()->empty());
        CHECK(c.account("anna")->value().totp_sealed == "x1:sealed");
        CHECK(c.account("anna")->value().active);
    }
    CHECK(raw_totp(b, config, "anna") == std::pair<std::string, std::string>{"", "x1:sealed"});
}

TEST_CASE("the export's scan reads every stored assessment once, packed", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    const auto dev = enroll_device(*s, "tablet-1", "d1");
    auto odd = make_assessment("Wijk\twith\\tab");
    odd.domains[3].unscored_reason = "a|b%c";
    REQUIRE(s->insert_submission(make_submission("u1", 1, dev, 1), odd)->status ==
            receiver::InsertStatus::stored);
    REQUIRE(s->insert_submission(make_submission("u2", 1, dev, 2), make_assessment())->status ==
            receiver::InsertStatus::stored);
    std::map<std::string, std::string> levels, wijk, reason3;
    REQUIRE(s->scan_assessments([&](const receiver::ScannedAssessment& a) {
        const std::string uuid(a.assessment_uuid);
        levels[uuid] = a.levels;
        wijk[uuid] = a.wijk;
        CHECK(receiver::scanned_reason(a.reasons, 3, reason3[uuid]));
        return true;
    }));
    REQUIRE(levels.size() == 2);
    std::string want;
    for (const auto& d : odd.domains)
        want += d.level ? char('0' + *d.level) : '0';
    CHECK(levels["u1"] == want);
    CHECK(wijk["u1"] == "Wijk\twith\\tab");
    CHECK(reason3["u1"] == "a|b%c");
    CHECK(reason3["u2"] == make_assessment().domains[3].unscored_reason);
    int calls = 0;
    REQUIRE(s->scan_assessments([&](const receiver::ScannedAssessment&) { return ++calls < 1; }));
    CHECK(calls == 1);
    CHECK(s->count_assessments().value() == 2);
}

}  // namespace
}  // namespace kt::test
