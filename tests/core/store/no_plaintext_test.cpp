// No plaintext at rest, wide sweep (T-05): unique markers in every personal free-text field
// (names with diacritics, Turkish, Polish and Arabic text, notes, hulpvraag, who was present)
// are searched in UTF-8 and UTF-16LE in the vault, -wal, -shm, -journal, every file of the data
// dir, and every file under $TMPDIR and $HOME written since the test started. 0 hits.
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/demo_data.hpp"
#include "support/test_support.hpp"

using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;
namespace store = kt::store;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

// A tag unique to this run, so files written by tests running beside this one never match.
std::string run_tag() {
    static const char* digits = "0123456789abcdef";
    std::string tag;
    for (const char c : kt::test::random_bytes(5)) {
        tag.push_back(digits[(c >> 4) & 0xF]);
        tag.push_back(digits[c & 0xF]);
    }
    return tag;
}

std::string utf16le(const std::string& utf8) {
    const auto u = icu::UnicodeString::fromUTF8(utf8);
    std::string out;
    for (int32_t i = 0; i < u.length(); ++i) {
        out.push_back(static_cast<char>(u.charAt(i) & 0xFF));
        out.push_back(static_cast<char>(u.charAt(i) >> 8));
    }
    return out;
}

// Exact UTF-8 and UTF-16LE bytes: fast enough to sweep whole directories.
std::size_t count_exact(const std::string& bytes, const std::string& marker) {
    std::size_t n = 0;
    for (const std::string& needle : {marker, utf16le(marker)})
        for (auto at = bytes.find(needle); at != std::string::npos; at = bytes.find(needle, at + 1))
            ++n;
    return n;
}

struct Sweep {
    std::size_t files = 0, hits = 0;
};

// Every regular file under `root` (depth <= 6, <= 32 MiB) written since `since`.
void sweep(const fs::path& root, fs::file_time_type since, const std::vector<std::string>& markers,
           Sweep& out) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it.depth() >= 6) it.disable_recursion_pending();
        std::error_code fe;
        if (!it->is_regular_file(fe) || it->last_write_time(fe) < since || fe) continue;
        if (it->file_size(fe) > (32u << 20) || fe) continue;
        // Other tests write and delete files here at the same time: a vanished file is fine.
        std::ifstream in(it->path(), std::ios::binary);
        if (!in) continue;
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        ++out.files;
        for (const auto& m : markers) {
            const std::size_t n = count_exact(bytes, m);
            if (n) UNSCOPED_INFO(it->path().string() << ": " << n << " hits");
            out.hits += n;
        }
    }
}

kt::model::Client client_with(const std::vector<std::string>& m, std::size_t i) {
    kt::model::Client c;
    c.given_name = m[i];
    c.tussenvoegsel = m[i + 1];
    c.family_name = m[i + 2];
    c.wijk = m[i + 3];
    c.team = m[i + 4];
    c.birth_date = "1975-05-05";
    return c;
}

}  // namespace

