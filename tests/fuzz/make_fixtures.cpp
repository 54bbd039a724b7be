// Writes the fuzz targets' fixtures and the seeds that need real store output (not a fuzzer):
//   kt_fuzz_make_fixtures FIXTURE_DIR SEED_DIR
// FIXTURE_DIR gets vault/fuzz.kt with its key file (fast KDF, passphrase kFuzzPassphrase in
// vault_fixture.hpp) holding one sealed, co-signed intake, and device_signing.key (the vault's
// device key in hex); SEED_DIR/submission_fuzz and SEED_DIR/vault_open_fuzz get seeds made from
// them. Run it again only when the record or vault format changes; the outputs are committed.
#include <cstdio>
#include <cstdlib>

#include "crypto/key_file.hpp"
#include "crypto/secret.hpp"
#include "fuzz_support.hpp"
#include "model/review.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/network.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "store/vault.hpp"
#include "sync/wire.hpp"
#include "vault_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using namespace kt;

void must(const Status& s, const char* what) {
    if (!s) {
        std::fprintf(stderr, "make_fixtures: %s: %s\n", what, s.error().detail.c_str());
        std::exit(1);
    }
}

std::string sealed_intake(store::Database& db, std::int64_t at) {
    model::Client c;
    c.given_name = "Fuzz";
    c.family_name = "Fixture";
    c.birth_date = "1958-03-14";
    c.wijk = "Centrum";
    c.team = "Oost";
    auto client = store::add_client(db, c, at);
    must(client.ok() ? Status{} : client.error(), "client");
    auto id = store::start_assessment(db, client.value(), model::AssessmentKind::intake, at);
    must(id.ok() ? Status{} : id.error(), "assessment");
    for (int d = 0; d < zrm::kDomainCount; ++d)
        must(store::set_score(db, id.value(), d, 1 + d % 5, at), "score");
    model::NetworkPerson p;
    p.label = "Buurvrouw";
    p.kind = model::PersonKind::neighbour;
    auto person = store::add_person(db, id.value(), p, at);
    must(person.ok() ? Status{} : person.error(), "person");
    must(store::finish_assessment(db, id.value(), at), "finish");
    must(store::set_answer(db, id.value(), 1, {model::Agreement::disagree, 3, "Eigen woorden"}, at),
         "answer");
    must(store::set_network_agreement(db, id.value(), model::Agreement::agree, at), "network");
    must(store::set_goals_agreement(db, id.value(), model::Agreement::agree, at), "goals");
    model::Signature client_sig, worker_sig;
    client_sig.signer = model::Signer::client;
    client_sig.strokes = {{{{0.1f, 0.6f}, {0.4f, 0.3f}}}};
    worker_sig.signer = model::Signer::worker;
    worker_sig.strokes = {{{{0.2f, 0.5f}, {0.7f, 0.4f}}}};
    must(store::save_signature(db, id.value(), client_sig, at), "client signature");
    must(store::save_signature(db, id.value(), worker_sig, at), "worker signature");
    const store::SealContext context{"0.1.0", std::string(64, 'a'), "ZRM-2017", "passphrase"};
    auto sealed = store::seal_assessment(db, id.value(), context, at);
    must(sealed.ok() ? Status{} : sealed.error(), "seal");
    return id.value();
}

std::string payload_of(store::Database& db, const std::string& id) {
    auto st = db.prepare(
        "SELECT record, content_hash, device_signature FROM sealed_record WHERE assessment_id = ?");
    must(st.ok() ? Status{} : st.error(), "select");
    st->bind(1, id);
    auto row = st->step();
    must(row.ok() && row.value() ? Status{} : make_error(ErrorCode::not_found, "no seal"), "row");
    const sync::Payload p{st->text(0), st->text(1), st->text(2), {67, "Centrum", "Oost", "alone"}};
    auto text = sync::payload_text(p);
    must(text.ok() ? Status{} : text.error(), "payload");
    return text.value();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 || !crypto::init()) {
        std::fprintf(stderr, "usage: kt_fuzz_make_fixtures FIXTURE_DIR SEED_DIR\n");
        return 1;
    }
    const fs::path fixtures = argv[1], seeds = argv[2];
    const fs::path vault_path = fixtures / "vault" / "fuzz.kt";
    fs::remove(vault_path), fs::remove(crypto::key_file_path(vault_path));
    auto vault =
        store::Vault::create(vault_path, fuzz::kFuzzPassphrase, crypto::KdfParams::test_fast());
    must(vault.ok() ? Status{} : vault.error(), "create");
    const std::string id = sealed_intake(vault->db(), 1764800000);
    const std::string payload = payload_of(vault->db(), id);
    auto key = store::device_signing_key(vault->db());
    must(key.ok() ? Status{} : key.error(), "device key");
    must(vault->checkpoint(), "checkpoint");
    vault->close();
    fuzz::write_bytes(fixtures / "device_signing.key",
                      std::string(crypto::secret_hex(key.value()).text()));
    fs::create_directories(seeds / "submission_fuzz");
    fuzz::write_bytes(seeds / "submission_fuzz" / "sealed_payload.json", payload);
    fs::create_directories(seeds / "vault_open_fuzz");
    const std::string key_file = fuzz::read_bytes(crypto::key_file_path(vault_path));
    const std::string pages = fuzz::read_bytes(vault_path);
    fuzz::write_bytes(seeds / "vault_open_fuzz" / "key_and_two_pages.bin",
                      key_file + std::string(fuzz::kPagesSeparator) + pages.substr(0, 8192));
    fuzz::write_bytes(seeds / "vault_open_fuzz" / "key_and_header.bin",
                      key_file + std::string(fuzz::kPagesSeparator) + pages.substr(0, 100));
    std::printf("fixtures written: vault %zu bytes, payload %zu bytes\n", pages.size(),
                payload.size());
    return 0;
}
