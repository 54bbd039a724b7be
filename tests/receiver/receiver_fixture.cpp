#include "receiver_fixture.hpp"

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
    receiver::StoreConfig c;
    c.postgres_conninfo = data.db;
    c.sqlite_path = data.dir / "receiver.db";
    c.sqlite_key_file = data.dir / "keys" / "store.key";
    c.postgres_pool_size = 2;
    auto s = receiver::open_store(c);
    if (!s) FAIL("open_store: " << s.error().detail);
    return std::move(s.value());
}

void ApiFixture::restart(const std::map<std::string, std::string>& env) {
    server.reset();
    server = std::make_unique<ReceiverProcess>(data, env);
    device->port = server->port();
}

}  // namespace kt::test
