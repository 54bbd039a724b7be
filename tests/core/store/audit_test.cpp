// The hash-chained audit log: every event type, no personal data, and a deleted, altered or
// reordered row found at the next open (T-35).
#include "store/audit.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/network.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "store/unlock_guard.hpp"
#include "store/vault_admin.hpp"
#include "support/test_support.hpp"

using kt::ErrorCode;
using kt::store::Vault;
using kt::test::TempDir;
namespace fs = std::filesystem;
namespace store = kt::store;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;
constexpr const char* kNewPass = "Thee met de buren 2027";

kt::model::Client marker_client() {
    kt::model::Client c;
    c.given_name = "Auditmarkeer-Şükrü";
    c.tussenvoegsel = "van der";
    c.family_name = "Logboekmarkeer-Wójcik";
    c.birth_date = "1961-07-08";
    c.wijk = "Wijkmarkeer-Noord";
    return c;
}

// Drives every event type through the real calls; returns the vault path.
fs::path drive_every_event(const TempDir& dir) {
    kt::test::use_fast_kdf_for_children();  // change_passphrase uses the new-vault KDF cost
    const fs::path path = dir / "v.ktv";
    {
        auto v = kt::test::create_test_vault(path, kPass);
        auto& db = v.db();
        // What the first run and `keukentafel-cli init` log into the vault they made.
        REQUIRE(store::audit_event(db, "vault_created", "", "ok", 999).ok());
        REQUIRE(store::audit_event(db, "unlock", "", "ok", 1000).ok());
        auto id = store::add_client(db, marker_client(), 1001);
        REQUIRE(id.ok());
        auto changed = marker_client();
        changed.id = id.value();
        changed.wijk = "Wijkmarkeer-Zuid";
        REQUIRE(store::update_client(db, changed, 1002).ok());
        auto a = store::start_assessment(db, id.value(), kt::model::AssessmentKind::intake, 1003);
        REQUIRE(a.ok());
        for (int d = 0; d < kt::zrm::kDomainCount; ++d)
            REQUIRE(store::set_score(db, a.value(), d, 1 + d % 5, 1004 + d).ok());
        kt::model::NetworkPerson daughter;
        daughter.label = "Netwerkmarkeer-dochter";
        REQUIRE(store::add_person(db, a.value(), daughter, 1050).ok());
        REQUIRE(store::finish_assessment(db, a.value(), 1100).ok());
        const kt::model::DomainAnswer own{kt::model::Agreement::disagree, 2, "Woordmarkeer"};
        REQUIRE(store::set_answer(db, a.value(), 0, own, 1100).ok());
        for (const auto signer : {kt::model::Signer::client, kt::model::Signer::worker})
            REQUIRE(store::save_signature(db, a.value(),
                                          {signer, "", {{{{0.5f, 0.5f}}}}, false, "", 0}, 1100)
                        .ok());
        const store::SealContext seal{"0.1.0", std::string(64, '0')};
        REQUIRE(store::seal_assessment(db, a.value(), seal, 1100).ok());
        REQUIRE(store::reopen_sealed(db, a.value(), 1100).ok());
        REQUIRE(store::audit_event(db, "export", a.value(), "ok", 1101).ok());
        REQUIRE(store::audit_event(db, "lock", "", "ok", 1102).ok());
        // Written by core/sync; its tests drive enrollment, sending, purge and wipe for real.
        for (const char* action : {"device_enrolled", "assessment_sent", "assessment_purged",
                                   "client_purged", "device_wiped", "vault_rolled_back"})
            REQUIRE(store::audit_event(db, action, a.value(), "ok", 1103).ok());
    }
    // Two wrong passphrases while locked, audited at the next open.
    for (const std::int64_t at : {1200, 1201}) {
        REQUIRE(Vault::open(path, "verkeerd").error().code == ErrorCode::wrong_passphrase);
        REQUIRE(store::UnlockGuard::load(path).record_failure(at).ok());
    }
    REQUIRE(store::change_passphrase(path, kPass, kNewPass).ok());
    auto dek = Vault::unlock_data_key(path, kNewPass);
    REQUIRE(dek.ok());
    auto v = Vault::open_with_data_key(path, dek.value());
    REQUIRE(v.ok());
    REQUIRE(store::backup_vault(v.value(), dek.value(), dir / "copy.ktv", 1300).ok());
    REQUIRE(v->checkpoint().ok());
    return path;
}

