// The transactional outbox (security-tests.md §3.7): a seal writes its outbox row in the same
// transaction, a failed seal leaves none, and a vault sealed before the outbox existed gets
// rows for every sealed version when it is opened.
#include "sync/outbox.hpp"

#include <catch2/catch.hpp>

#include "../store/review_fixture.hpp"
#include "store/migrations.hpp"
#include "sync/config.hpp"
#include "sync/profile.hpp"

namespace ks = kt::sync;
namespace store = kt::store;

TEST_CASE("sealing writes the outbox row in the same transaction") {
    kt::test::ReviewFixture f;
    f.review_and_sign();
    auto before = ks::outbox_counts(f.vault.db());
    REQUIRE(before.ok());
    CHECK(before->pending == 0);
    const auto info = f.seal(3000);
    auto items = ks::list_outbox(f.vault.db());
    REQUIRE(items.ok());
    REQUIRE(items->size() == 1);
    CHECK(items->at(0).assessment_id == f.id);
    CHECK(items->at(0).version == info.version);
    CHECK(items->at(0).created_at == 3000);
    CHECK_FALSE(items->at(0).sent());
    CHECK(items->at(0).attempts == 0);
    // A reopened and resealed assessment adds version 2 beside version 1.
    REQUIRE(store::reopen_sealed(f.vault.db(), f.id, 3100).ok());
    REQUIRE(store::finish_assessment(f.vault.db(), f.id, 3150).ok());
    f.review_and_sign(3200);
    f.seal(3300);
    auto counts = ks::outbox_counts(f.vault.db());
    REQUIRE(counts.ok());
    CHECK(counts->pending == 2);
    CHECK(counts->sent == 0);
}

TEST_CASE("a seal that fails after its outbox insert leaves no outbox row") {
    kt::test::ReviewFixture f;
    f.review_and_sign();
    // The seal's audit row is written after the outbox row; make it fail.
    REQUIRE(f.vault.db()
                .exec("CREATE TEMP TRIGGER no_seal BEFORE INSERT ON audit "
                      "WHEN NEW.action = 'assessment_sealed' BEGIN SELECT RAISE(ABORT, 'x'); END")
                .ok());
    auto sealed = store::seal_assessment(f.vault.db(), f.id, f.context(), 3000);
    CHECK_FALSE(sealed.ok());
    auto counts = ks::outbox_counts(f.vault.db());
    REQUIRE(counts.ok());
    CHECK(counts->pending == 0);
    auto seal = store::latest_seal(f.vault.db(), f.id);
    REQUIRE(seal.ok());
    CHECK_FALSE(seal->has_value());
    REQUIRE(f.vault.db().exec("DROP TRIGGER no_seal").ok());
    f.seal(3100);
    CHECK(ks::outbox_counts(f.vault.db())->pending == 1);
}

TEST_CASE("a vault sealed before the outbox existed gets outbox rows when it is opened") {
    kt::test::TempDir dir;
    const auto path = dir / "old.ktv";
    std::string id;
    {
        kt::test::ReviewFixture f;
        f.review_and_sign();
        f.seal(3000);
        id = f.id;
        // Back to schema 5: as a vault written before migration 6.
        REQUIRE(f.vault.db()
                    .exec("DROP TABLE outbox; DELETE FROM kt_meta WHERE key = "
                          "'sync_retention_days'; PRAGMA user_version = 5;")
                    .ok());
        f.vault.close();
        std::filesystem::copy_file(f.dir / "v.ktv", path);
        std::filesystem::copy_file(f.dir / "v.ktv.key", dir / "old.ktv.key");
    }
    auto v = store::Vault::open(path, kt::test::kPassphrase);
    REQUIRE(v.ok());
    CHECK(v->db().query_int("PRAGMA user_version").value() == store::schema_version());
    auto items = ks::list_outbox(v->db());
    REQUIRE(items.ok());
    REQUIRE(items->size() == 1);
    CHECK(items->at(0).assessment_id == id);
    CHECK(items->at(0).created_at == 3000);
    auto config = ks::load_config(v->db());
    REQUIRE(config.ok());
    CHECK(config->retention_days == 30);
    CHECK_FALSE(config->enrolled());
}

TEST_CASE("the profile carries age at sealing and household type and nothing else") {
    CHECK(ks::age_in_years("1979-06-15", 1781000000) == 46);  // 2026-06-09
    CHECK(ks::age_in_years("1979-06-01", 1781000000) == 47);
    CHECK_FALSE(ks::age_in_years("", 1781000000).has_value());
    CHECK_FALSE(ks::age_in_years("15-06-1979", 1781000000).has_value());
    kt::model::Client c;
    CHECK(ks::household_type(c) == "alone");
    c.household.push_back({kt::model::Relation::partner, 50});
    CHECK(ks::household_type(c) == "partner");
    c.household.push_back({kt::model::Relation::child, 8});
    CHECK(ks::household_type(c) == "children");
    c.household = {{kt::model::Relation::housemate, 30}};
    CHECK(ks::household_type(c) == "other");
    auto json = ks::profile_json({47, "Centrum", "Oost", "alone"});
    REQUIRE(json.ok());
    CHECK(json.value() == R"({"age_years":47,"household":"alone","team":"Oost","wijk":"Centrum"})");
    auto back = ks::parse_profile_json(json.value());
    REQUIRE(back.ok());
    CHECK(back->age_years == 47);
    CHECK(back->household == "alone");
}
