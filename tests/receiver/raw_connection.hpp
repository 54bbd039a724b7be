// A hand-made client connection to the receiver for hostile tests: TCP from a chosen loopback
// source address (127.x.y.z, so per-address caps can be tried on one machine), then TLS
// without certificate checks (an attacker's), and exactly the bytes the test writes.
#pragma once

#include <openssl/ssl.h>

#include <string>
#include <string_view>

namespace kt::test {

struct RawRead {
    std::string data;     // every byte the server sent (decrypted after the handshake)
    bool closed = false;  // the server closed the connection (or reset it)
    double seconds = 0;   // how long the read took
    /// The status code of the first HTTP answer in `data`, 0 when there is none.
    int status() const;
    /// The value of header `name` in the first answer ("" if none; the name is matched as
    /// written).
    std::string header(const std::string& name) const;
};

class RawConnection {
  public:
    /// Connects to 127.0.0.1:`port` from `source`; `connected()` tells whether that worked.
    explicit RawConnection(int port, const std::string& source = "127.0.0.1");
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return m_fd >= 0; }
    /// The TLS handshake, optionally limited to TLS 1.2 with `tls12_ciphers` (OpenSSL list)
    /// and offering `resume` (a session of an earlier connection); false when it failed.
    bool handshake(const char* tls12_ciphers = nullptr, SSL_SESSION* resume = nullptr);
    /// The TLS session to offer on a later connection (the caller frees it with
    /// SSL_SESSION_free), null before a handshake. Under TLS 1.3 the server sends its ticket
    /// after the handshake: read an answer first.
    SSL_SESSION* session() const;
    /// Whether the handshake resumed the offered session (no full handshake).
    bool resumed() const;
    /// Writes every byte (over TLS after a handshake, else as plain TCP); false when the
    /// connection is gone.
    bool write(std::string_view bytes);
    /// Reads until the server closes the connection or `timeout_seconds` pass.
    RawRead read_until_closed(double timeout_seconds);
    /// Whether the server has closed the connection, without waiting (what it sent is
    /// dropped).
    bool closed_now();

  private:
    int m_fd = -1;
    SSL_CTX* m_ctx = nullptr;
    SSL* m_ssl = nullptr;
};

/// Raises this process's descriptor limit to its hard limit (tests holding many connections).
void raise_descriptor_limit();

}  // namespace kt::test
