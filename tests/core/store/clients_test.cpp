// Client records in the vault, and how a Dutch name is shown and sorted.
#include "store/clients.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::model::Client;
namespace store = kt::store;

namespace {

struct Fixture {
    kt::test::TempDir dir;
    store::Vault vault = kt::test::create_test_vault(dir / "v.ktv", kt::test::kPassphrase);

    std::int64_t count() {
        auto n = vault.db().query_int("SELECT count(*) FROM client");
        REQUIRE(n.ok());
        return n.value();
    }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "a client is stored with every field and read back unchanged") {
    const Client in{"", "IJsbrand", "van", "Dijk", "1958-03-14", "Centrum", "", {}, {}};
    auto id = store::add_client(vault.db(), in, 1000);
    REQUIRE(id.ok());
    CHECK(id->size() == 36);
    auto out = store::get_client(vault.db(), id.value());
    REQUIRE(out.ok());
    CHECK(out->id == id.value());
    CHECK(out->given_name == "IJsbrand");
    CHECK(out->tussenvoegsel == "van");
    CHECK(out->family_name == "Dijk");
    CHECK(out->birth_date == "1958-03-14");
    CHECK(out->wijk == "Centrum");
}

TEST_CASE_METHOD(Fixture, "names with Turkish and Polish letters survive the round trip") {
    auto a = store::add_client(vault.db(), {"", "Özlem", "", "Yılmaz", "", "", "", {}, {}}, 1);
    auto b =
        store::add_client(vault.db(), {"", "Agnieszka", "", "Wójcik", "", "Oost", "", {}, {}}, 1);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(store::get_client(vault.db(), a.value())->family_name == "Yılmaz");
    CHECK(store::get_client(vault.db(), b.value())->family_name == "Wójcik");
}

TEST_CASE_METHOD(Fixture, "a client without any name is refused and nothing is stored") {
    auto id =
        store::add_client(vault.db(), {"", "", "van", "", "1990-01-01", "Zuid", "", {}, {}}, 1);
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().code == ErrorCode::usage);
    CHECK(count() == 0);
}

TEST_CASE_METHOD(Fixture, "a client with only a given name or only a family name is accepted") {
    CHECK(store::add_client(vault.db(), {"", "Fatima", "", "", "", "", "", {}, {}}, 1).ok());
    CHECK(store::add_client(vault.db(), {"", "", "", "Bouzid", "", "", "", {}, {}}, 1).ok());
    CHECK(count() == 2);
}

TEST_CASE_METHOD(Fixture, "the client list holds every stored client once") {
    std::set<std::string> ids;
    for (const char* family : {"Bakker", "Horst", "Vries", "Amrani"}) {
        auto id = store::add_client(vault.db(), {"", "X", "", family, "", "", "", {}, {}}, 1);
        REQUIRE(id.ok());
        ids.insert(id.value());
    }
    auto list = store::list_clients(vault.db());
    REQUIRE(list.ok());
    std::set<std::string> listed;
    for (const auto& c : list.value())
        listed.insert(c.id);
    CHECK(list->size() == 4);
    CHECK(listed == ids);
}

TEST_CASE_METHOD(Fixture, "an unknown client id reports not_found") {
    auto c = store::get_client(vault.db(), "00000000-0000-4000-8000-000000000000");
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == ErrorCode::not_found);
}

TEST_CASE_METHOD(Fixture, "a given id is kept and a second client with that id is refused") {
    const std::string fixed = "11111111-2222-4333-8444-555555555555";
    auto first =
        store::add_client(vault.db(), {fixed, "Ria", "ter", "Horst", "", "", "", {}, {}}, 1);
    REQUIRE(first.ok());
    CHECK(first.value() == fixed);
    auto second =
        store::add_client(vault.db(), {fixed, "Sanne", "", "Bakker", "", "", "", {}, {}}, 2);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == ErrorCode::invalid_state);
    CHECK(count() == 1);
    CHECK(store::get_client(vault.db(), fixed)->given_name == "Ria");
}

TEST_CASE_METHOD(Fixture, "a name full of SQL and quotes is stored literally") {
    const std::string evil = "Robert'); DROP TABLE client;--";
    auto id =
        store::add_client(vault.db(), {"", evil, "", "O'Neill \"Bobby\"", "", "", "", {}, {}}, 1);
    REQUIRE(id.ok());
    auto c = store::get_client(vault.db(), id.value());
    REQUIRE(c.ok());
    CHECK(c->given_name == evil);
    CHECK(c->family_name == "O'Neill \"Bobby\"");
    CHECK(count() == 1);
}

TEST_CASE("a name is shown given name first and sorted by family name first") {
    const Client ijsbrand{"", "IJsbrand", "van", "Dijk", "", "", "", {}, {}};
    const Client sanne{"", "Sanne", "", "Bakker", "", "", "", {}, {}};
    CHECK(kt::model::full_name(ijsbrand) == "IJsbrand van Dijk");
    CHECK(kt::model::sort_name(ijsbrand) == "Dijk, IJsbrand van");
    CHECK(kt::model::full_name(sanne) == "Sanne Bakker");
    CHECK(kt::model::sort_name(sanne) == "Bakker, Sanne");
}
