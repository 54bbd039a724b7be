#include "store/vault_admin.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <system_error>

#include "crypto/key_file.hpp"
#include "util/clock.hpp"
#include "util/crash_point.hpp"
#include "util/files.hpp"

namespace kt::store {

namespace fs = std::filesystem;

Status change_passphrase(const fs::path& vault, std::string_view old_passphrase,
                         std::string_view new_passphrase) {
    return change_passphrase(vault, old_passphrase, new_passphrase, crypto::params_for_new_vault(),
                             SystemClock().now_utc());
}

Status change_passphrase(const fs::path& vault, std::string_view old_passphrase,
                         std::string_view new_passphrase, const crypto::KdfParams& params,
                         std::int64_t now) {
    if (new_passphrase.empty()) return make_error(ErrorCode::usage, "empty new passphrase");
    auto dek = Vault::unlock_data_key(vault, old_passphrase);
    if (!dek) return dek.error();
    // Prove the data key opens the vault before its old wrapping is replaced.
    auto v = Vault::open_with_data_key(vault, dek.value());
    if (!v) return v.error();
    crash_point("passphrase:key_checked");
    auto kf = crypto::wrap_data_key(dek.value(), new_passphrase, params);
    if (!kf) return kf.error();
    crash_point("passphrase:wrapped");
    // The one step that switches passphrases: an atomic rename of the key file.
    if (auto s = crypto::write_key_file(crypto::key_file_path(vault), kf.value()); !s) return s;
    crash_point("passphrase:key_written");
    auto audited = audit_event(v->db(), "passphrase_changed", "", "ok", now);
    if (audited) crash_point("passphrase:audited");
    return audited;
}

namespace {

void remove_copy(const fs::path& out, bool with_key) {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        fs::remove(out.string() + suffix, ec);
    if (with_key) fs::remove(crypto::key_file_path(out), ec);
}

// The data key must be the one the source is encrypted with, or the copy would be keyed
// with a key that its (copied) key file does not hold.
Status check_data_key(const fs::path& vault, const crypto::SecretBytes& dek) {
    auto probe = open_keyed_database(vault, dek, Database::Mode::open_existing);
    if (!probe) return probe.error();
    if (auto n = probe->query_int("SELECT count(*) FROM sqlite_master"); !n)
        return make_error(ErrorCode::usage, "the data key does not open the vault");
    return {};
}

}  // namespace

Status backup_vault(Vault& source, const crypto::SecretBytes& dek, const fs::path& out,
                    std::int64_t now) {
    const fs::path out_key = crypto::key_file_path(out);
    std::error_code ec;
    if (fs::exists(out, ec) || fs::exists(out_key, ec))
        return make_error(ErrorCode::already_exists, "backup target exists");
    if (auto s = check_data_key(source.path(), dek); !s) return s;
    auto key_text = read_file(crypto::key_file_path(source.path()));
    if (!key_text) return key_text.error();
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return make_error(ErrorCode::already_exists, "backup target exists");
        return make_error(error_code_from_errno(errno), "cannot create the backup file");
    }
    ::close(fd);
    auto fail = [&](Error e, bool with_key = false) -> Status {
        remove_copy(out, with_key);
        return e;
    };
    {
        auto dest = open_keyed_database(out, dek, Database::Mode::open_existing);
        if (!dest) return fail(dest.error());
        if (auto s = source.db().copy_to(dest.value()); !s) return fail(s.error());
        auto quick = dest->query_text("PRAGMA quick_check");
        if (!quick) return fail(quick.error());
        if (quick.value() != "ok")
            return fail(make_error(ErrorCode::damaged_vault, "backup copy fails quick_check"));
    }
    if (auto s = write_file_atomic(out_key, key_text.value()); !s) return fail(s.error(), true);
    if (auto s = audit_event(source.db(), "backup", "", "ok", now); !s)
        return fail(s.error(), true);
    return {};
}

}  // namespace kt::store
