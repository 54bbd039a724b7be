// T-36: after receipt + retention the device purges an assessment; with secure_delete and a
// VACUUM no page of the vault file, free pages included, still holds any of its text. The test
// decrypts every page itself (SQLCipher 3: AES-256-CBC with the raw data key, the IV in each
// page's reserved tail) and greps the plaintext.
#include "sync/purge.hpp"

#include <openssl/evp.h>

#include <catch2/catch.hpp>

#include "model/review.hpp"
#include "store/assessments.hpp"
#include "store/audit.hpp"
#include "store/clients.hpp"
#include "store/network.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "sync/backoff.hpp"
#include "sync/config.hpp"
#include "sync/outbox.hpp"
#include "sync_fixture.hpp"

namespace ks = kt::sync;
namespace store = kt::store;

namespace {

constexpr const char* kPass = kt::test::kPassphrase;
constexpr std::size_t kPage = store::kCipherPageSize;
constexpr std::size_t kReserve = 48;  // IV 16 + HMAC-SHA1 20, rounded up to the AES block

// Every page of the vault file decrypted and concatenated (page 1 without its 16-byte salt).
std::string plaintext_pages(const std::filesystem::path& vault) {
    auto dek = store::Vault::unlock_data_key(vault, kPass);
    REQUIRE(dek.ok());
    const std::string file = kt::test::read_bytes(vault);
    REQUIRE(file.size() % kPage == 0);
    std::string out;
    for (std::size_t off = 0; off < file.size(); off += kPage) {
        const std::size_t skip = off == 0 ? 16 : 0;
        const auto* page = reinterpret_cast<const unsigned char*>(file.data() + off);
        const unsigned char* iv = page + kPage - kReserve;
        EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
        REQUIRE(EVP_DecryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, dek->data(), iv) == 1);
        EVP_CIPHER_CTX_set_padding(ctx, 0);
        std::string plain(kPage - kReserve - skip, '\0');
        int n = 0, m = 0;
        REQUIRE(EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(plain.data()), &n,
                                  page + skip, int(plain.size())) == 1);
        REQUIRE(EVP_DecryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(plain.data()) + n, &m) ==
                1);
        EVP_CIPHER_CTX_free(ctx);
        out += plain;
    }
    return out;
}

struct Markers {
    std::string client_id, assessment_id;
    std::vector<std::string> all;
};

// A client whose only assessment is an afsluiting, with a marker in every personal field.
Markers add_marked_afsluiting(store::Database& db, const std::string& tag, std::int64_t at) {
    Markers m;
    auto mk = [&](const char* field) {
        m.all.push_back(tag + field);
        return m.all.back();
    };
    kt::model::Client c;
    c.given_name = mk("Voornaam");
    c.family_name = mk("Achternaam");
    c.birth_date = "1950-02-03";
    c.wijk = "Centrum";
    c.team = "Oost";
    c.household.push_back({kt::model::Relation::partner, 70});
    auto client = store::add_client(db, c, at);
    REQUIRE(client.ok());
    m.client_id = client.value();
    auto a = store::start_assessment(db, m.client_id, kt::model::AssessmentKind::afsluiting, at);
    REQUIRE(a.ok());
    m.assessment_id = a.value();
    for (int d = 0; d < kt::zrm::kDomainCount; ++d)
        REQUIRE(store::set_score(db, m.assessment_id, d, 1 + d % 5, at).ok());
    kt::model::DomainDetail detail;
    detail.note = mk("Notitie");
    detail.hulpvraag = mk("Hulpvraag");
    detail.goal = true;
    REQUIRE(store::set_domain_detail(db, m.assessment_id, 2, detail, at).ok());
    kt::model::NetworkPerson p;
    p.label = mk("Buurman");
    p.kind = kt::model::PersonKind::neighbour;
    REQUIRE(store::add_person(db, m.assessment_id, p, at).ok());
    REQUIRE(store::finish_assessment(db, m.assessment_id, at).ok());
    using kt::model::Agreement;
    REQUIRE(
        store::set_answer(db, m.assessment_id, 1, {Agreement::disagree, 3, mk("Eigenwoorden")}, at)
            .ok());
    REQUIRE(store::set_network_agreement(db, m.assessment_id, Agreement::agree, at).ok());
    REQUIRE(store::set_goals_agreement(db, m.assessment_id, Agreement::agree, at).ok());
    kt::model::Signature rep{kt::model::Signer::representative,
                             mk("Rolbewindvoerder"),
                             {{{{0.1f, 0.6f}, {0.4f, 0.3f}}}},
                             false,
                             "",
                             0};
    const kt::model::Signature worker{
        kt::model::Signer::worker, "", {{{{0.2f, 0.5f}, {0.7f, 0.4f}}}}, false, "", 0};
    REQUIRE(store::save_signature(db, m.assessment_id, rep, at).ok());
    REQUIRE(store::save_signature(db, m.assessment_id, worker, at).ok());
    const store::SealContext context{"0.1.0", std::string(64, 'a'), "ZRM-2017", "passphrase"};
    auto sealed = store::seal_assessment(db, m.assessment_id, context, at);
    INFO((sealed.ok() ? "" : sealed.error().detail));
    REQUIRE(sealed.ok());
    return m;
}

