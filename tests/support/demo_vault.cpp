#include "demo_vault.hpp"

#include <catch2/catch.hpp>

#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/settings.hpp"

namespace kt::test {

DemoVault::DemoVault(bool with_pin) {
    use_fast_kdf_for_children();  // for a key a child program writes (a passphrase change)
    create_demo_vault(vault, kPassphrase);
    write_bytes(passphrase, std::string(kPassphrase) + "\n");
    if (with_pin) return;
    auto opened = open();
    auto settings = store::load_settings(opened.db());
    REQUIRE(settings.ok());
    settings->pin_hash.clear();
    REQUIRE(store::save_settings(opened.db(), settings.value()).ok());
}

store::Vault DemoVault::open() const {
    auto v = store::Vault::open(vault, kPassphrase);
    if (!v) FAIL("opening the demo vault failed: " << v.error().detail);
    return std::move(v).value();
}

std::string demo_assessment_of(store::Database& db, const std::string& given_name) {
    auto clients = store::list_clients(db);
    REQUIRE(clients.ok());
    for (const auto& c : clients.value()) {
        if (c.given_name != given_name) continue;
        auto list = store::assessments_of(db, c.id);
        REQUIRE(list.ok());
        REQUIRE(!list->empty());
        return list->front().id;
    }
    FAIL("no demo client " << given_name);
    return {};
}

}  // namespace kt::test
