// Backend-specific guarantees: the SQLite file is encrypted and keyed from its key file;
// migrate is idempotent; the PostgreSQL helper leaves nothing behind.
#include <libpq-fe.h>
#include <signal.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cerrno>

#include "store_fixture.hpp"
#include "support/postgres_server.hpp"

namespace kt::test {
namespace {

TEST_CASE("migrate is idempotent and keeps the data", "[receiver][store]") {
    const Backend b = GENERATE(Backend::sqlite, Backend::postgres);
    INFO("backend " << backend_name(b));
    auto s = open_test_store(b);
    const auto dev = enroll_device(*s, "tablet-1", "d1");
    REQUIRE(s->insert_submission(make_submission("u1", 1, dev, 1), make_assessment()));
    REQUIRE(s->migrate());
    REQUIRE(s->migrate());
    s.reopen();
    CHECK(s->count_submissions().value() == 1);
    CHECK(s->device(dev)->value().last_seq == 1);
}

TEST_CASE("the SQLite store is encrypted at rest with its key file", "[receiver][store]") {
    const std::string marker = "MarkerWijkZuidoost";
    auto s = open_test_store(Backend::sqlite);
    const auto dev = enroll_device(*s, "tablet-marker", "d1");
    auto sub = make_submission("u1", 1, dev, 1);
    sub.sealed_payload = marker;
    REQUIRE(s->insert_submission(sub, make_assessment(marker)));
    REQUIRE(s->audit({1, "submission", marker, "201", dev}));
    s.store.reset();
    const auto db = s.config.sqlite_path;
    CHECK(count_occurrences(db, marker) == 0);
    CHECK(count_occurrences(db.string() + "-wal", marker) == 0);
    CHECK(count_occurrences(db, "tablet-marker") == 0);
    CHECK(read_bytes(db).substr(0, 15) != "SQLite format 3");

    struct stat st {};
    REQUIRE(::stat(s.config.sqlite_key_file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(st.st_size == 32);

    s.reopen();
    CHECK(s->submission("u1", 1)->value().sealed_payload == marker);
    s.store.reset();

    auto other = s.config;
    other.sqlite_key_file = *s.dir / "other.key";
    write_bytes(other.sqlite_key_file, random_bytes(32));
    ::chmod(other.sqlite_key_file.c_str(), 0600);
    CHECK_FALSE(receiver::open_store(other));
    other.sqlite_key_file = *s.dir / "missing.key";
    CHECK(receiver::open_store(other).error().code == ErrorCode::not_found);
    ::chmod(s.config.sqlite_key_file.c_str(), 0644);
    CHECK(receiver::open_store(s.config).error().code == ErrorCode::usage);
}

TEST_CASE("the PostgreSQL helper leaves no server behind", "[receiver][store]") {
    auto server = PostgresServer::start({"/usr/lib/postgresql/15/bin", "gone_test", 20});
    REQUIRE(server);
    const pid_t pid = server.value()->pid();
    const auto dir = server.value()->dir();
    const std::string info = server.value()->conninfo();
    REQUIRE(PQping(info.c_str()) == PQPING_OK);
    CHECK(::kill(pid, 0) == 0);
    {
        receiver::StoreConfig config;
        config.postgres_conninfo = info;
        config.postgres_pool_size = 2;
        auto store = receiver::open_store(config);
        REQUIRE(store);
        CHECK(store.value()->count_submissions().value() == 0);
    }
    server.value().reset();
    CHECK(::kill(pid, 0) == -1);
    CHECK(errno == ESRCH);
    CHECK_FALSE(std::filesystem::exists(dir));
    CHECK(PQping(info.c_str()) != PQPING_OK);
}

}  // namespace
}  // namespace kt::test
