#include "sync/wipe.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "crypto/key_file.hpp"
#include "store/audit.hpp"
#include "sync/pass.hpp"

namespace kt::sync {

namespace {

Status zero_and_sync(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return make_error(ErrorCode::io, "cannot stat the key file");
    const std::vector<char> zeros(4096, 0);
    for (off_t done = 0; done < st.st_size;) {
        const auto n = std::min<off_t>(off_t(zeros.size()), st.st_size - done);
        const ssize_t w = ::pwrite(fd, zeros.data(), std::size_t(n), done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return make_error(ErrorCode::io, "cannot overwrite the key file");
        done += w;
    }
    if (::fsync(fd) != 0) return make_error(ErrorCode::io, "cannot sync the key file");
    return {};
}

}  // namespace

Status destroy_key_file(const std::filesystem::path& vault) {
    const auto path = crypto::key_file_path(vault);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return make_error(errno == ENOENT ? ErrorCode::not_found : ErrorCode::io,
                          "cannot open the key file");
    Status zeroed = zero_and_sync(fd);  // not const: returned by move
    ::close(fd);
    // Unlinked even when the overwrite failed: a missing key file is what matters most.
    if (::unlink(path.c_str()) != 0) return make_error(ErrorCode::io, "cannot remove the key file");
    auto dir = path.parent_path();
    if (dir.empty()) dir = ".";
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        (void)::fsync(dfd);
        ::close(dfd);
    }
    return zeroed;
}

namespace detail {

// The order is the contract (T-37): the municipality hears of the wipe and how many sealed
// assessments die with the key, the vault logs it, and only then is the key destroyed. The key
// goes even when the audit entry could not be delivered: the device is presumed lost.
void wipe_revoked_device(Pass& p, SyncReport& report) {
    report.status = SyncStatus::revoked;
    auto counts = outbox_counts(p.db());
    const int unsent = counts ? counts->pending : 0;
    if (auto seq = take_device_seq(p.db())) {
        auto body = json::canonical(json::Object{
            {"device_seq", seq.value()}, {"event", "device_wiped"}, {"unsent", unsent}});
        if (body) {
            auto r = post_signed(p, "/v1/audit", "", body.value());
            report.audit_delivered = r && r->status == 200;
        }
    }
    (void)store::audit_event(p.db(), "device_wiped", "", "ok", p.now());
    (void)p.vault.checkpoint();
    const Status destroyed = destroy_key_file(p.vault.path());
    report.wiped = destroyed.ok() || destroyed.error().code == ErrorCode::not_found;
    report.pending = unsent;
    if (!destroyed) report.detail = destroyed.error().detail;
}

}  // namespace detail

}  // namespace kt::sync
