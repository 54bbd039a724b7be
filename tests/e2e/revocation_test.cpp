// T-37 end to end: `keukentafel-receiver revoke`, then the device's next `keukentafel-cli sync`.
// The receiver's store holds the device_wiped audit entry with the unsent count, committed
// before the key file was gone (a watcher polls the key file and the store while the CLI runs);
// the key file is gone, `keukentafel-cli check` gives the missing-key message (T-10) and the
// worker was told ("ingetrokken").
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <thread>

#include "crypto/key_file.hpp"
#include "e2e_support.hpp"
#include "i18n/catalog.hpp"
#include "support/sealed_vault.hpp"

namespace kt::test {

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

std::string dutch(const char* key) {
    auto cat = i18n::Catalog::open(i18n_dir(), "nl");
    REQUIRE(cat.ok());
    return cat->tr(key);
}

}  // namespace

TEST_CASE(
    "T-37 end to end: a revoked device reports its wipe to the receiver before it destroys "
    "its key and the worker is told",
    "[security][e2e]") {
    use_fast_kdf_for_children();
    ReceiverData data;
    ReceiverProcess receiver(data);
    TempDir tmp;
    const fs::path vault = tmp / "kluis.ktv";
    const fs::path pass = tmp / "wachtwoord.txt";
    write_bytes(pass, std::string(kPass) + "\n");
    {
        auto v = create_test_vault(vault, kPass);
        add_sealed_assessments(v.db(), 3, 1000);
    }
    const auto cli = [&](const std::string& command, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"keukentafel-cli",   command,      "--vault", vault.string(),
                                      "--passphrase-file", pass.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_program(args);
    };
    const std::string code = data.enroll("tablet-t37");
    REQUIRE(cli("enroll", {"--url", loopback_url(receiver.port()), "--code", code}).exit_code == 0);
    REQUIRE(cli("sync").exit_code == 0);
    {
        auto v = store::Vault::open(vault, kPass);
        REQUIRE(v.ok());
        add_sealed_assessments(v->db(), 2, 2000);  // 2 still unsent when the device is revoked
    }
    REQUIRE(data.revoke("tablet-t37") == 0);

    auto store = open_receiver_store(data);
    REQUIRE(store->audit_entries("device_wiped").value().empty());
    const fs::path key_file = crypto::key_file_path(vault);
    REQUIRE(fs::exists(key_file));

    // The watcher: first the key file, then the store. Seeing the key gone and afterwards no
    // audit row would prove the key was destroyed before the receiver committed the entry.
    std::atomic<bool> done{false};
    std::atomic<int> polls{0}, key_gone_without_entry{0}, entry_seen_with_key{0};
    std::thread watcher([&] {
        while (!done) {
            const bool key_there = fs::exists(key_file);
            const auto entries = store->audit_entries("device_wiped");
            const bool entry = entries.ok() && !entries->empty();
            ++polls;
            if (!key_there && !entry) ++key_gone_without_entry;
            if (key_there && entry) ++entry_seen_with_key;
        }
    });
    const auto started = std::chrono::steady_clock::now();
    const auto r = cli("sync");
    done = true;
    watcher.join();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    INFO(r.out << r.err);

    // The worker was told, and the pass failed.
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("ingetrokken") != std::string::npos);
    CHECK(r.err.find(dutch("error.sync.revoked")) != std::string::npos);
    // The receiver has the entry with the unsent count, once.
    const auto entries = store->audit_entries("device_wiped");
    REQUIRE(entries.ok());
    REQUIRE(entries->size() == 1);
    CHECK(entries->front().result == "unsent=2");
    const auto device_id = entries->front().object;
    auto device = store->device(device_id);
    REQUIRE(device.ok());
    REQUIRE(device->has_value());
    CHECK((*device)->revoked);
    CHECK((*device)->wipe_reported);
    // It arrived before the key was destroyed.
    CHECK(key_gone_without_entry == 0);
    // The key file is gone and the vault cannot be opened: the T-10 message.
    CHECK_FALSE(fs::exists(key_file));
    CHECK(fs::exists(vault));  // the (now unreadable) vault itself stays for the audit trail
    const auto check = cli("check");
    INFO(check.out << check.err);
    CHECK(check.exit_code != 0);
    CHECK(check.out.empty());
    const bool t10 = check.err.find(dutch("error.vault.not_a_vault")) != std::string::npos ||
                     check.err.find(dutch("error.not_found")) != std::string::npos;
    CHECK(t10);
    // A second sync does not reach the receiver and wipes nothing more.
    const int log_before = receiver_log_lines(data);
    CHECK(cli("sync").exit_code != 0);
    CHECK(receiver_log_lines(data) == log_before);
    CHECK(store->audit_entries("device_wiped").value().size() == 1);
    std::printf(
        "\nT-37 revocation end to end: audit entry %s (%s) committed before the key file "
        "was gone (%d watcher polls during the %.2f s sync, %d with the entry and the key "
        "still there, %d with the key gone and no entry); check says: %s\n\n",
        entries->front().action.c_str(), entries->front().result.c_str(), polls.load(), seconds,
        entry_seen_with_key.load(), key_gone_without_entry.load(),
        check.err.substr(0, check.err.find('\n')).c_str());
    std::fflush(stdout);
}

}  // namespace kt::test
