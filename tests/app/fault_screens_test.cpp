// T-03 and T-04 in the program: the fault-injecting VFS (store/fault_vfs.hpp) armed from the
// headless script (`fault PLAN`, KT_TEST_HOOKS builds) at a few points of the real screens: a
// score tapped on a full disk, the seal on a full disk, the settings saved on a full disk, a
// failed sync while scoring, the power lost while sealing. The worker sees the Dutch message, the
// program runs on, and once the fault ends (`fault off`) the same tap succeeds. Screenshots go to
// build/.../tests/app/fault_screenshots for a person to look at.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "kiosk_runner.hpp"
#include "model/zrm.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "store/settings.hpp"

namespace kt::test {

namespace {

// The first sentence of a message: what the screen must show (long ones wrap).
std::string first_sentence(const std::string& key) {
    const std::string text = dutch().tr(key);
    return text.substr(0, text.find('.') + 1);
}

std::string screenshot(const std::string& name) {
    const fs::path dir = KT_FAULT_SCREENSHOT_DIR;
    fs::create_directories(dir);
    return "screenshot " + (dir / name).string();
}

std::string first_descriptor() {
    return dutch().tr(zrm::descriptor_key(zrm::kDomains[0], 4));
}

// The program runs with the fault VFS installed (disarmed until the script arms it).
ProcessResult run_with_faults(const DemoVault& v, const std::vector<std::string>& lines) {
    ::setenv("KT_TEST_FAULTS", "off", 1);
    auto r = run_kiosk(v, lines, {"--size", "1280x800"});
    ::unsetenv("KT_TEST_FAULTS");
    return r;
}

std::vector<std::string> intake_for_wojcik() {
    return {"find-client \"wojcik\" \"Wójcik, Agnieszka\"", tap("Intake starten"),
            tap("Gesprek beginnen")};
}

// Özlem Yılmaz's finished intake: handed over, read, both sign; the seal button is next.
std::vector<std::string> ready_to_seal() {
    std::vector<std::string> s = {"find-client \"yilmaz\" \"Yılmaz, Özlem\"",
                                  tap("Geef de tablet aan de cliënt")};
    for (int i = 0; i < zrm::kDomainCount; ++i)
        s.push_back(tap("Volgende"));
    s.insert(s.end(), {tap("Volgende"), "drag-text \"Handtekening van de cliënt\" 500 520",
                       "drag-text \"Handtekening van de hulpverlener\" 1100 430"});
    return s;
}

std::optional<model::Assessment> only_assessment_of(store::Vault& vault,
                                                    const std::string& family) {
    auto clients = store::list_clients(vault.db());
    REQUIRE(clients.ok());
    for (const auto& c : clients.value()) {
        if (c.family_name != family) continue;
        auto list = store::assessments_of(vault.db(), c.id);
        REQUIRE(list.ok());
        if (!list->empty()) return list->front();
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE(
    "T-03 in the program: a score tapped on a full disk shows the Dutch message and "
    "counts once space is freed",
    "[security]") {
    DemoVault v;
    auto s = intake_for_wojcik();
    s.insert(s.end(), {"fault disk_full@1", tap(first_descriptor()),
                       expect(first_sentence("error.disk_full")), screenshot("score_disk_full.png"),
                       expect("0 van 13 gescoord"), "fault off", tap(first_descriptor()),
                       expect("1 van 13 gescoord")});
    const auto r = run_with_faults(v, s);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto vault = open_demo(v);
    const auto a = only_assessment_of(vault, "Wójcik");
    REQUIRE(a.has_value());
    CHECK(a->levels[0] == 4);
}

TEST_CASE(
    "T-03 in the program: the seal on a full disk shows the Dutch message, the "
    "signatures stay, and it seals once space is freed",
    "[security]") {
    DemoVault v;
    auto s = ready_to_seal();
    s.insert(s.end(), {"fault disk_full@1", tap("Klaar: vastleggen"),
                       expect(first_sentence("error.disk_full")), screenshot("seal_disk_full.png"),
                       "fault off", tap("Klaar: vastleggen"), expect("Vastgelegd. Dank u wel.")});
    const auto r = run_with_faults(v, s);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto vault = open_demo(v);
    const auto a = only_assessment_of(vault, "Yılmaz");
    REQUIRE(a.has_value());
    CHECK(a->sealed());
    auto seals = store::verify_sealed(vault.db());
    REQUIRE(seals.ok());
    CHECK(seals->broken == 0);
}

TEST_CASE(
    "T-04 in the program: a sync that fails while scoring shows the Dutch message and "
    "the next tap counts",
    "[security]") {
    DemoVault v;
    auto s = intake_for_wojcik();
    s.insert(s.end(), {"fault io_sync@1", tap(first_descriptor()),
                       expect(first_sentence("error.io")), screenshot("score_io_error.png"),
                       "fault off", tap(first_descriptor()), expect("1 van 13 gescoord")});
    const auto r = run_with_faults(v, s);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto vault = open_demo(v);
    const auto a = only_assessment_of(vault, "Wójcik");
    REQUIRE(a.has_value());
    CHECK(a->levels[0] == 4);
}

TEST_CASE(
    "T-02 in the program: the power lost while sealing shows the Dutch message; after the "
    "reboot the vault opens with both signatures",
    "[security]") {
    DemoVault v;
    auto s = ready_to_seal();
    // Seed 0: nothing written since the last sync reaches the disk.
    s.insert(s.end(), {"fault power_loss@1:0", tap("Klaar: vastleggen"),
                       expect(first_sentence("error.io")), screenshot("seal_power_lost.png")});
    const auto r = run_with_faults(v, s);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    fs::remove(v.vault.string() + "-shm");  // memory is gone with the power
    auto vault = open_demo(v);
    auto ic = vault.db().query_text("PRAGMA integrity_check");
    REQUIRE(ic.ok());
    CHECK(ic.value() == "ok");
    CHECK_FALSE(vault.audit_chain_broken());
    const auto a = only_assessment_of(vault, "Yılmaz");
    REQUIRE(a.has_value());
    CHECK_FALSE(a->sealed());  // the seal never returned; the signatures did
    auto review = store::load_review(vault.db(), a->id);
    REQUIRE(review.ok());
    CHECK(review->signature(model::Signer::client) != nullptr);
    CHECK(review->signature(model::Signer::worker) != nullptr);
}

TEST_CASE(
    "T-03 in the program: settings saved on a full disk show the Dutch message on the settings "
    "screen, not Opgeslagen., and save once space is freed",
    "[security]") {
    DemoVault v;
    const std::vector<std::string> s = {tap("Instellingen"),
                                        tap("3 maanden"),
                                        "fault disk_full@1",
                                        tap("Opslaan"),
                                        expect(first_sentence("error.disk_full")),
                                        "expect-no-text \"Opgeslagen.\"",
                                        screenshot("settings_disk_full.png"),
                                        "fault off",
                                        tap("Opslaan"),
                                        expect("Opgeslagen.")};
    const auto r = run_with_faults(v, s);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto vault = open_demo(v);
    const auto settings = store::load_settings(vault.db());
    REQUIRE(settings.ok());
    CHECK(settings->interval_months == 3);
    CHECK_FALSE(settings->pin_hash.empty());  // the PIN still opens the locked screen
}

}  // namespace kt::test