std::vector<store::AuditRow> rows_of(Vault& v) {
    auto rows = store::read_audit(v.db());
    REQUIRE(rows.ok());
    return rows.value();
}

// A copy of the vault and its key file, tampered with through SQL by someone who holds the
// key, then opened again. Returns the verdict of that second open.
Vault reopen_tampered(const fs::path& source, const TempDir& dir, const std::string& sql,
                      const kt::crypto::SecretBytes& dek) {
    const fs::path copy = dir / "t.ktv";
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(copy.string() + suffix, ec);
    fs::copy_file(source, copy, fs::copy_options::overwrite_existing);
    {
        auto v = Vault::open_with_data_key(copy, dek);
        REQUIRE(v.ok());
        REQUIRE_FALSE(v->audit_chain_broken());
        REQUIRE(v->db().exec(sql).ok());
    }
    auto v = Vault::open_with_data_key(copy, dek);
    REQUIRE(v.ok());  // a broken chain never keeps the vault shut: nothing is lost
    return std::move(v.value());
}

}  // namespace

TEST_CASE("T-35 every event type is logged with actor, object, result and time, no names",
          "[security]") {
    TempDir dir;
    const fs::path path = drive_every_event(dir);
    auto v = Vault::open(path, kNewPass);
    REQUIRE(v.ok());
    CHECK_FALSE(v->audit_chain_broken());
    const auto rows = rows_of(v.value());
    std::map<std::string, int> per_action;
    std::string all_text;
    auto actor = store::audit_actor(v->db());
    REQUIRE(actor.ok());
    CHECK(actor->size() >= 32);
    for (const auto& r : rows) {
        ++per_action[r.action];
        CHECK(r.actor == actor.value());
        CHECK(r.at > 0);
        CHECK((r.result == "ok" || r.result == "failed"));
        CHECK(r.hash.size() == 64);
        all_text += r.actor + r.action + r.object_id + r.result + "\n";
    }
    for (const auto action : store::kAuditActions) {
        CAPTURE(action);
        CHECK(per_action[std::string(action)] >= 1);
    }
    CHECK(per_action["score_set"] == kt::zrm::kDomainCount);
    CHECK(per_action["failed_unlock"] == 2);
    const auto c = marker_client();
    for (const auto& m :
         {c.given_name, c.family_name, c.wijk, c.birth_date, std::string("Wijkmarkeer-Zuid"),
          std::string("Netwerkmarkeer"), std::string(kPass)}) {
        CAPTURE(m);
        CHECK(kt::test::count_in_bytes(all_text, m) == 0);
    }
    std::printf("T-35: %zu event types present in %zu audit rows, 0 personal data\n",
                per_action.size(), rows.size());
}

TEST_CASE("T-35 a deleted, altered or reordered audit row is found at the next open",
          "[security]") {
    TempDir dir;
    const fs::path path = drive_every_event(dir);
    auto dek = Vault::unlock_data_key(path, kNewPass);
    REQUIRE(dek.ok());
    std::int64_t last = 0;
    {
        auto v = Vault::open_with_data_key(path, dek.value());
        REQUIRE(v.ok());
        last = static_cast<std::int64_t>(rows_of(v.value()).size());
        REQUIRE(v->checkpoint().ok());
    }
    REQUIRE(last >= 20);
    // Each alteration changes the row whatever it held.
    const char* columns[] = {"at = at + 1", "actor = actor || '0'", "action = action || 'x'",
                             "object_id = object_id || '0'", "result = result || 'x'"};
    std::map<std::string, int> tried, found;
    for (std::int64_t seq = 1; seq <= last; ++seq) {
        const std::string s = std::to_string(seq);
        std::vector<std::pair<std::string, std::string>> cases = {
            {"deleted", "DELETE FROM audit WHERE seq = " + s},
            {"altered", std::string("UPDATE audit SET ") + columns[seq % 5] + " WHERE seq = " + s},
        };
        if (seq < last)
            cases.push_back(
                {"reordered",
                 "UPDATE audit SET seq = -1 WHERE seq = " + s + "; UPDATE audit SET seq = " + s +
                     " WHERE seq = " + std::to_string(seq + 1) +
                     "; UPDATE audit SET seq = " + std::to_string(seq + 1) + " WHERE seq = -1"});
        for (const auto& [kind, sql] : cases) {
            CAPTURE(kind, seq);
            auto v = reopen_tampered(path, dir, sql, dek.value());
            ++tried[kind];
            CHECK(v.audit_chain_broken());
            CHECK(v.audit_break_seq() == seq);
            if (v.audit_chain_broken() && v.audit_break_seq() == seq) ++found[kind];
            // Use goes on and the break stays reported (evidence is not healed by new rows).
            REQUIRE(store::audit_event(v.db(), "unlock", "", "ok", 5000).ok());
            auto again = Vault::open_with_data_key(v.path(), dek.value());
            REQUIRE(again.ok());
            CHECK(again->audit_chain_broken());
        }
    }
    std::printf(
        "T-35: tampered copies detected at the right row: deleted %d/%d, altered %d/%d, "
        "reordered %d/%d\n",
        found["deleted"], tried["deleted"], found["altered"], tried["altered"], found["reordered"],
        tried["reordered"]);
    CHECK(found == tried);
}

