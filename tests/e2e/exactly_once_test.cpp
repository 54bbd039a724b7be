// T-24 exactly-once sync (security-tests.md §3.7): a vault with 50 sealed assessments enrolled
// with the real keukentafel-receiver; 100 iterations each SIGKILL the client (keukentafel-cli
// sync) or the receiver at a random point: before or while sending, mid-body (behind a proxy
// that swallows or stalls the request), after the server's commit before its answer, after
// the answer before the receipt is stored, or the receiver at a random moment. Then clean
// passes until the outbox is empty. The receiver must hold exactly 50 rows, no duplicate and
// none missing; every outbox item a receipt that verifies and is about its own seal; a replay
// gets the stored receipt (200), another payload under the same key 422 and an audit alert.
// On SQLite and PostgreSQL. Needs a KT_TEST_HOOKS build (the crash hooks).
//
// The device reaches the receiver through a FaultProxy on a fixed port, so a receiver
// restarted on the same data dir (on a new free port) stays reachable at the enrolled URL.
// The CLI runs on the real clock; instead of waiting out each failed item's backoff (1 s
// doubling), every iteration moves the pending items' next attempt to now ("time passes").
// KT_T24_SEED=<n> repeats a run.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "receiver_process.hpp"
#include "receiver_store/store.hpp"
#include "store/database.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "support/fault_proxy.hpp"
#include "support/sealed_vault.hpp"
#include "support/test_support.hpp"
#include "sync/box.hpp"
#include "sync/config.hpp"
#include "sync/outbox.hpp"
#include "sync/profile.hpp"
#include "sync/status.hpp"
#include "sync/transport.hpp"
#include "sync/wire.hpp"
#include "util/canonical_json.hpp"

extern char** environ;

namespace {

namespace ks = kt::sync;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using kt::test::Fault;
using kt::test::FaultProxy;
using kt::test::ReceiverData;
using kt::test::ReceiverDb;
using kt::test::ReceiverProcess;

constexpr int kAssessments = 50;
constexpr int kIterations = 100;
constexpr const char* kPass = kt::test::kPassphrase;
// A random kill point: after the proxy has seen 0 to 3 more requests of this pass (the
// checkin, the first submission), a random delay of up to this many milliseconds. So a kill
// lands in the CLI's start, its checkin or its first submissions, and one iteration moves
// the outbox on by about one item (50 items last for most of the 100 iterations).
constexpr int kMaxKillDelayMs = 15;

enum Kill { before_send, mid_body, after_commit, after_response, receiver_killed, kKills };
constexpr std::array<const char*, kKills> kKillNames{
    "client SIGKILL before or while sending", "mid-body (proxy drop or stall) + client SIGKILL",
    "after the server commit before the answer", "after the answer before the receipt is stored",
    "receiver SIGKILL during a sync"};

// keukentafel-cli as a child: argv and environment are built before fork (the test process
// has proxy threads), output goes to /dev/null.
class Cli {
  public:
    Cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& extra) {
        std::vector<std::string> argv_s{std::string(KT_BIN_DIR) + "/keukentafel-cli"};
        argv_s.insert(argv_s.end(), args.begin(), args.end());
        std::map<std::string, std::string> env;
        for (char** e = environ; *e; ++e) {
            const std::string kv(*e);
            const auto eq = kv.find('=');
            if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
        env["KEUKENTAFEL_DATA_DIR"] = kt::test::i18n_dir().parent_path().string();
        for (const auto& [k, v] : extra)
            env[k] = v;
        std::vector<std::string> env_s;
        for (const auto& [k, v] : env)
            env_s.push_back(k + "=" + v);
        std::vector<char*> argv, envp;
        for (auto& a : argv_s)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        for (auto& e : env_s)
            envp.push_back(e.data());
        envp.push_back(nullptr);
        const pid_t parent = ::getpid();
        m_pid = ::fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) ::_exit(9);
            ::signal(SIGPIPE, SIG_DFL);  // the test ignores it (see run_t24); the CLI must not
            const int null = ::open("/dev/null", O_RDWR);
            ::dup2(null, 0);
            ::dup2(null, 1);
            ::dup2(null, 2);
            ::execve(argv[0], argv.data(), envp.data());
            ::_exit(127);
        }
    }
    ~Cli() { kill(); }
    Cli(const Cli&) = delete;
    Cli& operator=(const Cli&) = delete;

    bool running() {
        if (m_pid <= 0) return false;
        if (::waitpid(m_pid, &m_status, WNOHANG) == m_pid) m_pid = -1;
        return m_pid > 0;
    }
    /// Waits for the end; SIGKILLs it after `limit`. False when it had to be killed.
    bool wait_for(std::chrono::milliseconds limit) {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (running()) {
            if (std::chrono::steady_clock::now() > end) {
                kill();
                return false;
            }
            std::this_thread::sleep_for(2ms);
        }
        return true;
    }
    void kill() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGKILL);
        while (::waitpid(m_pid, &m_status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
    }
    bool killed_by_signal() const { return m_pid <= 0 && WIFSIGNALED(m_status); }
    int exit_code() const { return WIFEXITED(m_status) ? WEXITSTATUS(m_status) : -1; }

  private:
    pid_t m_pid = -1;
    int m_status = 0;
};

