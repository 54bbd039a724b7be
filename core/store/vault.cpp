#include "store/vault.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <system_error>
#include <vector>

#include "crypto/key_file.hpp"
#include "store/migrations.hpp"
#include "store/unlock_guard.hpp"
#include "util/files.hpp"

namespace kt::store {

namespace fs = std::filesystem;

namespace {

constexpr char kPlainSqliteHeader[16] = "SQLite format 3";  // 15 chars + NUL

// Cheap checks that need no key: an empty file or a plain SQLite file is not a vault; a size
// that is no whole number of pages is a damaged one (asked for once the key file showed that
// the file is meant to be a vault).
Status precheck_vault_file(const fs::path& path, bool check_size = true) {
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
    if (check_size && size % kCipherPageSize != 0)
        return make_error(ErrorCode::damaged_vault, "vault size is not a whole number of pages");
    return {};
}

}  // namespace

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

Result<Database> open_keyed_database(const fs::path& path, const crypto::SecretBytes& dek,
                                     Database::Mode mode) {
    if (dek.size() != crypto::kDataKeySize)
        return make_error(ErrorCode::usage, "data key has the wrong size");
    auto db = Database::open(path, mode);
    if (!db) return db.error();
    const crypto::SecretBytes spec = crypto::raw_keyspec(dek);
    if (auto s = db->key(spec); !s) return s.error();
    // SQLCipher 3.4.1 needs these on every open, before the first read.
    if (auto s = db->exec("PRAGMA cipher_page_size = 4096"); !s) return s.error();
    if (auto s = db->exec("PRAGMA cipher_use_hmac = ON"); !s) return s.error();
    return std::move(db.value());
}

Result<crypto::SecretBytes> Vault::unlock_data_key(const fs::path& vault,
                                                   std::string_view passphrase) {
    if (auto s = precheck_vault_file(vault, false); !s) return s.error();
    auto kf = crypto::read_key_file(crypto::key_file_path(vault));
    if (!kf) return kf.error();
    if (auto s = precheck_vault_file(vault); !s) return s.error();
    return crypto::unwrap_data_key(kf.value(), passphrase);
}

Result<Vault> Vault::open_with_data_key(const fs::path& path, const crypto::SecretBytes& dek) {
    if (auto s = precheck_vault_file(path); !s) return s.error();
    auto db = open_keyed_database(path, dek, Database::Mode::open_existing);
    if (!db) return db.error();
    // First read: validates page 1's HMAC. Nothing has been written yet.
    auto app_id = db->query_int("PRAGMA application_id");
    if (!app_id) return app_id.error();
    if (auto tables = db->query_int("SELECT count(*) FROM sqlite_master"); !tables)
        return tables.error();
    if (app_id.value() != kApplicationId)
        return make_error(ErrorCode::not_a_vault, "application id is not Keukentafel's");
    if (auto s = apply_session_settings(db.value()); !s) return s.error();
    if (auto s = migrate(db.value()); !s) return s.error();
    Vault v(path, std::move(db.value()));
    if (auto s = v.verify_audit(); !s) return s.error();
    v.audit_failed_unlocks();
    return v;
}

Result<Vault> Vault::open(const fs::path& path, std::string_view passphrase) {
    auto dek = unlock_data_key(path, passphrase);
    if (!dek) return dek.error();
    return open_with_data_key(path, dek.value());
}

Status Vault::verify_audit() {
    auto verdict = verify_audit_chain(m_db);
    if (!verdict) return verdict.error();
    m_audit = std::move(verdict.value());
    // Best effort: a read-only medium must not keep the vault from opening.
    (void)remember_audit_break(m_db, m_audit);
    return {};
}

// The failures counted while the vault was locked become audit rows now, then the count
// starts again. If the rows cannot be written the state file keeps them for the next open.
void Vault::audit_failed_unlocks() {
    UnlockGuard guard = UnlockGuard::load(m_path);
    if (guard.failures() == 0 && guard.pending().empty()) return;
    auto tx = Transaction::begin(m_db);
    if (!tx) return;
    for (const auto at : guard.pending())
        if (!audit_event(m_db, "failed_unlock", "", "failed", at)) return;
    if (!tx->commit()) return;
    (void)guard.clear_pending();
}

Result<VaultCounts> Vault::check() {
    auto ic = m_db.query_text("PRAGMA integrity_check");
    if (!ic) return ic.error();
    if (ic.value() != "ok") return make_error(ErrorCode::damaged_vault, "integrity_check failed");
    VaultCounts c;
    auto tables = m_db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
    if (!tables) return tables.error();
    std::vector<std::string> names;
    for (;;) {
        auto row = tables->step();
        if (!row) return row.error();
        if (!row.value()) break;
        names.push_back(tables->text(0));
    }
    // Reading every row of every table touches every page, so each page's HMAC is verified.
    for (const auto& table : names) {
        auto st = m_db.prepare("SELECT * FROM \"" + table + "\"");
        if (!st) return st.error();
        std::int64_t rows = 0;
        for (;;) {
            auto row = st->step();
            if (!row) return row.error();
            if (!row.value()) break;
            ++rows;
        }
        if (table == "client") c.clients = rows;
        if (table == "assessment") c.assessments = rows;
        if (table == "score") c.scores = rows;
    }
    if (auto s = verify_audit(); !s) return s.error();
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
