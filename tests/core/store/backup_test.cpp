// Encrypted backups taken while another process writes, restored by opening them with the
// same passphrase; no plaintext copy through our wrapper (T-39).
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "store/clients.hpp"
#include "store/vault_admin.hpp"
#include "support/child_process.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;
namespace store = kt::store;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;
constexpr const char* kMarker = "Backupmarkeer-Grzegorz";

kt::model::Client marker_client(int i) {
    kt::model::Client c;
    c.given_name = kMarker;
    c.family_name = "Kopie-" + std::to_string(i);
    c.wijk = "Oost";
    return c;
}

// A child process that adds a client through the real store API every 2 ms until killed
// (a tap rate far above a worker's; back-to-back commits would starve every other writer).
void write_until_killed(const fs::path& path, const kt::crypto::SecretBytes& dek) {
    auto v = Vault::open_with_data_key(path, dek);
    if (!v) ::_exit(3);
    for (int i = 0;; ++i) {
        (void)store::add_client(v->db(), marker_client(i), 1000 + i);
        ::usleep(2000);
    }
}

std::int64_t count_of(Vault& v, const char* sql) {
    auto n = v.db().query_int(sql);
    REQUIRE(n.ok());
    return n.value();
}

}  // namespace

TEST_CASE("T-39 100 backups taken while another process commits all restore and pass check",
          "[security]") {
    TempDir dir;
    const fs::path path = dir / "v.ktv";
    { kt::test::create_test_vault(path, kPass); }
    auto dek = Vault::unlock_data_key(path, kPass);
    REQUIRE(dek.ok());
    kt::test::ChildProcess writer([&] { write_until_killed(path, dek.value()); });
    auto source = Vault::open_with_data_key(path, dek.value());
    REQUIRE(source.ok());
    int restored = 0, checked = 0;
    std::int64_t last_clients = 0, growing = 0;
    for (int i = 0; i < 100; ++i) {
        CAPTURE(i);
        const fs::path out = dir / ("backup-" + std::to_string(i) + ".ktv");
        auto s = store::backup_vault(source.value(), dek.value(), out, 2000 + i);
        INFO((s.ok() ? "" : s.error().detail));
        REQUIRE(s.ok());
        {
            auto copy = Vault::open(out, kPass);  // a restore is opening the copy
            REQUIRE(copy.ok());
            ++restored;
            auto counts = copy->check();
            CHECK(counts.ok());
            CHECK_FALSE(copy->audit_chain_broken());
            if (counts.ok() && !copy->audit_chain_broken()) ++checked;
            if (counts.ok()) {
                growing += counts->clients > last_clients;
                last_clients = counts->clients;
            }
        }
        if (i % 20 == 0) CHECK(kt::test::count_occurrences(out, kMarker) == 0);
        for (const char* suffix : {"", ".key", "-wal", "-shm"})
            fs::remove(out.string() + suffix);
    }
    const int status = writer.kill_and_wait();
    CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));  // it kept writing throughout
    const std::int64_t commits = count_of(source.value(), "SELECT count(*) FROM client");
    CHECK(growing >= 50);  // the writer really was committing between backups
    std::printf(
        "T-39: 100 backups while a writer committed %lld clients: %d/100 restores opened, "
        "%d/100 passed check, %lld of them newer than the one before\n",
        static_cast<long long>(commits), restored, checked, static_cast<long long>(growing));
}

TEST_CASE("T-39 a backup never overwrites an existing file and leaves nothing when refused",
          "[security]") {
    TempDir dir;
    auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
    auto dek = Vault::unlock_data_key(dir / "v.ktv", kPass);
    REQUIRE(dek.ok());
    kt::test::write_bytes(dir / "taken.ktv", "boodschappen");
    kt::test::write_bytes(dir / "keyed.ktv.key", "sleutel");
    for (const char* name : {"taken.ktv", "keyed.ktv"}) {
        CAPTURE(name);
        const auto before = dir.entries();
        auto s = store::backup_vault(v, dek.value(), dir / name, 1);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::already_exists);
        CHECK(dir.entries() == before);
    }
    CHECK(kt::test::read_bytes(dir / "taken.ktv") == "boodschappen");
    CHECK(kt::test::read_bytes(dir / "keyed.ktv.key") == "sleutel");
    // A key that is not the vault's is refused before anything is written.
    const kt::crypto::SecretBytes none, zeros(32);
    for (const auto* wrong : {&none, &zeros}) {
        const auto before = dir.entries();
        auto s = store::backup_vault(v, *wrong, dir / "b.ktv", 1);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::usage);
        CHECK(dir.entries() == before);
    }
}

TEST_CASE("T-39 no plaintext copy can be made through our wrapper, raw SQLCipher could",
          "[security]") {
    TempDir dir;
    auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
    REQUIRE(store::add_client(v.db(), marker_client(1), 1).ok());
    const std::string plain = (dir / "plain.db").string();
    const std::vector<std::string> refused = {
        "ATTACH DATABASE '" + plain + "' AS p KEY ''",
        "ATTACH DATABASE '" + plain + "' AS p",
        "SELECT sqlcipher_export('main')",
        "PRAGMA rekey = ''",
        "PRAGMA key = ''",
        "PRAGMA hexrekey = ''",
        "PRAGMA temp_store = FILE",
        "PRAGMA temp_store = 1",
    };
    for (const auto& sql : refused) {
        CAPTURE(sql);
        auto s = v.db().exec(sql);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::usage);
    }
    CHECK_FALSE(fs::exists(plain));
    CHECK(v.db().query_int("PRAGMA temp_store").value() == 2);
    CHECK(v.db().exec("PRAGMA temp_store = MEMORY").ok());
    auto key = v.db().exec("SELECT 1");  // the connection still works and is still keyed
    CHECK(key.ok());
    CHECK(kt::test::read_bytes(dir / "v.ktv").rfind("SQLite format 3", 0) == std::string::npos);

    // Control: the same ATTACH on a raw SQLCipher connection does write plaintext, so the
    // refusal above is what stands between the data and a plaintext file.
    auto dek = Vault::unlock_data_key(dir / "v.ktv", kPass);
    REQUIRE(dek.ok());
    const auto spec = kt::crypto::raw_keyspec(dek.value());
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;  // ATTACH may create
    REQUIRE(sqlite3_open_v2((dir / "v.ktv").c_str(), &raw, flags, nullptr) == SQLITE_OK);
    sqlite3_key(raw, spec.data(), static_cast<int>(spec.text().size()));
    const std::string sql = "PRAGMA cipher_page_size = 4096; ATTACH DATABASE '" + plain +
                            "' AS p KEY ''; SELECT sqlcipher_export('p'); DETACH DATABASE p;";
    const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr);
    INFO(sqlite3_errmsg(raw));
    CHECK(rc == SQLITE_OK);
    sqlite3_close(raw);
    CHECK(kt::test::count_occurrences(plain, kMarker) >= 1);
    std::printf(
        "T-39: %zu plaintext routes refused by the wrapper; raw SQLCipher control wrote "
        "%zu markers in plaintext\n",
        refused.size(), kt::test::count_occurrences(plain, kMarker));
}