template <class Pred>
bool wait_until(Pred done, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

struct Rig {
    explicit Rig(ReceiverDb kind) : data(kind) {
        // T-24 is about crashes, not the rate limit: a retry storm must not get a 429.
        data.set_config("rate_per_minute", 1000000);
        receiver = std::make_unique<ReceiverProcess>(data);
        proxy = std::make_unique<FaultProxy>(data.dir / "keys" / "tls.crt",
                                             data.dir / "keys" / "tls.key", receiver->port());
        proxy->set_stall_seconds(1);
        kt::test::use_fast_kdf_for_children();
        kt::test::write_bytes(pass_file, std::string(kPass) + "\n");
        vault = std::make_unique<kt::store::Vault>(kt::test::create_test_vault(vault_path, kPass));
        items = kt::test::add_sealed_assessments(vault->db(), kAssessments, 1790000000);
        const std::string code = data.enroll("tablet-t24");
        const auto r = kt::test::run_program({"keukentafel-cli", "enroll", "--vault",
                                              vault_path.string(), "--passphrase-file",
                                              pass_file.string(), "--url", url(), "--code", code});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }

    std::string url() const { return "https://127.0.0.1:" + std::to_string(proxy->port()); }
    std::vector<std::string> sync_args() const {
        return {"sync", "--vault", vault_path.string(), "--passphrase-file", pass_file.string()};
    }
    void restart_receiver(const std::map<std::string, std::string>& env = {}) {
        receiver.reset();  // SIGKILL (if still running) and reap
        receiver = std::make_unique<ReceiverProcess>(data, env);
        proxy->set_upstream_port(receiver->port());
        ++restarts;
    }
    // Time passes: every failed item's backoff is over.
    void let_retries_fall_due() {
        REQUIRE(vault->db().exec("UPDATE outbox SET next_attempt_at = 0 WHERE receipt = ''").ok());
    }
    int pending() {
        auto c = ks::outbox_counts(vault->db());
        REQUIRE(c.ok());
        return c->pending;
    }
    // One clean pass to its end.
    int clean_pass() {
        let_retries_fall_due();
        Cli c(sync_args(), {});
        REQUIRE(c.wait_for(60s));
        ++client_runs;
        return c.exit_code();
    }

    ReceiverData data;
    std::unique_ptr<ReceiverProcess> receiver;
    std::unique_ptr<FaultProxy> proxy;
    kt::test::TempDir dev;
    fs::path vault_path = dev / "t24.ktv";
    fs::path pass_file = dev / "pass.txt";
    std::unique_ptr<kt::store::Vault> vault;
    std::vector<kt::test::SealedAssessment> items;
    int restarts = 0;
    int client_runs = 0;
};

struct Figures {
    std::array<int, kKills> per_kill{};
    int client_killed = 0;  // CLI ended by SIGKILL (ours or its own hook)
    int receiver_died = 0;  // receiver found dead after an iteration
    int hook_commit = 0;    // after_commit by the receiver's own crash hook
    int proxy_commit = 0;   // after_commit by the proxy's commit_then_drop
    int stalls = 0, drops = 0;
};

// The same submission the sender builds (core/sync/submit.cpp), with `profile` as its profile:
// the stored one gives the same payload, another one a different payload under the same key.
kt::Result<ks::HttpResponse> post_again(kt::store::Database& db, const ks::OutboxItem& item,
                                        const ks::Profile& profile) {
    auto config = ks::load_config(db);
    REQUIRE(config.ok());
    auto seal = kt::store::latest_seal(db, item.assessment_id);
    REQUIRE(seal.ok());
    REQUIRE(seal->has_value());
    auto record = kt::store::sealed_record(db, item.assessment_id, item.version);
    REQUIRE(record.ok());
    const ks::Payload payload{record.value(), (*seal)->content_hash, (*seal)->device_signature,
                              profile};
    auto text = ks::payload_text(payload);
    REQUIRE(text.ok());
    auto box = ks::seal_box(config->box_public_key, text.value());
    REQUIRE(box.ok());
    std::int64_t seq = 0;
    {
        auto tx = kt::store::Transaction::begin(db);
        REQUIRE(tx.ok());
        auto s = kt::store::next_device_seq(db);
        REQUIRE(s.ok());
        seq = s.value();
        REQUIRE(tx->commit().ok());
    }
    auto body = kt::json::canonical(
        kt::json::Object{{"device_seq", seq},
                         {"payload_sha256", kt::crypto::sha256_hex(text.value())},
                         {"sealed_payload", ks::base64_encode(box.value())}});
    REQUIRE(body.ok());
    auto key = kt::store::device_signing_key(db);
    REQUIRE(key.ok());
    const std::string idem = ks::idempotency_key(item.assessment_id, item.version);
    const auto headers =
        ks::signed_headers(key.value(), config->device_id, "POST", "/v1/submissions", idem,
                           body.value(), kt::store::app_version());
    ks::CurlTransport transport(config->url, ks::TlsTrust{config->ca_pem, config->tls_pin});
    return transport.request("POST", "/v1/submissions", headers, body.value());
}

// Submissions answered 201 (stored) and 200 (a stored receipt replayed), from DIR/receiver.log.
std::pair<int, int> submit_answers(const ReceiverData& data) {
    std::ifstream in(data.dir / "receiver.log");
    int stored = 0, replayed = 0;
    for (std::string line; std::getline(in, line);) {
        auto v = kt::json::parse(line);
        if (!v || ks::text_member(v.value(), "action") != "submit") continue;
        const auto status = ks::int_member(v.value(), "result").value_or(0);
        stored += status == 201;
        replayed += status == 200;
    }
    return {stored, replayed};
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

void run_t24(ReceiverDb kind, const char* backend) {
    // The proxy writes to clients this test kills: EPIPE, not a SIGPIPE that ends the test.
    ::signal(SIGPIPE, SIG_IGN);
    const auto t0 = std::chrono::steady_clock::now();
    const char* seed_env = std::getenv("KT_T24_SEED");
    const std::uint64_t seed =
        seed_env ? std::strtoull(seed_env, nullptr, 10)
                 : (std::uint64_t(std::random_device{}()) << 32) ^ std::random_device{}();
    std::printf("T-24 %s: seed %llu (KT_T24_SEED=%llu repeats this run)\n", backend,
                (unsigned long long)seed, (unsigned long long)seed);
    std::fflush(stdout);
    std::mt19937_64 rng(seed);
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto coin = [&] { return uniform(0, 1) == 1; };

    Rig rig(kind);
    Figures f;
    auto at_random_point = [&](Cli& c) {
        const int until = rig.proxy->requests() + uniform(0, 3);
        wait_until([&] { return rig.proxy->requests() >= until || !c.running(); }, 20s);
        std::this_thread::sleep_for(std::chrono::milliseconds(uniform(0, kMaxKillDelayMs)));
    };
    const auto setup_done = std::chrono::steady_clock::now();

    std::vector<int> pending_at;  // after iterations 25, 50, 75, 100
    int with_work = 0;            // iterations that began with items still unsent
    for (int i = 0; i < kIterations; ++i) {
        if (i > 0 && i % 25 == 0) pending_at.push_back(rig.pending());
        with_work += rig.pending() > 0;
        const Kill k = Kill(uniform(0, kKills - 1));
        ++f.per_kill[k];
        rig.let_retries_fall_due();
        INFO("iteration " << i << ": " << kKillNames[k]);
        switch (k) {
            case before_send: {
                Cli c(rig.sync_args(), {});
                at_random_point(c);
                c.kill();
                f.client_killed += c.killed_by_signal();
                break;
            }
            case mid_body: {
                const bool stall = coin();
                (stall ? f.stalls : f.drops) += 1;
                const int base = rig.proxy->requests();
                // The checkin and 0 or 1 submissions pass; the next one's body reaches the proxy
                // and no further.
                std::vector<Fault> faults(std::size_t(uniform(1, 2)), Fault::pass);
                faults.push_back(stall ? Fault::stall : Fault::drop_after_body);
                const int reached = base + int(faults.size());
                rig.proxy->script(faults);
                Cli c(rig.sync_args(), {});
                wait_until([&] { return rig.proxy->requests() >= reached || !c.running(); }, 20s);
                if (!stall) std::this_thread::sleep_for(std::chrono::milliseconds(uniform(0, 5)));
                c.kill();
                f.client_killed += c.killed_by_signal();
                rig.proxy->script({});
                break;
            }
            case after_commit: {
                if (coin()) {
                    ++f.hook_commit;
                    rig.restart_receiver({{"KT_RECEIVER_CRASH_AT", "after_commit"},
                                          {"KT_RECEIVER_CRASH_RATE", "1"}});
                    Cli c(rig.sync_args(), {});
                    REQUIRE(c.wait_for(60s));
                    f.receiver_died += !rig.receiver->alive();
                    rig.restart_receiver();
                } else {
                    ++f.proxy_commit;
                    std::vector<Fault> faults(std::size_t(uniform(1, 2)), Fault::pass);
                    faults.push_back(Fault::commit_then_drop);
                    rig.proxy->script(faults);
                    Cli c(rig.sync_args(), {});
                    REQUIRE(c.wait_for(60s));
                    rig.proxy->script({});
                }
                break;
            }
            case after_response: {
                Cli c(rig.sync_args(),
                      {{"KT_CRASH_AT", "sync:after_response"}, {"KT_CRASH_RATE", "1"}});
                REQUIRE(c.wait_for(60s));
                f.client_killed += c.killed_by_signal();
                break;
            }
            case receiver_killed: {
                Cli c(rig.sync_args(), {});
                at_random_point(c);
                rig.receiver->kill();
                ++f.receiver_died;
                REQUIRE(c.wait_for(60s));
                rig.restart_receiver();
                break;
            }
            case kKills:
                break;
        }
        ++rig.client_runs;
    }
    const int pending_after_kills = rig.pending();
    pending_at.push_back(pending_after_kills);
    const auto kills_done = std::chrono::steady_clock::now();

    // Retries converge: clean passes until the outbox is empty (bounded).
    int retries = 0;
    while (rig.pending() > 0 && retries < 10) {
        rig.clean_pass();
        ++retries;
    }
    REQUIRE(rig.pending() == 0);

    // Every outbox item: a receipt that verifies with the receiver's receipt key, about
    // exactly its own seal, and equal to the receipt the receiver stored.
    const std::string receipt_public =
        trim(kt::test::read_bytes(rig.data.dir / "keys" / "receipt.public"));
    auto store = open_receiver_store(rig.data);
    auto outbox = ks::list_outbox(rig.vault->db());
    REQUIRE(outbox.ok());
    REQUIRE(outbox->size() == std::size_t(kAssessments));
    int verified = 0, missing = 0;
    for (const auto& item : outbox.value()) {
        INFO(item.assessment_id << ":" << item.version);
        REQUIRE(item.sent());
        auto receipt = ks::parse_receipt_text(item.receipt);
        REQUIRE(receipt.ok());
        auto seal = kt::store::latest_seal(rig.vault->db(), item.assessment_id);
        REQUIRE(seal.ok());
        REQUIRE(seal->has_value());
        CHECK(receipt->idempotency_key == ks::idempotency_key(item.assessment_id, item.version));
        CHECK(receipt->record_sha256 == (*seal)->content_hash);
        const bool ok = ks::verify_receipt(receipt.value(), receipt_public);
        CHECK(ok);
        auto row = store->submission(item.assessment_id, item.version);
        REQUIRE(row.ok());
        if (!row->has_value()) {
            ++missing;
            continue;
        }
        CHECK((*row)->record_sha256 == (*seal)->content_hash);
        CHECK((*row)->receipt_signature_hex == receipt->receiver_signature);
        CHECK((*row)->receiver_time == receipt->receiver_time);
        verified += ok && receipt->record_sha256 == (*seal)->content_hash;
    }
    // Every sealed assessment of the vault is one of them.
    for (const auto& a : rig.items) {
        auto seal = kt::store::latest_seal(rig.vault->db(), a.assessment_id);
        REQUIRE(seal.ok());
        REQUIRE(seal->has_value());
        auto row = store->submission(a.assessment_id, (*seal)->version);
        REQUIRE(row.ok());
        missing += !row->has_value();
    }
    CHECK(missing == 0);
    CHECK(verified == kAssessments);

    // Replay: the same key with the same payload gets the stored receipt; another payload 422.
    const auto& first = outbox->front();
    auto profile = ks::parse_profile_json(first.profile);
    REQUIRE(profile.ok());
    const auto replay = post_again(rig.vault->db(), first, profile.value());
    REQUIRE(replay.ok());
    CHECK(replay->status == 200);
    auto replayed = ks::parse_receipt_text(replay->body);
    REQUIRE(replayed.ok());
    auto stored_receipt = ks::parse_receipt_text(first.receipt);
    REQUIRE(stored_receipt.ok());
    CHECK(replayed->receiver_signature == stored_receipt->receiver_signature);
    CHECK(replayed->receiver_time == stored_receipt->receiver_time);
    ks::Profile other = profile.value();
    other.wijk = other.wijk == "Elders" ? "Ergens" : "Elders";
    const auto mismatch = post_again(rig.vault->db(), first, other);
    REQUIRE(mismatch.ok());
    CHECK(mismatch->status == 422);
    auto mismatch_body = kt::json::parse(mismatch->body);
    REQUIRE(mismatch_body.ok());
    CHECK(ks::text_member(mismatch_body.value(), "error") == "payload_mismatch");
    auto alerts = store->audit_entries("payload_mismatch");
    REQUIRE(alerts.ok());
    CHECK(alerts->size() == 1);
    if (!alerts->empty())
        CHECK(alerts->front().object == ks::idempotency_key(first.assessment_id, first.version));

    const auto rows = store->count_submissions();
    const auto duplicates = store->count_duplicate_keys();
    REQUIRE(rows.ok());
    REQUIRE(duplicates.ok());
    CHECK(rows.value() == kAssessments);
    CHECK(duplicates.value() == 0);

    const auto [answered_201, answered_200] = submit_answers(rig.data);
    const auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    std::printf("T-24 %s: %d iterations (setup %.1f s, kills %.1f s, total %.1f s)\n", backend,
                kIterations, secs(t0, setup_done), secs(setup_done, kills_done),
                secs(t0, std::chrono::steady_clock::now()));
    for (int k = 0; k < kKills; ++k)
        std::printf("  %-48s %3d\n", kKillNames[std::size_t(k)], f.per_kill[std::size_t(k)]);
    std::printf(
        "  (mid-body: %d stalls, %d drops; after commit: %d receiver crash hook, %d proxy "
        "commit_then_drop)\n",
        f.stalls, f.drops, f.hook_commit, f.proxy_commit);
    std::printf("  client runs %d, of which ended by SIGKILL %d; receiver deaths %d, restarts %d\n",
                rig.client_runs, f.client_killed, f.receiver_died, rig.restarts);
    std::printf(
        "  unsent after 25/50/75/100 iterations: %d/%d/%d/%d; iterations that began with "
        "unsent items %d; clean passes to converge %d\n",
        pending_at.at(0), pending_at.at(1), pending_at.at(2), pending_at.at(3), with_work, retries);
    std::printf("  answers logged: %d x 201 stored, %d x 200 stored receipt replayed\n",
                answered_201, answered_200);
    std::printf(
        "  receiver rows %lld (expected %d), duplicate keys %lld, missing %d, verified "
        "receipts %d/%d; replay 200, other payload %ld\n",
        (long long)rows.value(), kAssessments, (long long)duplicates.value(), missing, verified,
        kAssessments, mismatch->status);
    std::fflush(stdout);
}

}  // namespace

TEST_CASE("T-24 exactly once despite SIGKILLs of client and receiver on SQLite", "[e2e]") {
    run_t24(ReceiverDb::sqlite, "SQLite");
}

TEST_CASE("T-24 exactly once despite SIGKILLs of client and receiver on PostgreSQL", "[e2e]") {
    run_t24(ReceiverDb::postgres, "PostgreSQL");
}
