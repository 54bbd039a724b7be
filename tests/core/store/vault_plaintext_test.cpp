// No plaintext at rest: names never appear in the vault, its WAL or its shared-memory file,
// in UTF-8 or UTF-16LE, in any letter case (T-05). Canaries prove the scanner can see them.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "store/clients.hpp"
#include "store/demo_data.hpp"
#include "store/vault.hpp"
#include "support/test_support.hpp"

using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

// Synthetic markers in every personal field of extra clients, on top of the demo names.
const std::vector<kt::model::Client>& marker_clients() {
    static const std::vector<kt::model::Client> list = {
        {"",
         "Markeerjantje",
         "van der",
         "Zwaluwstaart",
         "1970-01-01",
         "Wijkmarkeer-Oost",
         "",
         {},
         {}},
        {"", "Şükrüİğdır", "", "Ćwierćmarker", "1980-02-02", "Grzegorzówka", "", {}, {}},
    };
    return list;
}

std::vector<std::string> all_markers() {
    std::vector<std::string> out = kt::test::demo_markers();
    for (const auto& c : marker_clients())
        for (const auto& field : {c.given_name, c.family_name, c.wijk})
            out.push_back(field);
    return out;
}

void expect_no_markers(const fs::path& file) {
    for (const auto& m : all_markers()) {
        CAPTURE(file.filename().string(), m);
        CHECK(kt::test::count_occurrences(file, m) == 0);
    }
}

bool starts_with_sqlite_header(const fs::path& file) {
    return kt::test::read_bytes(file).rfind("SQLite format 3", 0) == 0;
}

}  // namespace

TEST_CASE("the marker scanner finds names in any case in UTF-8 and UTF-16LE") {
    CHECK(kt::test::count_in_bytes("..ijsbrand..IJSBRAND..IJsbrand", "IJsbrand") == 3);
    CHECK(kt::test::count_in_bytes("x YILMAZ y", "Yılmaz") == 1);
    CHECK(kt::test::count_in_bytes("ÖZLEM özlem", "Özlem") == 2);
    CHECK(kt::test::count_in_bytes("WÓJCIK", "Wójcik") == 1);
    const std::string utf16le("W\0\xf3\0j\0c\0i\0k\0", 12);
    CHECK(kt::test::count_in_bytes(utf16le, "Wójcik") == 1);
    CHECK(kt::test::count_in_bytes("x" + utf16le, "Wójcik") == 1);
    CHECK(kt::test::count_in_bytes("Wojcik Yilmaz Ozlem", "Wójcik") == 0);
}

TEST_CASE("a plain SQLite file with the demo names is caught by the scanner") {
    TempDir dir;
    kt::test::create_plain_sqlite(dir / "plain.db", all_markers());
    CHECK(starts_with_sqlite_header(dir / "plain.db"));
    for (const auto& m : all_markers()) {
        CAPTURE(m);
        CHECK(kt::test::count_occurrences(dir / "plain.db", m) >= 1);
    }
}

TEST_CASE("T-05 no demo name appears in the vault, WAL or shm file", "[security]") {
    TempDir dir;
    const fs::path path = dir / "v.ktv";
    const fs::path wal = path.string() + "-wal";
    const fs::path shm = path.string() + "-shm";
    {
        auto v = kt::test::create_test_vault(path, kPass);
        auto demo = kt::store::fill_demo(v, 1'790'000'000);
        REQUIRE(demo.ok());
        CHECK(demo->clients == 8);
        // Added after fill_demo's checkpoint, so these live only in the WAL for now.
        for (const auto& c : marker_clients())
            REQUIRE(kt::store::add_client(v.db(), c, 1'790'000'100).ok());
        REQUIRE(fs::exists(wal));
        CHECK(fs::file_size(wal) > 0);
        CHECK_FALSE(starts_with_sqlite_header(path));
        for (const auto& f : {path, wal, shm})
            expect_no_markers(f);
    }
    CHECK_FALSE(starts_with_sqlite_header(path));
    for (const auto& f : {path, wal, shm})
        expect_no_markers(f);
    for (const auto& e : fs::directory_iterator(dir.path()))
        expect_no_markers(e.path());

    // The names really were written: the vault gives them back.
    auto v = Vault::open(path, kPass);
    REQUIRE(v.ok());
    auto clients = kt::store::list_clients(v->db());
    REQUIRE(clients.ok());
    CHECK(clients->size() == 8 + marker_clients().size());
    int found = 0;
    for (const auto& c : clients.value())
        found += c.family_name == "Ćwierćmarker" || c.given_name == "IJsbrand";
    CHECK(found == 2);
}
