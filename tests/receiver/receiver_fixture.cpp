#include "receiver_fixture.hpp"

#include <csignal>

#include <catch2/catch.hpp>

namespace kt::test {

namespace {

crypto::SigningKey copy_key(const crypto::SigningKey& k) {
    auto copy = crypto::signing_key_from_hex(crypto::secret_hex(k).text());
    REQUIRE(copy.ok());
    return std::move(copy.value());
}

}  // namespace

const char* db_name(ReceiverDb db) {
    return db == ReceiverDb::sqlite ? "sqlite" : "postgres";
}

ApiFixture::ApiFixture(ReceiverDb db, int sealed, const std::map<std::string, long long>& config)
    : data(db), source(sealed) {
    // A receiver that refuses a body from its head closes while the client still writes; the
    // test's TLS client then gets EPIPE (an answer to read), not a signal that ends the test.
    ::signal(SIGPIPE, SIG_IGN);
    for (const auto& [k, v] : config)
        data.set_config(k, v);
    const std::string code = data.enroll("tablet-oost-3");
    server = std::make_unique<ReceiverProcess>(data);
    device = std::make_unique<TestDevice>(server->port(), data.dir / "keys" / "tls.crt",
                                          copy_key(source.device_key));
    device->enroll_ok(code, data.pin);
}

std::unique_ptr<TestDevice> ApiFixture::enroll_other(const std::string& name) {
    auto other = std::make_unique<TestDevice>(server->port(), data.dir / "keys" / "tls.crt",
                                              crypto::new_signing_key());
    other->enroll_ok(data.enroll(name), data.pin);
    return other;
}

std::unique_ptr<receiver::Store> ApiFixture::open_store() const {
    return open_receiver_store(data);
}

void ApiFixture::restart(const std::map<std::string, std::string>& env) {
    server.reset();
    server = std::make_unique<ReceiverProcess>(data, env);
    device->port = server->port();
}

}  // namespace kt::test
