// Making a vault: under temporary names, linked into place key file first, never over an
// existing file; what an interrupted create left is undone at the next start.
#include "store/vault_create.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>

#include "crypto/key_file.hpp"
#include "store/vault.hpp"
#include "store/worker.hpp"
#include "support/test_support.hpp"

namespace kt::test {

namespace {

constexpr const char* kPass = "Koffie met koek 2026";

const crypto::KdfParams kFast = crypto::KdfParams::test_fast();

}  // namespace

TEST_CASE("a new vault holds what fill wrote and leaves no temporary file") {
    TempDir dir;
    const fs::path v = dir / "kluis.kt";
    auto vault = store::Vault::create(v, kPass, kFast, [](store::Database& db) {
        return store::save_worker(db, {"Anne de Vries", "Oost"});
    });
    REQUIRE(vault.ok());
    vault->close();
    CHECK(dir.entries() == std::set<std::string>{"kluis.kt", "kluis.kt.key"});
    auto again = store::Vault::open(v, kPass);
    REQUIRE(again.ok());
    CHECK(store::load_worker(again->db())->name == "Anne de Vries");
    CHECK(store::vault_presence(v) == store::VaultPresence::complete);
}

TEST_CASE("a failing fill leaves nothing at the vault's place") {
    TempDir dir;
    const fs::path v = dir / "kluis.kt";
    auto vault = store::Vault::create(v, kPass, kFast, [](store::Database&) -> Status {
        return make_error(ErrorCode::disk_full, "full");
    });
    REQUIRE_FALSE(vault.ok());
    CHECK(vault.error().code == ErrorCode::disk_full);
    CHECK(dir.entries().empty());
}

TEST_CASE("a key file linked before its vault is undone, a foreign lone key file is kept") {
    TempDir dir;
    const fs::path v = dir / "kluis.kt";
    const fs::path pending = store::pending_vault_path(v);
    // What a create killed between the two links leaves: both temporary files and the key
    // file linked from the temporary one.
    write_bytes(pending, "half");
    write_bytes(crypto::key_file_path(pending), "sleutel");
    REQUIRE(::link(crypto::key_file_path(pending).c_str(), crypto::key_file_path(v).c_str()) == 0);
    CHECK(store::vault_presence(v) == store::VaultPresence::key_without_vault);
    REQUIRE(store::recover_interrupted_create(v).ok());
    CHECK(dir.entries().empty());
    CHECK(store::vault_presence(v) == store::VaultPresence::none);

    // A key file that is not the temporary one's is someone's: never removed.
    write_bytes(crypto::key_file_path(v), "van iemand");
    write_bytes(pending, "half");
    REQUIRE(store::recover_interrupted_create(v).ok());
    CHECK(dir.entries() == std::set<std::string>{"kluis.kt.key"});
    CHECK(store::vault_presence(v) == store::VaultPresence::key_without_vault);
    // ... and create refuses to make a vault beside it.
    auto refused = store::Vault::create(v, kPass, kFast);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::already_exists);
    CHECK(read_bytes(crypto::key_file_path(v)) == "van iemand");
}

TEST_CASE("create never replaces a vault or its key file") {
    TempDir dir;
    const fs::path v = dir / "kluis.kt";
    REQUIRE(store::Vault::create(v, kPass, kFast).ok());
    const std::string before = file_sha256(v), key_before = file_sha256(crypto::key_file_path(v));
    auto again = store::Vault::create(v, "Een heel ander wachtwoord", kFast);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::already_exists);
    CHECK(file_sha256(v) == before);
    CHECK(file_sha256(crypto::key_file_path(v)) == key_before);
    CHECK(store::Vault::open(v, kPass).ok());
}

}  // namespace kt::test
