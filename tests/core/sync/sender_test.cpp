// The sync pass against a fake receiver: receipts are verified before an item is marked sent,
// failures are recorded with backoff, a rolled-back vault stops sending (T-09), and a revoked
// device sends its audit entry before its key file is destroyed (T-37).
#include "sync/sender.hpp"

#include <catch2/catch.hpp>

#include "crypto/key_file.hpp"
#include "store/audit.hpp"
#include "sync/outbox.hpp"
#include "sync_fixture.hpp"

namespace ks = kt::sync;
namespace store = kt::store;
using kt::test::FakeReceiver;

namespace {

struct SyncFixture {
    kt::test::TempDir dir;
    store::Vault vault = kt::test::create_test_vault(dir / "v.ktv", kt::test::kPassphrase);
    FakeReceiver fake;
    std::int64_t now = 10000;
    std::vector<kt::test::SealedAssessment> sealed;

    explicit SyncFixture(int count = 2) {
        sealed = kt::test::add_sealed_assessments(vault.db(), count, 1000);
        kt::test::enroll_with(vault.db(), fake);
    }
    ks::SyncReport pass() { return ks::sync_now(vault, kt::test::options_for(fake, &now)); }
    std::vector<ks::OutboxItem> items() {
        auto i = ks::list_outbox(vault.db());
        REQUIRE(i.ok());
        return i.value();
    }
    int audit_count(std::string_view action) {
        auto rows = store::read_audit(vault.db());
        REQUIRE(rows.ok());
        int n = 0;
        for (const auto& r : rows.value())
            n += r.action == action;
        return n;
    }
};

}  // namespace

TEST_CASE("a pass sends every item and marks it sent only with a verified receipt") {
    SyncFixture f;
    const auto r = f.pass();
    INFO(r.detail);
    CHECK(r.status == ks::SyncStatus::ok);
    CHECK(r.sent == 2);
    CHECK(r.pending == 0);
    CHECK(r.last_success == f.now);
    CHECK(std::string(r.message_key()) == "sync.ok");
    for (const auto& item : f.items()) {
        CHECK(item.sent());
        CHECK(item.receipt_at == f.fake.receiver_time);
        CHECK(item.sent_at == f.now);
        auto receipt = ks::parse_receipt_text(item.receipt);
        REQUIRE(receipt.ok());
        CHECK(ks::verify_receipt(receipt.value(), f.fake.receipt_key.public_hex));
    }
    CHECK(f.audit_count("assessment_sent") == 2);
    // The checkin went first, every request was signed and carried the app version.
    REQUIRE(f.fake.seen.size() == 3);
    CHECK(f.fake.seen[0].path == "/v1/checkin");
    for (const auto& req : f.fake.seen) {
        CHECK(req.headers.size() >= 3);
        CHECK(req.headers[0].rfind("KT-Device: ", 0) == 0);
    }
    // A second pass sends nothing again.
    f.now += 60;
    CHECK(f.pass().sent == 0);
    CHECK(f.fake.submissions() == 2);
}

TEST_CASE("the device_seq grows for every request and is in the vault before it leaves",
          "[security]") {
    SyncFixture f(1);
    const auto before = f.vault.db().query_int(
        "SELECT CAST(value AS INTEGER) FROM kt_meta WHERE key = 'device_seq'");
    REQUIRE(before.ok());
    std::int64_t stored_at_send = -1;
    f.fake.script.push_back([&](const kt::test::SeenRequest&) {
        stored_at_send = f.vault.db()
                             .query_int(
                                 "SELECT CAST(value AS INTEGER) FROM kt_meta WHERE key "
                                 "= 'device_seq'")
                             .value();
        return FakeReceiver::reply(200, R"({"status":"active","server_time":1})");
    });
    REQUIRE(f.pass().ok());
    auto body = kt::json::parse(f.fake.seen[0].body);
    REQUIRE(body.ok());
    CHECK(ks::int_member(body.value(), "device_seq") == before.value() + 1);
    CHECK(stored_at_send == before.value() + 1);
    auto sub = kt::json::parse(f.fake.seen[1].body);
    CHECK(ks::int_member(sub.value(), "device_seq") == before.value() + 2);
}

