// The first run on a tablet without a vault, through the real kiosk (headless): every page,
// the strength meter, the PIN rule, killed on every page and at every step of the create,
// and what the worker reads when the place of the vault is not usable.
#include <sys/mount.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "crypto/key_file.hpp"
#include "crypto/pin.hpp"
#include "kiosk_runner.hpp"
#include "store/settings.hpp"
#include "store/vault.hpp"
#include "store/vault_create.hpp"
#include "store/worker.hpp"

namespace kt::test {

namespace {

constexpr const char* kPass = "fiets-boom-regen-lamp";
using Lines = std::vector<std::string>;

Lines operator+(Lines a, const Lines& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

ProcessResult run_setup(const fs::path& vault, const Lines& lines, const Lines& extra = {},
                        const std::map<std::string, std::string>& env = {}) {
    use_fast_kdf_for_children();
    // Beside the vault's directory, never in it (the tests look at what the setup leaves).
    const fs::path script = vault.parent_path().string() + "-script.txt";
    std::string text;
    for (const auto& l : lines)
        text += l + "\n";
    write_bytes(script, text);
    Lines args = {"keukentafel", "--headless", "--vault", vault.string()};
    args = args + extra + Lines{"--script", script.string()};
    auto e = env;
    e["SDL_VIDEODRIVER"] = "offscreen";
    return run_program(args, e);
}

// The pages as a worker goes through them, each ending where the next begins.
const Lines kWelcome = {"expect-text \"Welkom bij Keukentafel\"", "expect-title \"Keukentafel\""};
const Lines kWorker = {"tap-text \"Beginnen\"", "expect-text \"Wie ben je?\"",
                       "tap-text \"Je naam\"",  "type \"Tjitske Hoekstra\"",
                       "tap-text \"Klaar\"",    "type \"Wijkteam Oost\""};
const Lines kPassphrasePage = {"tap-text \"Volgende\"",
                               "expect-text \"Kies een wachtwoord\"",
                               "tap-text \"Wachtwoord\"",
                               std::string("type \"") + kPass + "\"",
                               "expect-text \"Dit wachtwoord is sterk genoeg.\"",
                               "tap-text \"Klaar\"",
                               std::string("type \"") + kPass + "\""};
const Lines kPin = {"tap-text \"Volgende\"", "expect-text \"Kies een pincode\"", "type \"246810\"",
                    "tap-text \"Klaar\"", "type \"246810\""};
const Lines kCreate = {"tap-text \"Kluis maken\"", "expect-text \"Je kluis is klaar\""};
const Lines kToClients = {"tap-text \"Later\"", "expect-text \"Nog geen cliënten in deze kluis.\""};

// A tmpfs of `kib` KiB at `dir`, read-only on request, unmounted at scope end. Mounting needs
// root; elsewhere the test says so and checks nothing.
struct SmallDisk {
    fs::path dir;
    bool ok = false;
    SmallDisk(fs::path d, int kib, bool read_only) : dir(std::move(d)) {
        fs::create_directories(dir);
        const std::string opts = "size=" + std::to_string(kib) + "k,mode=0700";
        ok = ::mount("tmpfs", dir.c_str(), "tmpfs", read_only ? MS_RDONLY : 0, opts.c_str()) == 0;
        if (!ok) WARN("not checked: mounting a small tmpfs needs root (" << dir << ")");
    }
    ~SmallDisk() {
        if (ok) ::umount(dir.c_str());
    }
};

}  // namespace

TEST_CASE("a tablet without a vault is set up by touch and lands on the empty client list") {
    TempDir dir;
    const fs::path vault = dir / "data" / "vault.kt";
    const auto r =
        run_setup(vault, kWelcome + kWorker + kPassphrasePage + kPin + kCreate + kToClients);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto v = store::Vault::open(vault, kPass);
    REQUIRE(v.ok());
    const auto w = store::load_worker(v->db());
    CHECK(w->name == "Tjitske Hoekstra");
    CHECK(w->team == "Wijkteam Oost");
    CHECK(crypto::verify_pin(store::load_settings(v->db())->pin_hash, "246810"));
    CHECK(fs::status(vault.parent_path()).permissions() == fs::perms::owner_all);
}

TEST_CASE("the first run refuses a weak passphrase and an easy PIN and says why") {
    TempDir dir;
    const fs::path vault = dir / "data" / "vault.kt";
    const Lines weak = {"tap-text \"Volgende\"",
                        "tap-text \"Wachtwoord\"",
                        "type \"kort\"",
                        "expect-text \"Te kort: gebruik minstens 12 tekens.\"",
                        "key Backspace",
                        "key Backspace",
                        "key Backspace",
                        "key Backspace",
                        "type \"wachtwoord123\"",
                        "expect-text \"Sterkte: \"",
                        "tap-text \"Klaar\"",
                        "type \"wachtwoord123\"",
                        "tap-text \"Volgende\"",
                        "expect-text \"Dit lijkt op een woord of wachtwoord\"",
                        "expect-text \"Kies een wachtwoord\""};
    const Lines mismatch = {"tap-text \"Wachtwoord\"", std::string("type \"") + kPass + "\"",
                            "tap-text \"Klaar\"",      "type \"fiets-boom-regen\"",
                            "tap-text \"Volgende\"",   "expect-text \"niet gelijk\""};
    const Lines easy_pin = {"type \"123456\"", "tap-text \"Klaar\"", "type \"123456\"",
                            "tap-text \"Kluis maken\"", "expect-text \"te makkelijk te raden\""};
    const auto r =
        run_setup(vault, kWelcome + kWorker + weak + mismatch +
                             Lines(kPassphrasePage.begin() + 2, kPassphrasePage.end()) + kPin +
                             Lines{"tap-text \"Terug\"", "expect-text \"Kies een wachtwoord\""} +
                             Lines(kPassphrasePage.begin() + 2, kPassphrasePage.end()) +
                             Lines{kPin.front(), "expect-text \"Kies een pincode\""});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(fs::exists(vault));
    const auto pin =
        run_setup(vault, kWelcome + kWorker + kPassphrasePage + Lines{kPin.front()} + easy_pin);
    INFO(pin.err);
    CHECK(pin.exit_code == 0);
    CHECK_FALSE(fs::exists(vault));
}

TEST_CASE("the first run killed on any page leaves nothing and starts again") {
    const std::vector<Lines> upto = {kWelcome, kWelcome + kWorker,
                                     kWelcome + kWorker + kPassphrasePage,
                                     kWelcome + kWorker + kPassphrasePage + kPin};
    for (std::size_t i = 0; i < upto.size(); ++i) {
        CAPTURE(i);
        TempDir dir;
        const fs::path vault = dir / "data" / "vault.kt";
        CHECK(run_setup(vault, upto[i] + Lines{"kill"}).exit_code == 128 + 9);
        CHECK(store::vault_presence(vault) == store::VaultPresence::none);
        const auto again = run_setup(vault, kWelcome);
        INFO(again.err);
        CHECK(again.exit_code == 0);
    }
}

TEST_CASE("the first run killed at every step of making the vault leaves nothing or all of it") {
    for (const char* point :
         {"vault_create:filled", "vault_create:vault_written", "vault_create:key_written",
          "vault_create:key_linked", "vault_create:vault_linked", "vault_create:done"}) {
        CAPTURE(point);
        TempDir dir;
        const fs::path vault = dir / "data" / "vault.kt";
        const auto killed = run_setup(vault, kWelcome + kWorker + kPassphrasePage + kPin + kCreate,
                                      {}, {{"KT_CRASH_AT", point}});
        REQUIRE(killed.exit_code == 128 + 9);
        // The next start: the setup again (nothing there), or the unlock screen of the whole
        // vault, never "beschadigd".
        const auto next = run_setup(vault, {"frames 2"});
        REQUIRE(next.exit_code == 0);
        const bool complete = std::string(point) == "vault_create:vault_linked" ||
                              std::string(point) == "vault_create:done";
        if (complete) {
            CHECK(run_setup(vault, {"expect-text \"Typ je wachtwoord\""}).exit_code == 0);
            auto v = store::Vault::open(vault, kPass);
            REQUIRE(v.ok());
            CHECK(store::load_worker(v->db())->name == "Tjitske Hoekstra");
            CHECK(crypto::verify_pin(store::load_settings(v->db())->pin_hash, "246810"));
        } else {
            CHECK(store::vault_presence(vault) == store::VaultPresence::none);
            CHECK(fs::is_empty(vault.parent_path()));
            const auto retry = run_setup(
                vault, kWelcome + kWorker + kPassphrasePage + kPin + kCreate + kToClients);
            INFO(retry.err);
            CHECK(retry.exit_code == 0);
        }
    }
}

TEST_CASE("a key file or a vault alone is named on the unlock screen and never replaced") {
    TempDir dir;
    const fs::path vault = dir / "data" / "vault.kt";
    fs::create_directories(vault.parent_path());
    write_bytes(crypto::key_file_path(vault), "van iemand");
    auto r = run_setup(vault, {"expect-text \"sleutelbestand zonder kluis\"",
                               "expect-text \"Bel functioneel beheer\""});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(read_bytes(crypto::key_file_path(vault)) == "van iemand");
    CHECK_FALSE(fs::exists(vault));

    TempDir other;
    const fs::path lone = other / "data" / "vault.kt";
    fs::create_directories(lone.parent_path());
    write_bytes(lone, std::string(4096, 'x'));
    r = run_setup(lone, {"expect-text \"kluis zonder sleutelbestand\""});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(read_bytes(lone) == std::string(4096, 'x'));
}

TEST_CASE("a vault place that is read-only or full is said on screen, and nothing is left") {
    struct Case {
        int kib;
        bool read_only;
        const char* message;
    };
    for (const Case c : {Case{64, true, "op deze plek mag Keukentafel niets opslaan"},
                         Case{16, false, "de opslag van deze tablet is vol"}}) {
        CAPTURE(c.message);
        TempDir dir;
        SmallDisk disk(dir / "disk", c.kib, c.read_only);
        if (!disk.ok) continue;
        const fs::path vault = disk.dir / "vault.kt";
        const auto r = run_setup(vault, kWelcome + kWorker + kPassphrasePage + kPin +
                                            Lines{"tap-text \"Kluis maken\"",
                                                  std::string("expect-text \"") + c.message + "\"",
                                                  "expect-text \"Kies een pincode\""});
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK(fs::is_empty(disk.dir));
    }
}

TEST_CASE("the first run on a full disk says so, keeps nothing, and succeeds once space is free") {
    // The fault VFS (test builds) fails the n-th write of the new vault with SQLITE_FULL, for
    // n over the whole create; "fault off" frees the space and the worker taps again.
    const Lines retype(kPin.begin() + 2, kPin.end());  // the PIN twice, as on the page's start
    for (const char* plan :
         {"disk_full@1", "disk_full@3", "disk_full@8", "io_write@2", "io_sync@1", "io_read@1+"}) {
        CAPTURE(plan);
        TempDir dir;
        const fs::path vault = dir / "data" / "vault.kt";
        const bool full = std::string(plan).rfind("disk_full", 0) == 0;
        const std::string said = full ? "de opslag van deze tablet is vol" : "Er is niets bewaard.";
        const auto r = run_setup(vault,
                                 kWelcome + kWorker + kPassphrasePage + kPin +
                                     Lines{std::string("fault ") + plan, "tap-text \"Kluis maken\"",
                                           "expect-text \"" + said + "\"",
                                           "expect-text \"Kies een pincode\"", "fault off"} +
                                     retype + kCreate + kToClients,
                                 {}, {{"KT_TEST_FAULTS", "off"}});
        INFO(r.err);
        CHECK(r.exit_code == 0);
        std::set<std::string> left;
        for (const auto& e : fs::directory_iterator(vault.parent_path()))
            left.insert(e.path().filename().string());
        CHECK(left == std::set<std::string>{"vault.kt", "vault.kt.key"});
        auto v = store::Vault::open(vault, kPass);
        REQUIRE(v.ok());
        CHECK(store::load_worker(v->db())->name == "Tjitske Hoekstra");
    }
}

TEST_CASE("an unknown language starts the kiosk in Dutch and says so") {
    TempDir dir;
    const std::string notice = "Deze taal kent Keukentafel niet.";
    const auto r = run_setup(dir / "data" / "vault.kt",
                             kWelcome + Lines{"expect-text \"" + notice + "\""}, {"--lang", "de"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("--lang de: " + notice) != std::string::npos);
    // The notice goes with the first step; the setup goes on in Dutch.
    const auto next = run_setup(dir / "data2" / "vault.kt",
                                kWelcome + Lines{kWorker.front(), kWorker[1]}, {"--lang", "de"});
    INFO(next.err);
    CHECK(next.exit_code == 0);
}

}  // namespace kt::test

namespace kt::test {

// Every page of the first run at the four tablet sizes, upright and lying: no text runs into
// another or over a button, none leaves its box; screenshots of each page for a person to
// look at (1280x800 and 1920x1200, Dutch) beside the test binary.
TEST_CASE("every first-run page fits 1280x800, 800x1280, 1920x1200 and 1200x1920") {
    const Lines check = {"expect-no-overlap", "expect-targets-min-mm 12",
                         "expect-title \"Keukentafel\""};
    for (const char* size : {"1280x800", "800x1280", "1920x1200", "1200x1920"}) {
        CAPTURE(size);
        const std::string shot = std::string(KT_FIRST_RUN_PNG_DIR) + "/first-run-" + size + "-";
        auto page = [&](const char* name) {
            return check + Lines{"screenshot " + shot + name + ".png"};
        };
        TempDir dir;
        const fs::path vault = dir / "data" / "vault.kt";
        const Lines typed_pin = {"tap-text \"Volgende\"", "expect-text \"Kies een pincode\"",
                                 "type \"246810\"", "tap-text \"Klaar\"", "type \"246810\""};
        const auto r =
            run_setup(vault,
                      kWelcome + page("1-welkom") + kWorker + page("2-naam") + kPassphrasePage +
                          page("3-wachtwoord") + typed_pin + page("4-pincode") + kCreate +
                          page("5-gemeente") + kToClients + page("6-clienten"),
                      {"--size", size});
        INFO(r.err);
        CHECK(r.exit_code == 0);
    }
}

// With the on-screen keyboard up, the strength and its reason stay readable while the worker
// types the passphrase: on a landscape tablet the meter goes beside the field.
TEST_CASE("the strength meter and its reason stay in view while the passphrase is typed") {
    for (const char* size : {"1280x800", "800x1280", "1920x1200", "1200x1920"}) {
        CAPTURE(size);
        TempDir dir;
        const Lines typing = {"tap-text \"Volgende\"",
                              "tap-text \"Wachtwoord\"",
                              "type \"wachtwoord123\"",
                              "expect-text-in-view \"Sterkte: \"",
                              "expect-text-in-view \"Dit lijkt op een woord of wachtwoord\"",
                              "expect-target \"Wachtwoord\"",
                              "expect-no-overlap",
                              "screenshot " + std::string(KT_FIRST_RUN_PNG_DIR) + "/first-run-" +
                                  size + "-3-sterkte.png",
                              "type \"-fiets-boom\"",
                              "expect-text-in-view \"Dit wachtwoord is sterk genoeg.\""};
        const auto r =
            run_setup(dir / "data" / "vault.kt", kWelcome + kWorker + typing, {"--size", size});
        INFO(r.err);
        CHECK(r.exit_code == 0);
    }
}

TEST_CASE("the first run follows a rotation while it runs") {
    TempDir dir;
    const fs::path vault = dir / "data" / "vault.kt";
    const auto r = run_setup(
        vault, kWelcome + kWorker +
                   Lines{"resize 800x1280", "expect-no-overlap", "expect-target \"Volgende\"",
                         "resize 1280x800", "expect-no-overlap", "expect-target \"Volgende\""});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

}  // namespace kt::test
