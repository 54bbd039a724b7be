#include "sqlite_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "util/files.hpp"

namespace kt::receiver {

namespace {

Status write_all(int fd, const crypto::SecretBytes& key) {
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

Result<crypto::SecretBytes> create_store_key(const std::filesystem::path& path) {
    if (sodium_init() < 0) return make_error(ErrorCode::internal, "libsodium init failed");
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return make_error(ErrorCode::already_exists, "key file exists");
        return make_error(error_code_from_errno(errno), "cannot create key file");
    }
    crypto::SecretBytes key(kStoreKeySize);
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

Result<crypto::SecretBytes> read_store_key(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return make_error(ErrorCode::not_found, "store key file missing");
        return make_error(error_code_from_errno(errno), "cannot open key file");
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size != static_cast<off_t>(kStoreKeySize)) {
        ::close(fd);
        return make_error(ErrorCode::usage, "key file is not 32 bytes");
    }
    if ((st.st_mode & 077) != 0) {
        ::close(fd);
        return make_error(ErrorCode::usage, "key file is readable by other users");
    }
    crypto::SecretBytes key(kStoreKeySize);
    const ssize_t n = ::read(fd, key.data(), key.size());
    ::close(fd);
    if (n != static_cast<ssize_t>(kStoreKeySize))
        return make_error(ErrorCode::io, "cannot read key file");
    return key;
}

}  // namespace kt::receiver