TEST_CASE("a forged or foreign receipt leaves the item pending", "[security]") {
    using Tamper = std::function<void(ks::Receipt&)>;
    const auto other_key = kt::crypto::new_signing_key();
    const std::vector<std::pair<const char*, Tamper>> cases = {
        {"signature altered",
         [](ks::Receipt& r) {
             r.receiver_signature[10] = r.receiver_signature[10] == 'a' ? 'b' : 'a';
         }},
        {"signed by another key", [&](ks::Receipt& r) { ks::sign_receipt(r, other_key); }},
        {"another record hash, signed",
         [&](ks::Receipt& r) {
             r.record_sha256 = std::string(64, 'c');
             ks::sign_receipt(r, other_key);
         }},
        {"another record hash, by the receipt key", {}},
        {"another idempotency key", {}},
        {"time altered", [](ks::Receipt& r) { r.receiver_time += 1; }},
    };
    for (const auto& [name, tamper] : cases) {
        DYNAMIC_SECTION(name) {
            SyncFixture f(1);
            if (tamper) {
                f.fake.tamper = tamper;
            } else {
                const bool hash = std::string(name).find("hash") != std::string::npos;
                f.fake.tamper = [&f, hash](ks::Receipt& r) {
                    if (hash)
                        r.record_sha256 = std::string(64, 'd');
                    else
                        r.idempotency_key = "00000000-0000-4000-8000-000000000000:1";
                    ks::sign_receipt(r, f.fake.receipt_key);
                };
            }
            const auto r = f.pass();
            CHECK(r.status == ks::SyncStatus::bad_response);
            CHECK(r.sent == 0);
            CHECK(r.pending == 1);
            const auto items = f.items();
            CHECK_FALSE(items[0].sent());
            CHECK(items[0].attempts == 1);
            CHECK(items[0].last_error == "bad_receipt");
            CHECK(f.audit_count("assessment_sent") == 0);
        }
    }
}

TEST_CASE(
    "a failure records backoff per item and per device and a connection failure stops "
    "the pass") {
    SyncFixture f(3);
    f.fake.script.push_back(
        [](const auto&) { return FakeReceiver::reply(200, R"({"status":"active"})"); });
    f.fake.script.push_back([](const auto&) { return FakeReceiver::fail(kt::ErrorCode::offline); });
    auto r = f.pass();
    CHECK(r.status == ks::SyncStatus::offline);
    CHECK(std::string(r.message_key()) == "error.sync.offline");
    CHECK(f.fake.submissions() == 1);  // stopped after the first failure
    CHECK(r.pending == 3);
    CHECK(r.next_attempt_at == f.now + 1);
    // Not due yet: a pass now is deferred and sends nothing.
    const auto requests = f.fake.seen.size();
    CHECK(f.pass().status == ks::SyncStatus::deferred);
    CHECK(f.fake.seen.size() == requests);
    // Five failed passes later the gap is at least 10 s.
    for (int i = 0; i < 5; ++i) {
        auto state = ks::load_state(f.vault.db());
        f.now = state->next_attempt_at;
        f.fake.script.push_back(
            [](const auto&) { return FakeReceiver::fail(kt::ErrorCode::timeout); });
        CHECK(f.pass().status == ks::SyncStatus::timeout);
    }
    auto state = ks::load_state(f.vault.db());
    CHECK(state->failures == 6);
    CHECK(state->next_attempt_at - f.now >= 10);
    // A manual pass may go early; it succeeds and resets the count.
    auto o = kt::test::options_for(f.fake, &f.now);
    o.manual = true;
    r = ks::sync_now(f.vault, o);
    CHECK(r.status == ks::SyncStatus::ok);
    CHECK(r.sent == 3);
    CHECK(ks::load_state(f.vault.db())->failures == 0);
}

TEST_CASE("429 and 503 honour Retry-After even for a manual pass") {
    SyncFixture f(1);
    f.fake.script.push_back(
        [](const auto&) { return FakeReceiver::reply(200, R"({"status":"active"})"); });
    f.fake.script.push_back(
        [](const auto&) { return FakeReceiver::reply(429, R"({"error":"rate_limited"})", 120); });
    auto r = f.pass();
    CHECK(r.status == ks::SyncStatus::rate_limited);
    CHECK(f.items()[0].next_attempt_at == f.now + 120);
    CHECK(r.next_attempt_at == f.now + 120);
    auto o = kt::test::options_for(f.fake, &f.now);
    o.manual = true;
    f.now += 60;
    CHECK(ks::sync_now(f.vault, o).status == ks::SyncStatus::deferred);
    f.now += 60;
    CHECK(ks::sync_now(f.vault, o).status == ks::SyncStatus::ok);
}