TEST_CASE("an untouched vault keeps an intact chain across opens") {
    TempDir dir;
    { kt::test::create_test_vault(dir / "v.ktv", kPass); }
    for (int i = 0; i < 3; ++i) {
        auto v = Vault::open(dir / "v.ktv", kPass);
        REQUIRE(v.ok());
        CHECK_FALSE(v->audit_chain_broken());
        CHECK(v->audit_break_seq() == 0);
        CHECK(v->audit_break().empty());
        REQUIRE(store::audit_event(v->db(), "unlock", "", "ok", 100 + i).ok());
    }
    auto v = Vault::open(dir / "v.ktv", kPass);
    REQUIRE(v.ok());
    auto verdict = store::verify_audit_chain(v->db());
    REQUIRE(verdict.ok());
    CHECK_FALSE(verdict->broken);
    CHECK(verdict->rows == 3);
}

TEST_CASE("audit events outside the fixed vocabulary are refused and write nothing", "[security]") {
    TempDir dir;
    auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
    const std::string uuid = "11111111-2222-4333-8444-555555555555";
    struct Case {
        const char* action;
        std::string object;
        const char* result;
    };
    const std::vector<Case> refused = {
        {"deleted_everything", "", "ok"},           {"unlock", "", "maybe"},
        {"client_created", "IJsbrand", "ok"},       {"client_created", uuid + " Dijk", "ok"},
        {"score_set", uuid + ":Financiën", "ok"},   {"score_set", uuid.substr(1), "ok"},
        {"export", uuid.substr(0, 35) + "G", "ok"},
    };
    for (const auto& c : refused) {
        CAPTURE(c.action, c.object, c.result);
        auto s = store::audit_event(v.db(), c.action, c.object, c.result, 1);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::usage);
    }
    CHECK(rows_of(v).empty());
    CHECK(store::audit_event(v.db(), "score_set", uuid + ":financien", "ok", 1).ok());
    CHECK(store::audit_event(v.db(), "export", uuid, "refused", 2).ok());
    CHECK(rows_of(v).size() == 2);
}

TEST_CASE("a refused change writes no audit row") {
    TempDir dir;
    auto v = kt::test::create_test_vault(dir / "v.ktv", kPass);
    kt::model::Client nameless;
    nameless.wijk = "Oost";
    CHECK_FALSE(store::add_client(v.db(), nameless, 1).ok());
    CHECK_FALSE(store::set_score(v.db(), "11111111-2222-4333-8444-555555555555", 0, 3, 1).ok());
    CHECK(rows_of(v).empty());
}

TEST_CASE("failed unlocks counted while locked become failed_unlock rows at the next open",
          "[security]") {
    TempDir dir;
    const fs::path path = dir / "v.ktv";
    { kt::test::create_test_vault(path, kPass); }
    for (const std::int64_t at : {2000, 2005, 2010}) {
        REQUIRE(Vault::open(path, "fout").error().code == ErrorCode::wrong_passphrase);
        REQUIRE(store::UnlockGuard::load(path).record_failure(at).ok());
    }
    CHECK(store::UnlockGuard::load(path).failures() == 3);
    {
        auto v = Vault::open(path, kPass);
        REQUIRE(v.ok());
        const auto rows = rows_of(v.value());
        REQUIRE(rows.size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(rows[i].action == "failed_unlock");
            CHECK(rows[i].result == "failed");
            CHECK(rows[i].at == 2000 + 5 * static_cast<std::int64_t>(i));
        }
    }
    const auto guard = store::UnlockGuard::load(path);
    CHECK(guard.failures() == 0);
    CHECK(guard.pending().empty());
    auto v = Vault::open(path, kPass);  // audited once, not again
    REQUIRE(v.ok());
    CHECK(rows_of(v.value()).size() == 3);
}
