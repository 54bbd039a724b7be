// A fake receiver behind the Transport interface for the sender tests: it answers checkins,
// opens submissions with its box key, checks them with the receiver's record check and signs
// receipts, or answers whatever a test scripts. Plus a vault with sealed assessments enrolled
// with it.
#pragma once

#include <catch2/catch.hpp>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "store/seal.hpp"
#include "support/sealed_vault.hpp"
#include "support/test_support.hpp"
#include "sync/box.hpp"
#include "sync/config.hpp"
#include "sync/record_check.hpp"
#include "sync/sender.hpp"
#include "sync/wire.hpp"

namespace kt::test {

struct SeenRequest {
    std::string method, path, body;
    std::vector<std::string> headers;
};

class FakeReceiver final : public sync::Transport {
  public:
    sync::BoxKey box = sync::new_box_key();
    crypto::SigningKey receipt_key = crypto::new_signing_key();
    std::vector<SeenRequest> seen;
    /// Answers for the next requests, in order; then the honest receiver.
    std::deque<std::function<Result<sync::HttpResponse>(const SeenRequest&)>> script;
    /// Changes a receipt before it is returned (forgery tests).
    std::function<void(sync::Receipt&)> tamper;
    std::int64_t receiver_time = 5000;

    Result<sync::HttpResponse> request(std::string_view method, std::string_view path,
                                       const std::vector<std::string>& headers,
                                       std::string_view body) override {
        seen.push_back({std::string(method), std::string(path), std::string(body), headers});
        if (!script.empty()) {
            auto next = std::move(script.front());
            script.pop_front();
            return next(seen.back());
        }
        return honest(seen.back());
    }

    static Result<sync::HttpResponse> reply(
        long status, std::string body, std::optional<std::int64_t> retry_after = std::nullopt) {
        return sync::HttpResponse{status, std::move(body), retry_after};
    }
    /// A request that got no answer: a network code (offline, timeout, …).
    static Result<sync::HttpResponse> fail(ErrorCode e) {
        return make_error(e, "scripted network failure");
    }

    int submissions() const {
        int n = 0;
        for (const auto& r : seen)
            n += r.path == "/v1/submissions";
        return n;
    }

  private:
    Result<sync::HttpResponse> honest(const SeenRequest& r) {
        if (r.path == "/v1/checkin")
            return reply(200, R"({"status":"active","server_time":5000,"retention_days":30})");
        if (r.path != "/v1/submissions") return reply(200, R"({"status":"recorded"})");
        auto v = json::parse(r.body);
        REQUIRE(v.ok());
        std::string sealed;
        REQUIRE(sync::base64_decode(sync::text_member(v.value(), "sealed_payload"), sealed));
        auto plain = sync::open_box(box, sealed);
        REQUIRE(plain.ok());
        auto payload = sync::parse_payload(plain.value());
        REQUIRE(payload.ok());
        std::string key;
        for (const auto& h : r.headers)
            if (h.rfind("Idempotency-Key: ", 0) == 0) key = h.substr(17);
        sync::Receipt receipt{key, payload->record_sha256, crypto::sha256_hex(plain.value()),
                              receiver_time, ""};
        sync::sign_receipt(receipt, receipt_key);
        if (tamper) tamper(receipt);
        auto text = json::canonical(sync::receipt_json(receipt));
        REQUIRE(text.ok());
        return reply(201, text.value());
    }
};

/// Stores an enrollment with `fake` (no network involved).
inline void enroll_with(store::Database& db, const FakeReceiver& fake) {
    sync::SyncConfig c;
    c.url = "https://127.0.0.1:1";
    c.tls_pin = "sha256//AAAA";
    c.ca_pem = "-";
    c.device_id = "0b9e8c1e-6c6a-4d3a-9f1e-2f3a4b5c6d7e";
    c.device_name = "tablet-test";
    c.team = "Oost";
    c.box_public_key = fake.box.public_hex;
    c.receipt_public_key = fake.receipt_key.public_hex;
    REQUIRE(sync::save_config(db, c).ok());
}

/// Options for a pass through `fake` at the fixed time `*now`.
inline sync::SyncOptions options_for(FakeReceiver& fake, const std::int64_t* now) {
    sync::SyncOptions o;
    o.transport = &fake;
    o.now = [now] { return *now; };
    o.jitter = [] { return 1.0; };
    o.app_version = "0.1.0";
    return o;
}

}  // namespace kt::test