TEST_CASE("T-05 markers in every personal field appear in no file at rest, in no encoding",
          "[security]") {
    const auto since = fs::file_time_type::clock::now() - std::chrono::seconds(2);
    const std::string tag = run_tag();
    std::vector<std::string> m;
    for (const char* base :
         {"Markeerjantje", "van der", "Zwaluwstaart", "Wijkmarkeer-Oost", "Teammarkeer-Noord",
          "Şükrüİğdırmarkeer", "ter", "Ćwierćmarkeer-Grzegorzówka", "Wijkmarkeer-Łódź",
          "Teammarkeer-Źdźbło", "عائشةالحربي", "el", "محمدالمراكشي", "حيالنور", "فريقالشمال",
          "Notitiemarkeer: schulden bij Özgür", "Hulpvraagmarkeer: hulp bij brieven",
          "Aanwezigmarkeer-buurvrouw Ayşe"})
        m.push_back(std::string(base) + "-" + tag);
    TempDir data;  // the app's data dir
    const fs::path path = data / "v.ktv";
    Sweep vault_files;
    auto scan_vault_files = [&] {
        for (const char* suffix : {"", "-wal", "-shm", "-journal", ".key"})
            for (const auto& marker : m) {
                CAPTURE(suffix, marker);
                const std::size_t n = kt::test::count_occurrences(path.string() + suffix, marker);
                CHECK(n == 0);
                vault_files.hits += n;
            }
        vault_files.files += 5;
    };
    {
        auto v = kt::test::create_test_vault(path, kPass);
        REQUIRE(store::fill_demo(v, 1'790'000'000).ok());
        auto a = store::add_client(v.db(), client_with(m, 0), 1'790'000'001);
        REQUIRE(a.ok());
        auto b = store::add_client(v.db(), client_with(m, 5), 1'790'000'002);
        REQUIRE(b.ok());
        REQUIRE(v.checkpoint().ok());
        scan_vault_files();  // checkpointed: everything in the main file
        // After the checkpoint: these live only in the WAL while the vault is open.
        auto c = store::add_client(v.db(), client_with(m, 10), 1'790'000'003);
        REQUIRE(c.ok());
        auto as = store::start_assessment(v.db(), c.value(), kt::model::AssessmentKind::intake,
                                          1'790'000'004);
        REQUIRE(as.ok());
        kt::model::DomainDetail detail;
        detail.note = m[15];
        detail.hulpvraag = m[16];
        REQUIRE(store::set_domain_detail(v.db(), as.value(), 0, detail, 1'790'000'005).ok());
        kt::model::Participant p;
        p.role = kt::model::ParticipantRole::neighbour;
        p.detail = m[17];
        REQUIRE(store::set_participants(v.db(), as.value(), {p}).ok());
        REQUIRE(fs::file_size(path.string() + "-wal") > 0);
        scan_vault_files();
    }
    scan_vault_files();  // closed
    CHECK(kt::test::read_bytes(path).rfind("SQLite format 3", 0) == std::string::npos);
    // The markers really went in.
    {
        auto v = Vault::open(path, kPass);
        REQUIRE(v.ok());
        auto clients = store::list_clients(v->db());
        REQUIRE(clients.ok());
        int found = 0;
        for (const auto& c : clients.value())
            found += c.given_name == m[0] || c.family_name == m[7] || c.given_name == m[10];
        CHECK(found == 3);
    }
    // A planted plaintext canary proves the sweep reads the places it claims to read.
    const char* tmp = std::getenv("TMPDIR");
    const fs::path tmp_root = tmp && *tmp ? tmp : "/tmp";
    TempDir canary_dir;
    kt::test::write_bytes(canary_dir / "canary.txt", "canary " + m[2] + " " + utf16le(m[12]));
    Sweep canary;
    sweep(canary_dir.path(), since, {m[2], m[12]}, canary);
    CHECK(canary.hits == 2);
    fs::remove(canary_dir / "canary.txt");

    Sweep dir_sweep, tmp_sweep, home_sweep;
    sweep(data.path(), fs::file_time_type::min(), m, dir_sweep);
    sweep(tmp_root, since, m, tmp_sweep);
    if (const char* home = std::getenv("HOME"); home && *home) sweep(home, since, m, home_sweep);
    CHECK(dir_sweep.hits == 0);
    CHECK(tmp_sweep.hits == 0);
    CHECK(home_sweep.hits == 0);
    std::printf(
        "T-05: %zu markers x UTF-8/UTF-16LE: %zu hits in vault/-wal/-shm/-journal/.key (%zu "
        "scans), %zu in the data dir (%zu files), %zu in $TMPDIR (%zu new files), %zu in $HOME "
        "(%zu new files); canary found %zu/2\n",
        m.size(), vault_files.hits, vault_files.files, dir_sweep.hits, dir_sweep.files,
        tmp_sweep.hits, tmp_sweep.files, home_sweep.hits, home_sweep.files, canary.hits);
}
