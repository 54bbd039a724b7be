#include "raw_key_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "util/files.hpp"

namespace kt::crypto {

namespace {

Status write_all(int fd, const SecretBytes& key) {
    std::size_t done = 0;
    while (done < key.size()) {
        const ssize_t n = ::write(fd, key.data() + done, key.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return make_error(error_code_from_errno(errno), "cannot write key file");
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return make_error(error_code_from_errno(errno), "cannot sync key file");
    return {};
}

void sync_parent(const std::filesystem::path& path) {
    const auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

}  // namespace

Result<SecretBytes> create_raw_key_file(const std::filesystem::path& path) {
    if (sodium_init() < 0) return make_error(ErrorCode::internal, "libsodium init failed");
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return make_error(ErrorCode::already_exists, "key file exists");
        return make_error(error_code_from_errno(errno), "cannot create key file");
    }
    SecretBytes key(kRawKeySize);
    randombytes_buf(key.data(), key.size());
    auto s = write_all(fd, key);
    ::close(fd);
    if (!s) {
        ::unlink(path.c_str());
        return s.error();
    }
    sync_parent(path);
    return key;
}

Result<SecretBytes> read_raw_key_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return make_error(ErrorCode::not_found, "key file missing");
        if (errno == ELOOP) return make_error(ErrorCode::usage, "key file is a symbolic link");
        return make_error(error_code_from_errno(errno), "cannot open key file");
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size != static_cast<off_t>(kRawKeySize)) {
        ::close(fd);
        return make_error(ErrorCode::usage, "key file is not 32 bytes");
    }
    if ((st.st_mode & 077) != 0) {
        ::close(fd);
        return make_error(ErrorCode::usage, "key file is readable by other users");
    }
    SecretBytes key(kRawKeySize);
    const ssize_t n = ::read(fd, key.data(), key.size());
    ::close(fd);
    if (n != static_cast<ssize_t>(kRawKeySize))
        return make_error(ErrorCode::io, "cannot read key file");
    return key;
}

}  // namespace kt::crypto
