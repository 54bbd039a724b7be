#include "fault_session.hpp"

#include <catch2/catch.hpp>

#include "crypto/signing.hpp"
#include "model/zrm.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/demo_data.hpp"
#include "store/network.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "sync/outbox.hpp"
#include "sync/wire.hpp"

namespace kt::test {

namespace {

constexpr const char* kFamily = "Stroomuitval";
constexpr const char* kProfile = R"({"team":"fouten"})";

int level_for(int domain) {
    return (domain * 3) % 5 + 1;
}

model::Signature drawn(model::Signer who) {
    model::Signature sig;
    sig.signer = who;
    sig.strokes = {{{{0.1f, 0.5f}, {0.5f, 0.6f}, {0.9f, 0.4f}}}};
    return sig;
}

model::DomainAnswer answer() {
    model::DomainAnswer a;
    a.agreement = model::Agreement::disagree;
    a.own_level = 2;
    a.own_words = "Het valt wel mee";
    return a;
}

std::string session_error(const present::Session& s) {
    if (!s.error_key().empty()) return s.error_key();
    return s.vault_open() ? std::string() : std::string("vault not open");
}

// A step the worker takes in the session: `call`, then whatever the session shows.
FaultStep worker(std::string name, std::function<void(present::Session&, SessionIds&)> call,
                 std::function<bool(store::Database&, const SessionIds&)> stored = {}) {
    return {std::move(name),
            [call = std::move(call)](present::Session& s, SessionIds& ids) {
                call(s, ids);
                return session_error(s);
            },
            std::move(stored)};
}

// A step of the sync job: its own connection to the vault, like present::SyncRunner.
FaultStep sync_job(std::string name, const fs::path& vault, const crypto::SecretBytes& dek,
                   std::function<Status(store::Database&, const SessionIds&)> call,
                   std::function<bool(store::Database&, const SessionIds&)> stored) {
    return {std::move(name),
            [vault, &dek, call = std::move(call)](present::Session&, SessionIds& ids) {
                auto v = store::Vault::open_with_data_key(vault, dek);
                if (!v) return std::string(error_message_key(v.error().code));
                const Status s = call(v->db(), ids);
                return s ? std::string() : std::string(error_message_key(s.error().code));
            },
            std::move(stored)};
}

std::optional<model::Assessment> assessment(store::Database& db, const SessionIds& ids) {
    auto a = store::load_assessment(db, ids.assessment);
    if (!a) return std::nullopt;
    return std::move(a.value());
}

std::optional<sync::OutboxItem> outbox_item(store::Database& db, const SessionIds& ids) {
    auto items = sync::list_outbox(db);
    if (!items) return std::nullopt;
    for (const auto& it : items.value())
        if (it.assessment_id == ids.assessment && it.version == 1) return it;
    return std::nullopt;
}

std::optional<model::Review> review(store::Database& db, const SessionIds& ids) {
    auto r = store::load_review(db, ids.assessment);
    if (!r) return std::nullopt;
    return std::move(r.value());
}

void add_conversation(std::vector<FaultStep>& steps) {
    steps.push_back(worker("unlock", [](auto& s, auto&) { s.unlock(kFaultPass); }));
    steps.push_back(worker("new client", [](auto& s, auto&) { s.navigate(flow::NewClient{}); }));
    steps.push_back(worker(
        "save client",
        [](auto& s, auto& ids) {
            model::Client c;
            c.given_name = "Netty";
            c.family_name = kFamily;
            c.birth_date = "1961-04-30";
            s.save_client(c);
            ids.client = s.state().client_id;
        },
        [](auto& db, auto&) {
            auto list = store::list_clients(db);
            int n = 0;
            if (list)
                for (const auto& c : list.value())
                    n += c.family_name == kFamily;
            return n == 1;  // there, and not twice
        }));
    steps.push_back(worker(
        "begin intake", [](auto& s, auto&) { s.begin_assessment(model::AssessmentKind::intake); }));
    steps.push_back(worker(
        "start intake",
        [](auto& s, auto& ids) {
            s.start_assessment({{model::ParticipantRole::client, ""}});
            ids.assessment = s.state().assessment_id;
        },
        [](auto& db, auto& ids) {
            auto list = store::assessments_of(db, ids.client);
            auto a = assessment(db, ids);
            return list && list->size() == 1 && a && a->present.size() == 1;
        }));
    for (int d = 0; d < zrm::kDomainCount; ++d)
        steps.push_back(worker(
            "score domain " + std::to_string(d + 1),
            [d](auto& s, auto&) {
                s.navigate(flow::JumpToDomain{d});
                s.score(level_for(d));
            },
            [d](auto& db, auto& ids) {
                auto a = assessment(db, ids);
                return a && a->levels[std::size_t(d)] == level_for(d);
            }));
}

void add_network(std::vector<FaultStep>& steps) {
    steps.push_back(
        worker("open network", [](auto& s, auto&) { s.navigate(flow::OpenNetwork{}); }));
    steps.push_back(worker(
        "add person",
        [](auto& s, auto& ids) {
            model::NetworkPerson p;
            p.label = "dochter";
            p.kind = model::PersonKind::child;
            p.ring = 2;
            ids.person = s.add_person(p);
        },
        [](auto& db, auto& ids) {
            auto m = store::load_network(db, ids.assessment);
            return m && m->people.size() == 1 && m->people[0].label == "dochter";
        }));
    steps.push_back(worker(
        "move person", [](auto& s, auto& ids) { s.move_person(ids.person, 0); },
        [](auto& db, auto& ids) {
            auto m = store::load_network(db, ids.assessment);
            return m && m->people.size() == 1 && m->people[0].ring == 0;
        }));
    steps.push_back(worker(
        "network note", [](auto& s, auto&) { s.set_network_note("belt elke zondag"); },
        [](auto& db, auto& ids) {
            auto m = store::load_network(db, ids.assessment);
            return m && m->note == "belt elke zondag";
        }));
    steps.push_back(worker("back to matrix", [](auto& s, auto&) { s.navigate(flow::Back{}); }));
    steps.push_back(worker(
        "finish", [](auto& s, auto&) { s.finish(); },
        [](auto& db, auto& ids) {
            auto a = assessment(db, ids);
            return a && a->status == model::AssessmentStatus::finished;
        }));
}

void add_review(std::vector<FaultStep>& steps) {
    steps.push_back(worker("hand over", [](auto& s, auto& ids) { s.hand_over(ids.assessment); }));
    steps.push_back(worker(
        "answer", [](auto& s, auto&) { s.answer(answer()); },
        [](auto& db, auto& ids) {
            auto r = review(db, ids);
            return r && r->answers[0] == answer();
        }));
    steps.push_back(worker("to signing", [](auto& s, auto&) {
        for (int i = 0; i < zrm::kDomainCount; ++i)
            s.navigate(flow::NextDomain{});
        s.navigate(flow::ToSigning{});
    }));
    for (const auto who : {model::Signer::client, model::Signer::worker})
        steps.push_back(worker(
            std::string("sign ") + std::string(model::to_string(who)),
            [who](auto& s, auto&) { s.sign(drawn(who)); },
            [who](auto& db, auto& ids) {
                auto r = review(db, ids);
                return r && r->signature(who) != nullptr;
            }));
    steps.push_back(worker(
        "seal", [](auto& s, auto&) { s.seal(); },
        [](auto& db, auto& ids) {
            auto seal = store::latest_seal(db, ids.assessment);
            auto a = assessment(db, ids);
            return seal && seal->has_value() && a && a->sealed() && outbox_item(db, ids);
        }));
    steps.push_back(
        worker("back to the worker", [](auto& s, auto&) { s.return_to_worker(store::kDemoPin); }));
}

void add_sync_job(std::vector<FaultStep>& steps, const fs::path& vault,
                  const crypto::SecretBytes& dek) {
    steps.push_back(sync_job(
        "sync: profile fixed", vault, dek,
        [](auto& db, auto& ids) { return sync::set_profile(db, ids.assessment, 1, kProfile); },
        [](auto& db, auto& ids) {
            auto it = outbox_item(db, ids);
            return it && it->profile == kProfile;
        }));
    steps.push_back(sync_job(
        "sync: attempt failed", vault, dek,
        [](auto& db, auto& ids) {
            return sync::mark_failed(db, ids.assessment, 1, 1'790'000'060, "offline");
        },
        [](auto& db, auto& ids) {
            auto it = outbox_item(db, ids);
            return it && (it->attempts >= 1 || it->sent());
        }));
    steps.push_back(sync_job(
        "sync: receipt stored", vault, dek,
        [](auto& db, auto& ids) {
            auto seal = store::latest_seal(db, ids.assessment);
            if (!seal) return Status{seal.error()};
            if (!seal->has_value()) return Status{make_error(ErrorCode::not_found, "no seal")};
            sync::Receipt r;
            r.idempotency_key = ids.assessment + ":1";
            r.record_sha256 = (*seal)->content_hash;
            r.payload_sha256 = crypto::sha256_hex("payload");
            r.receiver_time = 1'790'000'100;
            sync::sign_receipt(r, crypto::new_signing_key());
            return sync::mark_sent(db, ids.assessment, 1, r, 1'790'000'100);
        },
        [](auto& db, auto& ids) {
            auto it = outbox_item(db, ids);
            return it && it->sent();
        }));
}

}  // namespace

VaultTemplate::VaultTemplate() : m_vault(m_dir / "template.kt") {
    use_fast_kdf_for_children();  // the demo PIN's verifier too: checked once per run
    create_demo_vault(m_vault, kFaultPass);
    auto dek = store::Vault::unlock_data_key(m_vault, kFaultPass);
    REQUIRE(dek.ok());
    m_dek = std::move(dek.value());
}

void VaultTemplate::copy_to(const fs::path& vault) const {
    for (const char* suffix : {"-wal", "-shm", "-journal", ".state"})
        fs::remove(vault.string() + suffix);
    const auto opts = fs::copy_options::overwrite_existing;
    fs::copy_file(m_vault, vault, opts);
    fs::copy_file(m_vault.string() + ".key", vault.string() + ".key", opts);
}

std::vector<FaultStep> realistic_session(const fs::path& vault, const crypto::SecretBytes& dek) {
    std::vector<FaultStep> steps;
    add_conversation(steps);
    add_network(steps);
    add_review(steps);
    add_sync_job(steps, vault, dek);
    return steps;
}

Verdict verify_vault(const fs::path& vault, const crypto::SecretBytes& dek,
                     const std::vector<FaultStep>& steps, const std::vector<std::size_t>& acked,
                     const SessionIds& ids) {
    Verdict v;
    auto opened = store::Vault::open_with_data_key(vault, dek);
    if (!opened) {
        v.open_error = opened.error().detail;
        return v;
    }
    v.opens = true;
    auto& db = opened->db();
    auto ic = db.query_text("PRAGMA integrity_check");
    v.integrity_ok = ic && ic.value() == "ok";
    v.audit_intact = !opened->audit_chain_broken();
    auto seals = store::verify_sealed(db);
    v.seals_broken = seals ? seals->broken : -1;
    for (const std::size_t i : acked) {
        if (!steps[i].stored || steps[i].stored(db, ids)) continue;
        ++v.missing;
        v.missing_steps.push_back(steps[i].name);
    }
    return v;
}

}  // namespace kt::test
