#include "store/vault.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <system_error>

#include "crypto/key_file.hpp"
#include "store/migrations.hpp"
#include "util/files.hpp"

namespace kt::store {

namespace fs = std::filesystem;

namespace {

constexpr char kPlainSqliteHeader[16] = "SQLite format 3";  // 15 chars + NUL

// Cheap checks that need no key: an empty file, a plain SQLite file or a size that is no
// whole number of pages is not (or no longer) a vault.
Status precheck_vault_file(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return make_error(ErrorCode::not_found, "vault file missing");
    const auto size = fs::file_size(path, ec);
    if (ec) return make_error(ErrorCode::io, "cannot stat vault file");
    if (size == 0) return make_error(ErrorCode::not_a_vault, "vault file is empty");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return make_error(error_code_from_errno(errno), "cannot read vault file");
    char head[16] = {};
    const ssize_t n = ::read(fd, head, sizeof head);
    ::close(fd);
    if (n == static_cast<ssize_t>(sizeof head) && std::memcmp(head, kPlainSqliteHeader, 16) == 0)
        return make_error(ErrorCode::not_a_vault, "plain SQLite database");
    if (size % kCipherPageSize != 0)
        return make_error(ErrorCode::damaged_vault, "vault size is not a whole number of pages");
    return {};
}

// Settings that SQLCipher 3.4.1 needs on every open, before the first read.
Status apply_cipher_settings(Database& db, const crypto::SecretBytes& key) {
    const crypto::SecretBytes spec = crypto::raw_keyspec(key);
    if (auto s = db.key(spec); !s) return s;
    if (auto s = db.exec("PRAGMA cipher_page_size = 4096"); !s) return s;
    return db.exec("PRAGMA cipher_use_hmac = ON");
}

// Session settings, checked by reading them back (3.4.1 silently ignores unknown pragmas).
Status apply_session_settings(Database& db) {
    auto mode = db.query_text("PRAGMA journal_mode = WAL");
    if (!mode) return mode.error();
    if (mode.value() != "wal") return make_error(ErrorCode::internal, "WAL mode refused");
    if (auto s = db.exec("PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;"
                         "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;");
        !s)
        return s;
    auto temp = db.query_int("PRAGMA temp_store");
    auto sync = db.query_int("PRAGMA synchronous");
    auto page = db.query_int("PRAGMA cipher_page_size");
    if (!temp || !sync || !page) return make_error(ErrorCode::internal, "pragma read failed");
    if (temp.value() != 2 || sync.value() != 2 || page.value() != kCipherPageSize)
        return make_error(ErrorCode::internal, "pinned pragma not in effect");
    return {};
}

void remove_vault_files(const fs::path& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".key"})
        fs::remove(path.string() + suffix, ec);
}

}  // namespace

Result<Vault> Vault::create(const fs::path& path, std::string_view passphrase,
                            const crypto::KdfParams& params) {
    if (passphrase.empty()) return make_error(ErrorCode::usage, "empty passphrase");
    const fs::path key_path = crypto::key_file_path(path);
    std::error_code ec;
    if (fs::exists(path, ec) || fs::exists(key_path, ec))
        return make_error(ErrorCode::already_exists, "vault or key file exists");
    // Claim the path exclusively so a concurrent create cannot share it.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return make_error(ErrorCode::already_exists, "vault exists");
        return make_error(error_code_from_errno(errno), "cannot create vault file");
    }
    ::close(fd);

    crypto::KeyFile kf;
    kf.params = params;
    kf.salt = crypto::random_salt();
    auto key = crypto::derive_key(passphrase, kf.salt, params);
    auto fail = [&](Error e) -> Result<Vault> {
        remove_vault_files(path);
        return e;
    };
    if (!key) return fail(key.error());
    kf.key_check = crypto::key_check_value(key.value());

    auto db = Database::open(path, Database::Mode::open_existing);
    if (!db) return fail(db.error());
    if (auto s = apply_cipher_settings(db.value(), key.value()); !s) return fail(s.error());
    if (auto s = db->exec("PRAGMA application_id = " + std::to_string(kApplicationId)); !s)
        return fail(s.error());
    if (auto s = apply_session_settings(db.value()); !s) return fail(s.error());
    if (auto s = migrate(db.value()); !s) return fail(s.error());
    if (auto s = crypto::write_key_file(key_path, kf); !s) return fail(s.error());
    return Vault(path, std::move(db.value()));
}

Result<Vault> Vault::open(const fs::path& path, std::string_view passphrase) {
    if (auto s = precheck_vault_file(path); !s) return s.error();
    auto kf = crypto::read_key_file(crypto::key_file_path(path));
    if (!kf) return kf.error();
    auto key = crypto::derive_key(passphrase, kf->salt, kf->params);
    if (!key) return key.error();
    const auto check = crypto::key_check_value(key.value());
    if (!crypto::equal_constant_time(check.data(), kf->key_check.data(), check.size()))
        return make_error(ErrorCode::wrong_passphrase, "key check mismatch");

    auto db = Database::open(path, Database::Mode::open_existing);
    if (!db) return db.error();
    if (auto s = apply_cipher_settings(db.value(), key.value()); !s) return s.error();
    // First read: validates page 1's HMAC. Nothing has been written yet.
    auto app_id = db->query_int("PRAGMA application_id");
    if (!app_id) return app_id.error();
    if (auto tables = db->query_int("SELECT count(*) FROM sqlite_master"); !tables)
        return tables.error();
    if (app_id.value() != kApplicationId)
        return make_error(ErrorCode::not_a_vault, "application id is not Keukentafel's");
    if (auto s = apply_session_settings(db.value()); !s) return s.error();
    if (auto s = migrate(db.value()); !s) return s.error();
    return Vault(path, std::move(db.value()));
}

Result<VaultCounts> Vault::check() {
    auto ic = m_db.query_text("PRAGMA integrity_check");
    if (!ic) return ic.error();
    if (ic.value() != "ok") return make_error(ErrorCode::damaged_vault, "integrity_check failed");
    VaultCounts c;
    // Reading every row touches every page, so each page's HMAC is verified.
    for (auto [table, out] :
         {std::pair{"client", &c.clients}, std::pair{"assessment", &c.assessments},
          std::pair{"score", &c.scores}}) {
        auto st = m_db.prepare(std::string("SELECT * FROM ") + table);
        if (!st) return st.error();
        for (;;) {
            auto row = st->step();
            if (!row) return row.error();
            if (!row.value()) break;
            ++*out;
        }
    }
    return c;
}

Status Vault::checkpoint() {
    auto st = m_db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    if (row.value() && st->int64(0) != 0)
        return make_error(ErrorCode::io, "checkpoint blocked by a reader");
    return {};
}

}  // namespace kt::store
