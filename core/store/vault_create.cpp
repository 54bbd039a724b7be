#include "store/vault_create.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "crypto/key_file.hpp"
#include "store/migrations.hpp"
#include "store/vault.hpp"
#include "util/crash_point.hpp"
#include "util/files.hpp"

namespace kt::store {

namespace fs = std::filesystem;

namespace {

Error errno_error(const char* what) {
    return make_error(error_code_from_errno(errno), what);
}

bool present_at(const fs::path& p) {
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0;
}

bool same_file(const fs::path& a, const fs::path& b) {
    struct stat sa {
    }, sb{};
    return ::lstat(a.c_str(), &sa) == 0 && ::lstat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

Status sync_dir(const fs::path& file) {
    const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno_error("open directory");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return errno_error("fsync directory");
    return {};
}

Status sync_file(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno_error("open for fsync");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return errno_error("fsync");
    return {};
}

// Creates the missing directories above a new vault with mode 0700 (the data dir holds
// nothing for other users). Existing directories are left as they are.
Status make_private_parents(const fs::path& path) {
    std::vector<fs::path> missing;
    for (fs::path dir = path.parent_path(); !dir.empty() && !present_at(dir);
         dir = dir.parent_path()) {
        missing.push_back(dir);
        if (dir == dir.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it)
        if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST)
            return errno_error("cannot create the data directory");
    return {};
}

// Every file a temporary vault can have: the database, its WAL and shared memory, its key
// file and the key file's own temporary.
std::vector<fs::path> pending_files(const fs::path& vault) {
    const fs::path t = pending_vault_path(vault);
    const std::string key = crypto::key_file_path(t).string();
    return {t,   t.string() + "-wal", t.string() + "-shm", t.string() + "-journal",
            key, key + ".tmp"};
}

void remove_pending(const fs::path& vault) {
    for (const auto& p : pending_files(vault))
        ::unlink(p.c_str());
}

// The schema and `fill` in the temporary vault, closed (the WAL folded in) and on disk.
Status build_pending(const fs::path& t, const crypto::SecretBytes& dek, const Vault::Fill& fill) {
    auto db = open_keyed_database(t, dek, Database::Mode::open_existing);
    if (!db) return db.error();
    if (auto s = db->exec("PRAGMA application_id = " + std::to_string(kApplicationId)); !s)
        return s;
    if (auto s = apply_session_settings(db.value()); !s) return s;
    if (auto s = migrate(db.value()); !s) return s;
    if (fill)
        if (auto s = fill(db.value()); !s) return s;
    crash_point("vault_create:filled");
    if (auto c = db->query_text("PRAGMA wal_checkpoint(TRUNCATE)"); !c) return c.error();
    db->close();
    return sync_file(t);
}

// Links the finished temporary files into place, key file first, never over an existing file.
Status link_into_place(const fs::path& vault) {
    const fs::path t = pending_vault_path(vault);
    const fs::path key = crypto::key_file_path(vault);
    if (::link(crypto::key_file_path(t).c_str(), key.c_str()) != 0)
        return errno == EEXIST ? make_error(ErrorCode::already_exists, "key file exists")
                               : errno_error("link key file");
    crash_point("vault_create:key_linked");
    if (::link(t.c_str(), vault.c_str()) != 0) {
        const Error e = errno == EEXIST ? make_error(ErrorCode::already_exists, "vault exists")
                                        : errno_error("link vault");
        ::unlink(key.c_str());  // ours: linked a moment ago from the temporary key file
        return e;
    }
    crash_point("vault_create:vault_linked");
    if (auto s = sync_dir(vault); !s) return s;
    remove_pending(vault);
    return sync_dir(vault);
}

}  // namespace

fs::path pending_vault_path(const fs::path& vault) {
    return vault.string() + ".new";
}

VaultPresence vault_presence(const fs::path& vault) {
    const bool v = present_at(vault), k = present_at(crypto::key_file_path(vault));
    if (v && k) return VaultPresence::complete;
    if (v) return VaultPresence::vault_without_key;
    return k ? VaultPresence::key_without_vault : VaultPresence::none;
}

Status recover_interrupted_create(const fs::path& vault) {
    const fs::path t = pending_vault_path(vault);
    const fs::path tkey = crypto::key_file_path(t);
    bool any = false;
    for (const auto& p : pending_files(vault))
        any = any || present_at(p);
    if (!any) return {};
    // The key file was linked but the vault was not: the vault never existed, undo the key.
    const fs::path key = crypto::key_file_path(vault);
    if (!present_at(vault) && same_file(key, tkey) && ::unlink(key.c_str()) != 0)
        return errno_error("unlink half-made key file");
    for (const auto& p : pending_files(vault))
        if (::unlink(p.c_str()) != 0 && errno != ENOENT) return errno_error("unlink temp file");
    return sync_dir(vault);
}

Result<crypto::SecretBytes> create_vault_files(const fs::path& path, std::string_view passphrase,
                                               const crypto::KdfParams& params,
                                               const Vault::Fill& fill) {
    if (passphrase.empty()) return make_error(ErrorCode::usage, "empty passphrase");
    if (auto s = recover_interrupted_create(path); !s) return s.error();
    if (vault_presence(path) != VaultPresence::none)
        return make_error(ErrorCode::already_exists, "vault or key file exists");
    if (auto s = make_private_parents(path); !s) return s.error();
    const fs::path t = pending_vault_path(path);
    // Claim the temporary name exclusively so a concurrent create cannot share it.
    const int fd = ::open(t.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return make_error(ErrorCode::already_exists, "create in progress");
        return errno_error("cannot create vault file");
    }
    ::close(fd);
    auto fail = [&](Error e) -> Result<crypto::SecretBytes> {
        remove_pending(path);
        return e;
    };
    crypto::SecretBytes dek = crypto::random_data_key();
    auto kf = crypto::wrap_data_key(dek, passphrase, params);
    if (!kf) return fail(kf.error());
    if (auto s = build_pending(t, dek, fill); !s) return fail(s.error());
    crash_point("vault_create:vault_written");
    if (auto s = crypto::write_key_file(crypto::key_file_path(t), kf.value()); !s)
        return fail(s.error());
    crash_point("vault_create:key_written");
    if (auto s = link_into_place(path); !s) return fail(s.error());
    crash_point("vault_create:done");
    return dek;
}

Result<Vault> Vault::create(const fs::path& path, std::string_view passphrase,
                            const crypto::KdfParams& params, const Fill& fill) {
    auto dek = create_vault_files(path, passphrase, params, fill);
    if (!dek) return dek.error();
    return open_with_data_key(path, dek.value());
}

}  // namespace kt::store
