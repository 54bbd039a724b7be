// The SQLite wrapper on its own: opening never creates what should exist, the raw-key form is
// the only key taken, the refused statements leave the file as it was, a transaction that is
// not committed leaves nothing, statements bind and read back what a record holds, and
// SQLite's failures arrive as our error codes.
#include "store/database.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <string>

#include "support/test_support.hpp"

using namespace kt;
using store::Database;

namespace {

Database create(const test::TempDir& dir) {
    auto db = Database::open(dir / "plain.db", Database::Mode::create_new);
    REQUIRE(db.ok());
    REQUIRE(db->exec("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT, n INTEGER)").ok());
    return std::move(db).value();
}

std::int64_t rows(Database& db) {
    auto n = db.query_int("SELECT count(*) FROM note");
    REQUIRE(n.ok());
    return n.value();
}

}  // namespace

TEST_CASE("opening an existing database never creates one", "[store]") {
    test::TempDir dir;
    auto db = Database::open(dir / "missing.db", Database::Mode::open_existing);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code == ErrorCode::io);
    CHECK(dir.entries().empty());
}

TEST_CASE("only the 67-byte raw key form is handed to SQLCipher", "[store]") {
    test::TempDir dir;
    Database db = create(dir);
    for (const char* spec :
         {"", "een wachtwoord", "x'00'",
          "x'ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789'"}) {
        CAPTURE(spec);
        auto s = db.key(crypto::SecretBytes::from(spec));
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::usage);
    }
    const std::string raw = "x'" + std::string(64, 'a') + "'";
    auto fresh = Database::open(dir / "keyed.db", Database::Mode::create_new);
    REQUIRE(fresh.ok());
    CHECK(fresh->key(crypto::SecretBytes::from(raw)).ok());
}

TEST_CASE("statements that could copy or decrypt the database are refused and change nothing",
          "[store]") {
    test::TempDir dir;
    Database db = create(dir);
    REQUIRE(db.exec("INSERT INTO note (body) VALUES ('blijft')").ok());
    const std::string copy = (dir / "copy.db").string();
    for (const std::string& sql :
         {"ATTACH DATABASE '" + copy + "' AS copy", std::string("PRAGMA rekey = ''"),
          std::string("PRAGMA key = 'x'"), std::string("PRAGMA temp_store = FILE"),
          std::string("SELECT sqlcipher_export('main')")}) {
        CAPTURE(sql);
        auto s = db.exec(sql);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::usage);
    }
    CHECK_FALSE(std::filesystem::exists(dir / "copy.db"));
    CHECK(db.query_text("PRAGMA temp_store").value() != "1");
    CHECK(rows(db) == 1);
}

TEST_CASE("a transaction left uncommitted leaves nothing and a committed one stays", "[store]") {
    test::TempDir dir;
    Database db = create(dir);
    {
        auto tx = store::Transaction::begin(db);
        REQUIRE(tx.ok());
        CHECK(db.in_transaction());
        REQUIRE(db.exec("INSERT INTO note (body) VALUES ('weg')").ok());
        CHECK(rows(db) == 1);
    }  // destroyed without commit: rolled back
    CHECK_FALSE(db.in_transaction());
    CHECK(rows(db) == 0);
    {
        auto tx = store::Transaction::begin(db);
        REQUIRE(tx.ok());
        REQUIRE(db.exec("INSERT INTO note (body) VALUES ('blijft')").ok());
        REQUIRE(tx->commit().ok());
    }
    CHECK(rows(db) == 1);
    db.close();
    auto reopened = Database::open(dir / "plain.db", Database::Mode::open_existing);
    REQUIRE(reopened.ok());
    CHECK(rows(reopened.value()) == 1);
}

TEST_CASE("statements bind and read back text, numbers and nothing", "[store]") {
    test::TempDir dir;
    Database db = create(dir);
    auto insert = db.prepare("INSERT INTO note (body, n) VALUES (?, ?)");
    REQUIRE(insert.ok());
    const std::string with_nul("Jansen\0verborgen", 16);
    REQUIRE(insert->bind(1, std::string_view("Élodie van 't Hof"))
                .bind(2, std::int64_t{-42})
                .run()
                .ok());
    insert->reset();
    REQUIRE(insert->bind(1, std::string_view(with_nul)).bind_null(2).run().ok());
    CHECK(db.changes() == 1);

    auto read = db.prepare("SELECT body, n FROM note ORDER BY id");
    REQUIRE(read.ok());
    REQUIRE(read->step().value());
    CHECK(read->text(0) == "Élodie van 't Hof");
    CHECK(read->int64(1) == -42);
    CHECK_FALSE(read->is_null(1));
    REQUIRE(read->step().value());
    CHECK(read->text(0) == with_nul);  // every byte, also after a NUL
    CHECK(read->is_null(1));
    CHECK_FALSE(read->step().value());  // done
    CHECK(db.query_text("SELECT body FROM note WHERE id = 99").value().empty());
}

TEST_CASE("SQLite's failures arrive as our error codes", "[store]") {
    CHECK(store::error_code_from_sqlite(SQLITE_FULL) == ErrorCode::disk_full);
    CHECK(store::error_code_from_sqlite(SQLITE_READONLY) == ErrorCode::read_only);
    CHECK(store::error_code_from_sqlite(SQLITE_NOTADB) == ErrorCode::damaged_vault);
    CHECK(store::error_code_from_sqlite(SQLITE_CORRUPT) == ErrorCode::damaged_vault);
    CHECK(store::error_code_from_sqlite(SQLITE_IOERR_FSYNC) == ErrorCode::io);
    CHECK(store::error_code_from_sqlite(SQLITE_CONSTRAINT_UNIQUE) == ErrorCode::invalid_state);

    test::TempDir dir;
    Database db = create(dir);
    REQUIRE(db.exec("CREATE UNIQUE INDEX one_body ON note (body)").ok());
    REQUIRE(db.exec("INSERT INTO note (body) VALUES ('een')").ok());
    auto twice = db.exec("INSERT INTO note (body) VALUES ('een')");
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().code == ErrorCode::invalid_state);
    auto bad = db.prepare("SELECT nothing FROM nowhere");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::internal);

    test::write_bytes(dir / "foreign.db", std::string(4096, 'x'));
    auto foreign = Database::open(dir / "foreign.db", Database::Mode::open_existing);
    REQUIRE(foreign.ok());  // nothing is read until the first statement
    auto read = foreign->query_int("SELECT count(*) FROM sqlite_master");
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().code == ErrorCode::damaged_vault);
}

TEST_CASE("a copy through the backup API holds every row of the source", "[store]") {
    test::TempDir dir;
    Database db = create(dir);
    for (int i = 0; i < 50; ++i)
        REQUIRE(db.exec("INSERT INTO note (body) VALUES ('regel')").ok());
    auto dest = Database::open(dir / "copy.db", Database::Mode::create_new);
    REQUIRE(dest.ok());
    REQUIRE(db.copy_to(dest.value()).ok());
    CHECK(rows(dest.value()) == 50);
}