TEST_CASE("update needed server error and a refused item each have their outcome") {
    SECTION("426 at checkin") {
        SyncFixture f(1);
        f.fake.script.push_back(
            [](const auto&) { return FakeReceiver::reply(426, R"({"error":"update_needed"})"); });
        const auto r = f.pass();
        CHECK(r.status == ks::SyncStatus::update_needed);
        CHECK(std::string(r.message_key()) == "error.sync.update_needed");
        CHECK(f.fake.submissions() == 0);
        CHECK(r.pending == 1);
    }
    SECTION("500 on a submission") {
        SyncFixture f(2);
        f.fake.script.push_back(
            [](const auto&) { return FakeReceiver::reply(200, R"({"status":"active"})"); });
        f.fake.script.push_back([](const auto&) { return FakeReceiver::reply(500, "oops"); });
        const auto r = f.pass();
        CHECK(r.status == ks::SyncStatus::server_error);
        CHECK(f.fake.submissions() == 1);
    }
    SECTION("422 on one item does not stop the others") {
        SyncFixture f(2);
        f.fake.script.push_back(
            [](const auto&) { return FakeReceiver::reply(200, R"({"status":"active"})"); });
        f.fake.script.push_back([](const auto&) {
            return FakeReceiver::reply(422, R"({"error":"payload_mismatch"})");
        });
        const auto r = f.pass();
        CHECK(r.status == ks::SyncStatus::refused);
        CHECK(r.sent == 1);
        CHECK(r.pending == 1);
        int refused = 0;
        for (const auto& i : f.items())
            refused += i.last_error == "payload_mismatch";
        CHECK(refused == 1);
    }
    SECTION("not enrolled") {
        kt::test::TempDir dir;
        auto v = kt::test::create_test_vault(dir / "v.ktv", kt::test::kPassphrase);
        kt::test::add_sealed_assessments(v.db(), 1, 1000);
        const auto r = ks::sync_now(v);
        CHECK(r.status == ks::SyncStatus::not_enrolled);
        CHECK(r.pending == 1);
    }
}

TEST_CASE("a rolled back vault stops sending and keeps everything (T-09)", "[security]") {
    SyncFixture f(2);
    f.fake.script.push_back(
        [](const auto&) { return FakeReceiver::reply(409, R"({"error":"vault_rolled_back"})"); });
    auto r = f.pass();
    CHECK(r.status == ks::SyncStatus::rolled_back);
    CHECK(std::string(r.message_key()) == "error.sync.rolled_back");
    CHECK(r.pending == 2);
    CHECK(f.audit_count("vault_rolled_back") == 1);
    // Even a manual pass much later sends nothing: not even a checkin.
    const auto requests = f.fake.seen.size();
    auto o = kt::test::options_for(f.fake, &f.now);
    o.manual = true;
    f.now += 86400;
    CHECK(ks::sync_now(f.vault, o).status == ks::SyncStatus::rolled_back);
    CHECK(f.fake.seen.size() == requests);
    CHECK(f.items().size() == 2);
    CHECK(ks::sync_status(f.vault.db())->status == ks::SyncStatus::rolled_back);
}

TEST_CASE(
    "a revoked device sends its wipe audit entry and only then destroys its key file "
    "(T-37)",
    "[security]") {
    SyncFixture f(2);
    const auto key_file = kt::crypto::key_file_path(f.vault.path());
    REQUIRE(std::filesystem::exists(key_file));
    bool key_there_at_audit = false;
    f.fake.script.push_back(
        [](const auto&) { return FakeReceiver::reply(403, R"({"error":"device_revoked"})"); });
    f.fake.script.push_back([&](const kt::test::SeenRequest& req) {
        key_there_at_audit = std::filesystem::exists(key_file);
        CHECK(req.path == "/v1/audit");
        return FakeReceiver::reply(200, R"({"status":"recorded"})");
    });
    const auto r = f.pass();
    CHECK(r.status == ks::SyncStatus::revoked);
    CHECK(std::string(r.message_key()) == "error.sync.revoked");
    CHECK(r.wiped);
    CHECK(r.audit_delivered);
    CHECK(key_there_at_audit);
    CHECK_FALSE(std::filesystem::exists(key_file));
    REQUIRE(f.fake.seen.size() == 2);
    auto body = kt::json::parse(f.fake.seen[1].body);
    REQUIRE(body.ok());
    CHECK(ks::text_member(body.value(), "event") == "device_wiped");
    CHECK(ks::int_member(body.value(), "unsent") == 2);
    CHECK(f.audit_count("device_wiped") == 1);
    f.vault.close();
    // The next unlock says what T-10 says for a vault without its key file.
    auto reopened = store::Vault::open(f.dir / "v.ktv", kt::test::kPassphrase);
    REQUIRE_FALSE(reopened.ok());
    CHECK(reopened.error().code == kt::ErrorCode::not_a_vault);
}

TEST_CASE("the in-pass wait retries items that become due within the budget") {
    SyncFixture f(1);
    f.fake.script.push_back(
        [](const auto&) { return FakeReceiver::reply(200, R"({"status":"active"})"); });
    f.fake.script.push_back(
        [](const auto&) { return FakeReceiver::reply(409, R"({"error":"in_flight"})"); });
    auto o = kt::test::options_for(f.fake, &f.now);
    std::vector<std::int64_t> waits;
    o.wait = [&](std::int64_t s) {
        waits.push_back(s);
        f.now += s;
        return true;
    };
    o.max_wait_seconds = 30;
    const auto r = ks::sync_now(f.vault, o);
    CHECK(r.status == ks::SyncStatus::ok);
    CHECK(r.sent == 1);
    CHECK(waits == std::vector<std::int64_t>{1});
}
