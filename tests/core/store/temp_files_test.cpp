// Temp files (T-06): SQLCipher 3.4.1 does not encrypt temp files, so the vault pins
// temp_store=MEMORY. A 20 000-row sort through our wrapper opens no temp file while a second
// thread samples /proc/self/fd; the canary, the same sort on a raw connection with
// temp_store=FILE, does open temp files holding plaintext: the detector can fail.
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "store/vault.hpp"
#include "support/test_support.hpp"

using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;
constexpr const char* kMarker = "Tempmarkeer-";
constexpr int kRows = 20000;

// Watches this process's open files for anything inside `dir`, and reads what it finds
// through /proc/self/fd (SQLite unlinks its temp files at once, so only the fd shows them).
class FdSampler {
  public:
    explicit FdSampler(fs::path dir) : m_dir(std::move(dir)) {
        m_thread = std::thread([this] {
            while (!m_stop) {
                sample();
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        });
    }
    ~FdSampler() { stop(); }
    void stop() {
        m_stop = true;
        if (m_thread.joinable()) m_thread.join();
    }
    // Also called directly while a statement is paused on its first row.
    void sample() {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator("/proc/self/fd", ec)) {
            std::error_code le;
            const std::string target = fs::read_symlink(e.path(), le).string();
            if (le || target.rfind(m_dir.string(), 0) != 0) continue;
            const int fd = ::open(e.path().c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) continue;
            std::string bytes;
            char buf[1 << 16];
            for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
                bytes.append(buf, static_cast<std::size_t>(n));
            ::close(fd);
            std::size_t hits = 0;
            for (auto at = bytes.find(kMarker); at != std::string::npos;
                 at = bytes.find(kMarker, at + 1))
                ++hits;
            std::lock_guard<std::mutex> lock(m_mutex);
            m_files.insert(target);
            m_hits = std::max(m_hits, hits);
        }
    }
    std::size_t files() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_files.size();
    }
    std::size_t hits() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_hits;
    }

  private:
    fs::path m_dir;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::mutex m_mutex;
    std::set<std::string> m_files;
    std::size_t m_hits = 0;  // the most plaintext markers seen in one temp file
};

constexpr const char* kSort =
    "SELECT given_name, family_name, wijk FROM client ORDER BY wijk || family_name DESC, "
    "given_name";

void fill(Vault& v) {
    auto tx = kt::store::Transaction::begin(v.db());
    REQUIRE(tx.ok());
    auto st = v.db().prepare(
        "INSERT INTO client (id, given_name, family_name, wijk, created_at) VALUES (?, ?, ?, ?, "
        "1)");
    REQUIRE(st.ok());
    const std::string pad(40, 'x');
    for (int i = 0; i < kRows; ++i) {
        st->reset();
        const std::string n = std::to_string(i);
        st->bind(1, "id-" + n).bind(2, kMarker + n + "-voornaam-" + pad);
        st->bind(3, kMarker + n + "-achternaam")
            .bind(4, "wijk-" + std::to_string(i * 7919 % kRows));
        REQUIRE(st->run().ok());
    }
    REQUIRE(tx->commit().ok());
}

}  // namespace

TEST_CASE("T-06 a 20000-row sort opens no temp file, with temp_store=FILE the canary leaks",
          "[security]") {
    TempDir dir, private_tmp;
    // Every temp file of this process goes to a directory nobody else uses.
    sqlite3_temp_directory = sqlite3_mprintf("%s", private_tmp.path().c_str());
    std::size_t app_files = 0, app_hits = 0;
    {
        auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
        fill(v);
        REQUIRE(v.db().query_int("PRAGMA temp_store").value() == 2);  // MEMORY
        FdSampler sampler(private_tmp.path());
        auto st = v.db().prepare(kSort);
        REQUIRE(st.ok());
        int rows = 0;
        for (;;) {
            auto row = st->step();
            REQUIRE(row.ok());
            if (!row.value()) break;
            if (++rows == 1) sampler.sample();  // the sort is done: any spill is open now
        }
        CHECK(rows == kRows);
        sampler.stop();
        app_files = sampler.files();
        app_hits = sampler.hits();
    }
    CHECK(app_files == 0);
    CHECK(app_hits == 0);

    // Canary: a raw SQLCipher connection on the same vault, keyed the same, temp_store=FILE.
    auto dek = Vault::unlock_data_key(dir / "v.ktv", kPass);
    REQUIRE(dek.ok());
    const auto spec = kt::crypto::raw_keyspec(dek.value());
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2((dir / "v.ktv").c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) ==
            SQLITE_OK);
    sqlite3_key(raw, spec.data(), static_cast<int>(spec.text().size()));
    REQUIRE(sqlite3_exec(raw,
                         "PRAGMA cipher_page_size = 4096; PRAGMA temp_store = FILE;"
                         "PRAGMA cache_size = 50;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    std::size_t canary_files = 0, canary_hits = 0;
    {
        FdSampler sampler(private_tmp.path());
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(raw, kSort, -1, &st, nullptr) == SQLITE_OK);
        int rows = 0;
        while (sqlite3_step(st) == SQLITE_ROW)
            if (++rows == 1) sampler.sample();
        sqlite3_finalize(st);
        CHECK(rows == kRows);
        sampler.stop();
        canary_files = sampler.files();
        canary_hits = sampler.hits();
    }
    sqlite3_close(raw);
    CHECK(canary_files > 0);
    CHECK(canary_hits > 0);
    std::printf(
        "T-06: %d-row sort with temp_store=MEMORY: %zu temp files, %zu plaintext hits; canary "
        "with temp_store=FILE: %zu temp files, %zu plaintext hits in one of them\n",
        kRows, app_files, app_hits, canary_files, canary_hits);
}
