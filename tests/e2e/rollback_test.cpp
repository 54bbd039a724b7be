// T-09 end to end: a vault enrolled with the real receiver seals and syncs, a copy of its files
// (vault, key file and anything else beside it) is put aside, 10 more are sealed and synced,
// then the old copy is put back. Its very first `keukentafel-cli sync` reports "Kluis
// teruggezet" (exit ≠ 0), deletes nothing in the vault, and the receiver's rows are unchanged.
#include <catch2/catch.hpp>
#include <cstdio>
#include <map>

#include "e2e_support.hpp"
#include "i18n/catalog.hpp"
#include "support/sealed_vault.hpp"
#include "sync/outbox.hpp"

namespace ks = kt::sync;

namespace kt::test {

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

struct CliDevice {
    TempDir tmp;
    fs::path dir = tmp / "device";
    fs::path vault = dir / "kluis.ktv";
    fs::path pass = tmp / "wachtwoord.txt";

    CliDevice() {
        use_fast_kdf_for_children();
        fs::create_directories(dir);
        write_bytes(pass, std::string(kPass) + "\n");
        (void)create_test_vault(vault, kPass);
    }
    ProcessResult cli(const std::string& command, std::vector<std::string> extra = {}) const {
        std::vector<std::string> args{"keukentafel-cli",   command,      "--vault", vault.string(),
                                      "--passphrase-file", pass.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_program(args);
    }
    void seal(int n, std::int64_t start) const {
        auto v = store::Vault::open(vault, kPass);
        REQUIRE(v.ok());
        add_sealed_assessments(v->db(), n, start);
    }
    ks::OutboxCounts outbox() const {
        auto v = store::Vault::open(vault, kPass);
        REQUIRE(v.ok());
        auto c = ks::outbox_counts(v->db());
        REQUIRE(c.ok());
        return c.value();
    }
    // Every file of the device (vault, key file, WAL, state): the whole "copy of the vault".
    void copy_to(const fs::path& to) const {
        fs::remove_all(to);
        fs::create_directories(to);
        for (const auto& e : fs::directory_iterator(dir))
            fs::copy_file(e.path(), to / e.path().filename());
    }
    void restore_from(const fs::path& from) const {
        for (const auto& e : fs::directory_iterator(dir))
            fs::remove(e.path());
        for (const auto& e : fs::directory_iterator(from))
            fs::copy_file(e.path(), dir / e.path().filename());
    }
};

// One receiver row as payload hash, receiver time, device_seq, receipt (for "no overwrite").
std::string row_of(receiver::Store& store, const std::string& key) {
    const auto colon = key.rfind(':');
    auto s = store.submission(key.substr(0, colon), std::stoll(key.substr(colon + 1)));
    REQUIRE(s.ok());
    if (!s->has_value()) return "missing";
    const auto& r = s->value();
    return r.payload_sha256 + "|" + std::to_string(r.receiver_time) + "|" +
           std::to_string(r.device_seq) + "|" + r.receipt_signature_hex;
}

// The receiver's rows of every item in the vault's outbox.
std::map<std::string, std::string> rows_of(receiver::Store& store, store::Vault& vault) {
    std::map<std::string, std::string> rows;
    auto items = ks::list_outbox(vault.db());
    REQUIRE(items.ok());
    for (const auto& it : items.value()) {
        const std::string key = it.assessment_id + ":" + std::to_string(it.version);
        rows[key] = row_of(store, key);
    }
    return rows;
}

std::string dutch(const char* key) {
    auto cat = i18n::Catalog::open(i18n_dir(), "nl");
    REQUIRE(cat.ok());
    return cat->tr(key);
}

}  // namespace

TEST_CASE(
    "T-09 end to end: a vault put back from before 10 seals is stopped at its first sync "
    "with nothing deleted and nothing overwritten",
    "[security][e2e]") {
    ReceiverData data;
    ReceiverProcess receiver(data);
    CliDevice device;
    device.seal(3, 1000);
    const std::string code = data.enroll("tablet-t09");
    const auto enrolled =
        device.cli("enroll", {"--url", loopback_url(receiver.port()), "--code", code});
    INFO(enrolled.err);
    REQUIRE(enrolled.exit_code == 0);
    auto first = device.cli("sync");
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    // One more sealed but not yet sent when the copies are taken: the old copy holds an unsent
    // item the receiver later got from the newer vault.
    device.seal(1, 2000);
    const fs::path copy_a = device.tmp / "copy-a";
    device.copy_to(copy_a);
    REQUIRE(device.cli("sync").exit_code == 0);
    device.seal(5, 3000);
    REQUIRE(device.cli("sync").exit_code == 0);
    const fs::path copy_b = device.tmp / "copy-b";  // 5 seals before the end
    device.copy_to(copy_b);
    device.seal(5, 4000);
    REQUIRE(device.cli("sync").exit_code == 0);
    REQUIRE(device.outbox().pending == 0);

    auto store = open_receiver_store(data);
    REQUIRE(store->count_submissions().value() == 14);
    std::map<std::string, std::string> rows_before;
    {
        auto v = store::Vault::open(device.vault, kPass);
        REQUIRE(v.ok());
        rows_before = rows_of(*store, v.value());
    }
    REQUIRE(rows_before.size() == 14);

    int detected = 0, tries = 0;
    for (const auto& [name, copy, sealed, pending] :
         {std::tuple{"10 seals earlier", copy_a, 4, 1},
          std::tuple{"5 seals earlier", copy_b, 9, 0}}) {
        INFO(name);
        ++tries;
        device.restore_from(copy);
        const auto before = device.outbox();
        CHECK(before.sent + before.pending == sealed);
        CHECK(before.pending == pending);
        const int log_before = receiver_log_lines(data);
        const auto r = device.cli("sync");
        INFO(r.out << r.err);
        CHECK(r.exit_code != 0);
        const bool said = r.err.find("Kluis teruggezet") != std::string::npos &&
                          r.err.find(dutch("error.sync.rolled_back")) != std::string::npos;
        CHECK(said);
        detected += said && r.exit_code != 0;
        CHECK(receiver_log_lines(data) - log_before == 1);  // the checkin, nothing after it
        // Nothing deleted: every item and every assessment still there; the vault still opens.
        const auto after = device.outbox();
        CHECK(after.sent == before.sent);
        CHECK(after.pending == before.pending);
        const auto check = device.cli("check");
        INFO(check.err);
        CHECK(check.exit_code == 0);
        // Sending stays stopped: the next sync does not even call the receiver.
        const int log_again = receiver_log_lines(data);
        const auto again = device.cli("sync");
        CHECK(again.exit_code != 0);
        CHECK(again.err.find("Kluis teruggezet") != std::string::npos);
        CHECK(receiver_log_lines(data) == log_again);
        // No overwrite at the receiver.
        CHECK(store->count_submissions().value() == 14);
        CHECK(store->count_duplicate_keys().value() == 0);
        for (const auto& [key, row] : rows_before) {
            INFO(key);
            CHECK(row_of(*store, key) == row);
        }
    }
    std::printf(
        "\nT-09 rollback end to end: detected at the first sync %d/%d (100 %%), receiver "
        "rows 14 before and %lld after, 0 overwritten\n\n",
        detected, tries, static_cast<long long>(store->count_submissions().value()));
    std::fflush(stdout);
    CHECK(detected == tries);
}

}  // namespace kt::test
