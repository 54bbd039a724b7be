#include "report/new_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "util/files.hpp"

namespace kt::report {

namespace {

Error errno_error(const char* what, int err) {
    return make_error(error_code_from_errno(err), std::string(what) + ": " + std::strerror(err));
}

Status write_synced(const std::filesystem::path& tmp, const std::string& bytes) {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return errno_error("create temp file", errno);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        done += std::size_t(n);
    }
    const int err = errno;
    if (done < bytes.size() || ::fsync(fd) != 0) {
        const Error e = errno_error("write temp file", done < bytes.size() ? err : errno);
        ::close(fd);
        return e;
    }
    if (::close(fd) != 0) return errno_error("close temp file", errno);
    return {};
}

// rename without replacing: RENAME_NOREPLACE (ext4, vfat, exfat, tmpfs); a file system that
// does not know the flag gets a check right before a plain rename.
Status move_into_place(const std::filesystem::path& tmp, const std::filesystem::path& path) {
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0)
        return {};
    if (errno == EEXIST) return make_error(ErrorCode::already_exists, "target exists");
    if (errno != EINVAL && errno != ENOSYS) return errno_error("rename", errno);
    if (path_taken(path)) return make_error(ErrorCode::already_exists, "target exists");
    if (::rename(tmp.c_str(), path.c_str()) != 0) return errno_error("rename", errno);
    return {};
}

void sync_directory(const std::filesystem::path& path) {
    std::filesystem::path dir = path.parent_path();
    if (dir.empty()) dir = ".";
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return;
    ::fsync(dfd);  // some file systems (vfat) refuse a directory fsync; the rename stands
    ::close(dfd);
}

}  // namespace

bool path_taken(const std::filesystem::path& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
}

Status write_new_file(const std::filesystem::path& path, const std::string& bytes) {
    if (path.empty() || !path.has_filename()) return make_error(ErrorCode::usage, "no file name");
    if (path_taken(path)) return make_error(ErrorCode::already_exists, "target exists");
    const std::filesystem::path tmp = path.string() + ".tmp";
    Status s = write_synced(tmp, bytes);
    if (s) s = move_into_place(tmp, path);
    if (!s) {
        ::unlink(tmp.c_str());
        return s;
    }
    sync_directory(path);
    return {};
}

}  // namespace kt::report
