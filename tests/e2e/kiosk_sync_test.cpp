// Sync in the real kiosk (headless): a PostgreSQL-backed receiver on loopback; the
// kiosk enrolls through Settings, a finished assessment is handed over, reviewed, signed and
// sealed in client mode, the worker comes back with the PIN and sends: the receiver's PostgreSQL
// holds that (assessment uuid, version) once with its structured facts and the vault holds a
// verified receipt. A revoked device locks the kiosk with the revoked message. And screenshots
// of the sync texts in failure states (offline, rolled back) at 1280×800 for a person to see.
#include <catch2/catch.hpp>
#include <cstdio>

#include "e2e_support.hpp"
#include "kiosk_runner.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/seal.hpp"
#include "sync/outbox.hpp"
#include "sync/sender.hpp"

namespace ks = kt::sync;

namespace kt::test {

namespace {

std::string intake_of_yilmaz(store::Vault& vault) {
    auto clients = store::list_clients(vault.db());
    REQUIRE(clients.ok());
    for (const auto& c : clients.value()) {
        if (c.family_name != "Yılmaz") continue;
        auto list = store::assessments_of(vault.db(), c.id);
        REQUIRE(list.ok());
        for (const auto& a : list.value())
            if (a.kind == model::AssessmentKind::intake) return a.id;
    }
    FAIL("no intake");
    return {};
}

// Settings → scroll to "Verzenden naar de gemeente" → address and code → Aanmelden.
std::vector<std::string> enroll_in_settings(int port, const std::string& code) {
    return {tap("Instellingen"),
            "drag 612 650 612 120",
            tap("Adres van de gemeente"),
            "key End",
            "type \"127.0.0.1:" + std::to_string(port) + "\"",
            tap("Klaar"),
            tap("Aanmeldcode"),
            "type \"" + code + "\"",
            tap("Klaar"),
            tap("Aanmelden"),
            "wait-sync",
            expect(dutch().tr("sync.enrolled")),
            tap("Terug")};
}

// Özlem Yılmaz's finished intake: handed over, read, both sign, sealed; back with the PIN.
std::vector<std::string> seal_in_client_mode() {
    std::vector<std::string> s = {"find-client \"yilmaz\" \"Yılmaz, Özlem\"",
                                  tap("Geef de tablet aan de cliënt"),
                                  expect("Kijk mee: klopt dit voor u?")};
    for (int i = 0; i < 13; ++i)
        s.push_back(tap("Volgende"));
    s.insert(s.end(),
             {expect("Mensen om u heen"), tap("Volgende"),
              "drag-text \"Handtekening van de cliënt\" 500 520",
              "drag-text \"Handtekening van de hulpverlener\" 1100 430", tap("Klaar: vastleggen"),
              expect("Vastgelegd. Dank u wel."), tap("Terug naar de hulpverlener"),
              "type \"123456\"", "key Enter", expect("Geboren 2 november 1979"), tap("Terug")});
    return s;
}

void enroll_with_cli(const DemoVault& v, ReceiverData& data, int port, const char* device) {
    const auto r = run_program({"keukentafel-cli", "enroll", "--vault", v.vault.string(),
                                "--passphrase-file", v.passphrase.string(), "--url",
                                loopback_url(port), "--code", data.enroll(device)});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

fs::path screenshot_dir() {
    const fs::path d = fs::path(KT_E2E_SCREENSHOT_DIR);
    fs::create_directories(d);
    return d;
}

}  // namespace

TEST_CASE(
    "an assessment sealed in the kiosk reaches a PostgreSQL receiver once "
    "and the device holds a verified receipt",
    "[e2e]") {
    ReceiverData data(ReceiverDb::postgres);
    ReceiverProcess receiver(data);
    DemoVault v;
    std::vector<std::string> s = enroll_in_settings(receiver.port(), data.enroll("tablet-kiosk"));
    const auto sealing = seal_in_client_mode();
    s.insert(s.end(), sealing.begin(), sealing.end());
    s.insert(s.end(), {"wait-sync", tap(dutch().tr("sync.send")), "wait-sync",
                       expect(dutch().tr("sync.all_sent"))});
    const auto r = run_kiosk(v, s, {"--size", "1280x800"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);

    auto vault = open_demo(v);
    const std::string id = intake_of_yilmaz(vault);
    auto seal = store::latest_seal(vault.db(), id);
    REQUIRE(seal.ok());
    REQUIRE(seal->has_value());
    auto status = ks::sync_status(vault.db());
    REQUIRE(status.ok());
    CHECK(status->pending == 0);
    CHECK(status->status == ks::SyncStatus::ok);
    auto items = ks::list_outbox(vault.db());
    REQUIRE(items.ok());
    const ks::OutboxItem* mine = nullptr;
    for (const auto& it : items.value())
        if (it.assessment_id == id) mine = &it;
    REQUIRE(mine != nullptr);
    CHECK(mine->sent());  // a verified receipt is stored with it

    auto store = open_receiver_store(data);
    CHECK(store->count_submissions().value() == std::int64_t(items->size()));
    CHECK(store->count_duplicate_keys().value() == 0);
    auto row = store->submission(id, mine->version);
    REQUIRE(row.ok());
    REQUIRE(row->has_value());
    int found = 0;
    REQUIRE(store
                ->for_each_assessment([&](const receiver::StoredAssessment& a) {
                    if (a.assessment_uuid != id || a.version != mine->version) return true;
                    ++found;
                    CHECK(a.data.kind == "intake");
                    CHECK(a.data.domains.size() == 13);
                    CHECK_FALSE(a.data.team.empty());  // the client's team, else the device's
                    CHECK_FALSE(a.data.wijk.empty());
                    CHECK_FALSE(a.data.client_ref.empty());
                    return true;
                })
                .ok());
    CHECK(found == 1);
    std::printf(
        "\nkiosk → PostgreSQL receiver: %s:%d stored once, %zu outbox item(s) all with "
        "a verified receipt\n\n",
        id.c_str(), mine->version, items->size());
    std::fflush(stdout);
}

TEST_CASE("a revoked device locks the kiosk with the revoked message", "[e2e][security]") {
    ReceiverData data;
    ReceiverProcess receiver(data);
    DemoVault v;
    enroll_with_cli(v, data, receiver.port(), "tablet-revoked");
    REQUIRE(data.revoke("tablet-revoked") == 0);
    // The automatic pass right after unlock (the demo's sealed intake waits) meets the revocation.
    const auto r = run_kiosk(v,
                             {"wait-sync", "frames 2", expect(dutch().tr("error.sync.revoked")),
                              "screenshot " + (screenshot_dir() / "unlock_revoked.png").string()},
                             {"--size", "1280x800"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    auto store = open_receiver_store(data);
    CHECK(store->audit_entries("device_wiped").value().size() == 1);
}

TEST_CASE("screenshots of the sync texts offline and rolled back", "[e2e]") {
    const fs::path out = screenshot_dir();
    SECTION("offline") {
        ReceiverData data;
        DemoVault v;
        {
            ReceiverProcess receiver(data);
            enroll_with_cli(v, data, receiver.port(), "tablet-offline");
        }  // the receiver is gone
        const auto r =
            run_kiosk(v,
                      {"wait-sync", tap(dutch().tr("sync.send")), "wait-sync",
                       expect(dutch().tr("error.sync.offline")),
                       "screenshot " + (out / "clients_offline.png").string(), tap("Instellingen"),
                       "drag 612 650 612 120", expect(dutch().tr("error.sync.offline")),
                       "screenshot " + (out / "settings_offline.png").string()},
                      {"--size", "1280x800"});
        INFO(r.err);
        CHECK(r.exit_code == 0);
    }
    SECTION("rolled back") {
        ReceiverData data;
        DemoVault v;
        ReceiverProcess receiver(data);
        enroll_with_cli(v, data, receiver.port(), "tablet-rolled-back");
        {
            auto vault = open_demo(v);
            auto state = ks::load_state(vault.db());
            REQUIRE(state.ok());
            state->blocked = "rolled_back";
            state->last_error = "rolled_back";
            REQUIRE(ks::save_state(vault.db(), state.value()).ok());
        }
        const auto r = run_kiosk(
            v,
            {"wait-sync", "frames 2", expect(dutch().tr("error.sync.rolled_back")),
             "screenshot " + (out / "clients_rolled_back.png").string(), tap("Instellingen"),
             "drag 612 650 612 120", expect(dutch().tr("error.sync.rolled_back")),
             "screenshot " + (out / "settings_rolled_back.png").string()},
            {"--size", "1280x800"});
        INFO(r.err);
        CHECK(r.exit_code == 0);
    }
}

}  // namespace kt::test
