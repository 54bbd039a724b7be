#include "raw_connection.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>
#include <cerrno>
#include <chrono>
#include <cstdlib>

namespace kt::test {

namespace {

sockaddr_in loopback(const std::string& address, int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(std::uint16_t(port));
    ::inet_pton(AF_INET, address.c_str(), &a.sin_addr);
    return a;
}

}  // namespace

int RawRead::status() const {
    if (data.compare(0, 5, "HTTP/") != 0) return 0;
    const auto space = data.find(' ');
    if (space == std::string::npos || data.size() < space + 4) return 0;
    return std::atoi(data.substr(space + 1, 3).c_str());
}

std::string RawRead::header(const std::string& name) const {
    const auto end = data.find("\r\n\r\n");
    const std::string head = data.substr(0, end);
    for (std::size_t at = head.find("\r\n"); at != std::string::npos;
         at = head.find("\r\n", at + 2)) {
        const std::string line = head.substr(at + 2, head.find("\r\n", at + 2) - at - 2);
        const auto colon = line.find(':');
        if (colon == name.size() && ::strncasecmp(line.c_str(), name.c_str(), colon) == 0)
            return line.substr(line.find_first_not_of(' ', colon + 1));
    }
    return "";
}

RawConnection::RawConnection(int port, const std::string& source) {
    ::signal(SIGPIPE, SIG_IGN);  // a write to a connection the receiver closed fails instead
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) return;
    const sockaddr_in from = loopback(source, 0), to = loopback("127.0.0.1", port);
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::bind(m_fd, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0 ||
        ::connect(m_fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

RawConnection::~RawConnection() {
    // A close_notify of our own: OpenSSL makes a session that ended without one unresumable.
    if (m_ssl && SSL_is_init_finished(m_ssl)) SSL_shutdown(m_ssl);
    if (m_ssl) SSL_free(m_ssl);
    if (m_ctx) SSL_CTX_free(m_ctx);
    if (m_fd >= 0) ::close(m_fd);
}

bool RawConnection::handshake(const char* tls12_ciphers, SSL_SESSION* resume) {
    if (m_fd < 0) return false;
    m_ctx = SSL_CTX_new(TLS_client_method());
    if (tls12_ciphers) {
        SSL_CTX_set_max_proto_version(m_ctx, TLS1_2_VERSION);
        SSL_CTX_set_cipher_list(m_ctx, tls12_ciphers);
    }
    m_ssl = SSL_new(m_ctx);
    SSL_set_fd(m_ssl, m_fd);
    if (resume) SSL_set_session(m_ssl, resume);
    return SSL_connect(m_ssl) == 1;
}

SSL_SESSION* RawConnection::session() const {
    return m_ssl ? SSL_get1_session(m_ssl) : nullptr;
}

bool RawConnection::resumed() const {
    return m_ssl && SSL_session_reused(m_ssl) == 1;
}

bool RawConnection::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const int n = m_ssl ? SSL_write(m_ssl, bytes.data(), int(bytes.size()))
                            : int(::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL));
        if (n <= 0) return false;
        bytes.remove_prefix(std::size_t(n));
    }
    return true;
}

RawRead RawConnection::read_until_closed(double timeout_seconds) {
    RawRead out;
    const auto t0 = std::chrono::steady_clock::now();
    const timeval tick{0, 100 * 1000};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof tick);
    char buf[16384];
    while (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() <
           timeout_seconds) {
        errno = 0;
        const int n =
            m_ssl ? SSL_read(m_ssl, buf, sizeof buf) : int(::recv(m_fd, buf, sizeof buf, 0));
        if (n > 0) {
            out.data.append(buf, std::size_t(n));
            continue;
        }
        const bool again = m_ssl ? SSL_get_error(m_ssl, n) == SSL_ERROR_WANT_READ
                                 : (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
        if (!again) {
            out.closed = true;
            break;
        }
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

bool RawConnection::closed_now() {
    if (m_fd < 0) return true;
    const int flags = ::fcntl(m_fd, F_GETFL);
    ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
    bool closed = false;
    char buf[4096];
    for (;;) {
        errno = 0;
        const int n =
            m_ssl ? SSL_read(m_ssl, buf, sizeof buf) : int(::recv(m_fd, buf, sizeof buf, 0));
        if (n > 0) continue;
        closed = m_ssl ? SSL_get_error(m_ssl, n) != SSL_ERROR_WANT_READ
                       : !(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
        break;
    }
    ::fcntl(m_fd, F_SETFL, flags);
    return closed;
}

void raise_descriptor_limit() {
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &r);
    }
}

}  // namespace kt::test