std::size_t hits(const std::string& plain, const std::vector<std::string>& markers) {
    std::size_t n = 0;
    for (const auto& marker : markers)
        n += kt::test::count_in_bytes(plain, marker);
    return n;
}

}  // namespace

TEST_CASE("purged assessments leave no trace on any page of the vault file (T-36)", "[security]") {
    kt::test::TempDir dir;
    const auto path = dir / "v.ktv";
    auto vault = kt::test::create_test_vault(path, kPass);
    auto& db = vault.db();
    kt::test::FakeReceiver fake;
    kt::test::enroll_with(db, fake);
    const Markers gone = add_marked_afsluiting(db, "PRGQ", 1000);
    const Markers kept = add_marked_afsluiting(db, "KEPZ", 1001);
    const auto unsent = kt::test::add_sealed_assessments(db, 1, 1002);
    // Both afsluitingen reach the receiver at 5000; then the first one's receipt ages.
    std::int64_t now = 5000;
    auto o = kt::test::options_for(fake, &now);
    // Send the two afsluitingen only: the third item waits a day (the longest wait a device
    // sets; a later retry time counts as set by a clock put back since), so it stays unsent.
    auto items = ks::list_outbox(db);
    REQUIRE(items->size() == 3);
    for (const auto& item : items.value()) {
        if (item.assessment_id == unsent[0].assessment_id)
            REQUIRE(db.exec("UPDATE outbox SET next_attempt_at = " +
                            std::to_string(now + ks::kMaxRetryAfterSeconds) +
                            " WHERE assessment_id = '" + item.assessment_id + "'")
                        .ok());
    }
    REQUIRE(ks::sync_now(vault, o).sent == 2);
    // The kept one is received later.
    REQUIRE(db.exec("UPDATE outbox SET receipt_at = 5000 + 40 * 86400, sent_at = 5000 + 40 * "
                    "86400 WHERE assessment_id = '" +
                    kept.assessment_id + "'")
                .ok());
    REQUIRE(vault.checkpoint().ok());
    const std::string before = plaintext_pages(path);
    REQUIRE(hits(before, gone.all) > 0);  // the scan sees plaintext, so the test can fail
    REQUIRE(hits(before, kept.all) > 0);

    // 29 days: nothing yet.
    auto early = ks::purge_expired(db, 5000 + 29 * 86400);
    REQUIRE(early.ok());
    CHECK(early->assessments == 0);
    auto r = ks::purge_expired(db, 5000 + 31 * 86400);
    REQUIRE(r.ok());
    CHECK(r->assessments == 1);
    CHECK(r->clients == 1);
    CHECK_FALSE(store::load_assessment(db, gone.assessment_id).ok());
    CHECK_FALSE(store::get_client(db, gone.client_id).ok());
    CHECK(store::load_assessment(db, kept.assessment_id).ok());
    CHECK(store::load_assessment(db, unsent[0].assessment_id).ok());
    auto rows = store::read_audit(db);
    REQUIRE(rows.ok());
    int purged = 0, clients = 0;
    for (const auto& row : rows.value()) {
        purged += row.action == "assessment_purged" && row.object_id == gone.assessment_id;
        clients += row.action == "client_purged" && row.object_id == gone.client_id;
    }
    CHECK(purged == 1);
    CHECK(clients == 1);
    CHECK(ks::outbox_counts(db)->pending == 1);
    vault.close();

    const std::string after = plaintext_pages(path);
    CHECK(hits(after, gone.all) == 0);
    CHECK(hits(after, kept.all) > 0);
    CHECK(kt::test::count_occurrences(dir / "v.ktv-wal", gone.all[0]) == 0);
    auto reopened = store::Vault::open(path, kPass);
    REQUIRE(reopened.ok());
    CHECK_FALSE(reopened->audit_chain_broken());
}

TEST_CASE("an assessment being edited or with an unsent version is not purged") {
    kt::test::TempDir dir;
    auto vault = kt::test::create_test_vault(dir / "v.ktv", kPass);
    auto& db = vault.db();
    const auto sealed = kt::test::add_sealed_assessments(db, 2, 1000);
    // Both receipted long ago; the first is reopened (a new version is being edited).
    REQUIRE(db.exec("UPDATE outbox SET receipt = '{}', receipt_at = 2000, sent_at = 2000").ok());
    REQUIRE(store::reopen_sealed(db, sealed[0].assessment_id, 3000).ok());
    auto r = ks::purge_expired(db, 2000 + 400 * 86400);
    INFO((r.ok() ? "" : r.error().detail));
    REQUIRE(r.ok());
    CHECK(r->assessments == 1);
    CHECK(store::load_assessment(db, sealed[0].assessment_id).ok());
    CHECK_FALSE(store::load_assessment(db, sealed[1].assessment_id).ok());
    // An intake's client stays.
    CHECK(store::get_client(db, sealed[1].client_id).ok());
}
