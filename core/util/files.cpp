#include "util/files.hpp"

#include "util/crash_point.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kt {

ErrorCode error_code_from_errno(int err) {
    switch (err) {
        case ENOSPC:
        case EDQUOT:
            return ErrorCode::disk_full;
        case EROFS:
        case EACCES:
        case EPERM:
            return ErrorCode::read_only;
        case ENOENT:
            return ErrorCode::not_found;
        default:
            return ErrorCode::io;
    }
}

static Error errno_error(const char* what) {
    const int err = errno;
    return make_error(error_code_from_errno(err), std::string(what) + ": " + std::strerror(err));
}

Result<std::string> read_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno_error("open");
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            Error e = errno_error("read");
            ::close(fd);
            return e;
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > (1u << 20)) {
            ::close(fd);
            return make_error(ErrorCode::io, "file larger than 1 MiB");
        }
    }
    ::close(fd);
    return out;
}

static bool write_all(int fd, const std::string& content) {
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// Creates `tmp` as a new 0600 file that no one else holds open: a leftover (a crash's, or a
// planted file or symlink) is unlinked, never followed or reused. -1 with errno on failure
// (a directory in the way, or a race that planted a new entry).
static int create_fresh(const std::filesystem::path& tmp) {
    constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
    int fd = ::open(tmp.c_str(), kFlags, 0600);
    if (fd < 0 && errno == EEXIST && ::unlink(tmp.c_str()) == 0)
        fd = ::open(tmp.c_str(), kFlags, 0600);
    return fd;
}

Status write_file_atomic(const std::filesystem::path& path, const std::string& content) {
    const std::filesystem::path tmp = path.string() + ".tmp";
    const int fd = create_fresh(tmp);
    if (fd < 0) return errno_error("create temp file");
    if (!write_all(fd, content) || ::fsync(fd) != 0) {
        Error e = errno_error("write temp file");
        ::close(fd);
        ::unlink(tmp.c_str());
        return e;
    }
    ::close(fd);
    crash_point("file:temp_written");
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        Error e = errno_error("rename");
        ::unlink(tmp.c_str());
        return e;
    }
    crash_point("file:renamed");
    std::filesystem::path dir = path.parent_path();
    if (dir.empty()) dir = ".";
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        const int rc = ::fsync(dfd);
        ::close(dfd);
        if (rc != 0) return errno_error("fsync directory");
    }
    return {};
}

}  // namespace kt
