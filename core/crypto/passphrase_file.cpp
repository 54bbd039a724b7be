#include "crypto/passphrase_file.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace kt::crypto {

namespace {

constexpr int kPipeTimeoutMs = 10000;

Error problem(const char* token) {
    return make_error(ErrorCode::usage, token);
}

struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Waits until `fd` (a pipe) can be read or the deadline passes; false on timeout.
bool wait_readable(int fd, std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(left.count()));
    return rc > 0 || (rc < 0 && errno == EINTR);
}

// Reads at most buf.size() bytes; `used` is how many arrived. A pipe is read until its writer
// closes; a FIFO without a writer reads as empty at once.
Status read_bounded(int fd, bool is_pipe, SecretBytes& buf, std::size_t& used) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(kPipeTimeoutMs);
    used = 0;
    while (used < buf.size()) {
        const ssize_t n = ::read(fd, buf.data() + used, buf.size() - used);
        if (n > 0) {
            used += static_cast<std::size_t>(n);
            continue;
        }
        if (n == 0) return {};
        if (errno == EINTR) continue;
        if (is_pipe && errno == EAGAIN) {
            if (!wait_readable(fd, deadline)) return problem("passphrase_file.timeout");
            continue;
        }
        return make_error(ErrorCode::io, "passphrase_file.unreadable");
    }
    return {};
}

Result<SecretBytes> passphrase_from(const SecretBytes& buf, std::size_t used) {
    std::size_t len = used;
    if (len > 0 && buf.data()[len - 1] == '\n') --len;
    if (len > 0 && buf.data()[len - 1] == '\r') --len;
    if (len > kMaxPassphraseFileBytes) return problem("passphrase_file.too_long");
    if (len == 0) return problem("passphrase_file.empty");
    const char* text = reinterpret_cast<const char*>(buf.data());
    if (std::memchr(text, '\0', len)) return problem("passphrase_file.nul");
    if (std::memchr(text, '\n', len) || std::memchr(text, '\r', len))
        return problem("passphrase_file.lines");
    SecretBytes out(len);
    std::memcpy(out.data(), buf.data(), len);
    return out;
}

}  // namespace

Result<SecretBytes> read_passphrase_file(const std::filesystem::path& path) {
    // O_NONBLOCK: opening a FIFO without a writer must not wait for one.
    Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
    if (f.fd < 0)
        return make_error(errno == ENOENT ? ErrorCode::not_found : ErrorCode::io,
                          "passphrase_file.unreadable");
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) return make_error(ErrorCode::io, "passphrase_file.unreadable");
    const bool is_pipe = S_ISFIFO(st.st_mode);
    if (!S_ISREG(st.st_mode) && !is_pipe) return problem("passphrase_file.not_a_file");
    // Room for the longest passphrase, "\r\n", and one byte more to tell "too long".
    SecretBytes buf(kMaxPassphraseFileBytes + 3);
    std::size_t used = 0;
    if (auto s = read_bounded(f.fd, is_pipe, buf, used); !s) return s.error();
    return passphrase_from(buf, used);
}

const char* passphrase_file_message_key(const Error& e) {
    static constexpr const char* kKeys[] = {
        "passphrase_file.not_a_file", "passphrase_file.too_long", "passphrase_file.empty",
        "passphrase_file.nul",        "passphrase_file.lines",    "passphrase_file.timeout"};
    for (const char* key : kKeys)
        if (e.detail == key) return key;
    return "passphrase_file.unreadable";
}

}  // namespace kt::crypto
