// T-23 end to end: a device enrolled with the real receiver syncs through TLS only to the key it
// pinned. (a) the receiver with the enrolled key works; (b) a valid chain with another key,
// (c) an expired certificate, (d) another host name (the real receiver restarted with those
// certificates), (e) a server that offers only TLS 1.1 and (f) an http:// URL are refused,
// 5/5, and the server side received 0 request bodies in (b)–(f).
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <thread>

#include "e2e_support.hpp"
#include "support/sealed_vault.hpp"
#include "support/test_tls.hpp"
#include "sync/outbox.hpp"
#include "sync/sender.hpp"

namespace ks = kt::sync;

namespace kt::test {

namespace {

constexpr const char* kPass = kt::test::kPassphrase;

// A loopback listener; the socket and its port.
int listen_loopback(int& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd, 16) == 0);
    socklen_t len = sizeof a;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port = ntohs(a.sin_port);
    return fd;
}

// An OpenSSL server that speaks TLS 1.1 and nothing newer (SECLEVEL=0 so OpenSSL 3 allows its
// SHA-1 handshake). Counts connections, completed handshakes and application bytes read after
// a handshake (a request body can only arrive as those).
class Tls11Server {
  public:
    Tls11Server(const TlsIdentity& id, const TempDir& dir) {
        const auto cert = write_identity(id, dir.path(), "tls11");
        m_ctx = SSL_CTX_new(TLS_server_method());
        REQUIRE(m_ctx);
        SSL_CTX_set_security_level(m_ctx, 0);
        REQUIRE(SSL_CTX_set_cipher_list(m_ctx, "DEFAULT:@SECLEVEL=0") == 1);
        REQUIRE(SSL_CTX_set_min_proto_version(m_ctx, TLS1_1_VERSION) == 1);
        REQUIRE(SSL_CTX_set_max_proto_version(m_ctx, TLS1_1_VERSION) == 1);
        REQUIRE(SSL_CTX_use_certificate_chain_file(m_ctx, cert.c_str()) == 1);
        REQUIRE(SSL_CTX_use_PrivateKey_file(m_ctx, (dir / "tls11.key").c_str(), SSL_FILETYPE_PEM) ==
                1);
        m_fd = listen_loopback(m_port);
        m_thread = std::thread([this] { loop(); });
    }
    ~Tls11Server() {
        m_stop = true;
        m_thread.join();
        ::close(m_fd);
        SSL_CTX_free(m_ctx);
    }
    std::string url() const { return loopback_url(m_port); }
    int port() const { return m_port; }
    std::atomic<int> connections{0}, handshakes{0}, bytes_read{0};

  private:
    void loop() {
        while (!m_stop) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const int c = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
            if (c < 0) continue;
            ++connections;
            timeval tv{2, 0};
            ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            SSL* ssl = SSL_new(m_ctx);
            SSL_set_fd(ssl, c);
            if (SSL_accept(ssl) == 1) {
                ++handshakes;
                char buf[4096];
                int n;
                while ((n = SSL_read(ssl, buf, sizeof buf)) > 0)
                    bytes_read += n;
            }
            ERR_clear_error();
            SSL_free(ssl);
            ::close(c);
        }
    }
    SSL_CTX* m_ctx = nullptr;
    int m_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// A control client that accepts TLS 1.1: proves the server above really speaks it.
bool tls11_handshake_works(int port) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_security_level(ctx, 0);
    SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0");
    SSL_CTX_set_min_proto_version(ctx, TLS1_1_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_1_VERSION);
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(std::uint16_t(port));
    bool ok = false;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
        SSL* ssl = SSL_new(ctx);
        SSL_set_fd(ssl, fd);
        ok = SSL_connect(ssl) == 1 && SSL_version(ssl) == TLS1_1_VERSION;
        SSL_shutdown(ssl);
        SSL_free(ssl);
    }
    ERR_clear_error();
    ::close(fd);
    SSL_CTX_free(ctx);
    return ok;
}

// Connections waiting on a plain listener nobody accepts from (non-blocking drain).
int pending_connections(int fd) {
    int n = 0;
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0) return n;
        const int c = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (c < 0) return n;
        ++n;
        ::close(c);
    }
}

struct Row {
    const char* mode;
    const char* server;
    ks::SyncStatus status;
    int sent;
    int bodies;  // request bodies the server side received
    const char* counted;
};

ks::SyncReport manual_pass(store::Vault& vault) {
    ks::SyncOptions o;
    o.manual = true;
    o.limits = {5, 10, 1 << 20};
    return ks::sync_now(vault, o);
}

}  // namespace

TEST_CASE(
    "T-23 TLS and pinning end to end: pinned key ok and 5 of 5 other modes refused "
    "with no request body received",
    "[security][e2e]") {
    TempDir tmp;
    const auto ca = make_test_ca();
    // The municipality's key K1 in a certificate from the test CA; the device pins K1 and trusts
    // that CA (a valid chain alone is not enough: (b)).
    const auto good = make_test_cert({"127.0.0.1", false, &ca});
    const auto other_key = make_test_cert({"127.0.0.1", false, &ca});
    const auto expired = make_test_cert_with_key({"127.0.0.1", true, &ca}, good.key_pem);
    const auto misnamed = make_test_cert_with_key({"receiver.example", false, &ca}, good.key_pem);
    REQUIRE(pin_of(expired.cert_pem) == pin_of(good.cert_pem));
    REQUIRE(pin_of(misnamed.cert_pem) == pin_of(good.cert_pem));
    REQUIRE(pin_of(other_key.cert_pem) != pin_of(good.cert_pem));

    ReceiverData data;
    const auto use_identity = [&](const TlsIdentity& id) {
        write_bytes(data.dir / "keys" / "tls.crt", id.cert_pem);
        write_bytes(data.dir / "keys" / "tls.key", id.key_pem);
    };
    use_identity(good);
    auto vault = create_test_vault(tmp / "v.ktv", kPass);
    add_sealed_assessments(vault.db(), 2, 1000);
    auto store = open_receiver_store(data);

    std::vector<Row> rows;
    {
        ReceiverProcess receiver(data);
        enroll_vault(vault, data, receiver.port());
        auto c = ks::load_config(vault.db());
        REQUIRE(c.ok());
        CHECK(c->tls_pin == pin_of(good.cert_pem));
        c->ca_pem = ca.cert_pem;  // trust the CA, keep the pin
        REQUIRE(ks::save_config(vault.db(), c.value()).ok());

        const int before = receiver_log_lines(data);
        const auto r = manual_pass(vault);
        INFO(r.detail);
        CHECK(r.status == ks::SyncStatus::ok);
        CHECK(r.sent == 2);
        CHECK(store->count_submissions().value() == 2);
        rows.push_back({"(a) pinned key", "real receiver", r.status, r.sent,
                        receiver_log_lines(data) - before, "receiver.log lines"});
    }
    // Something to send in every refused mode.
    add_sealed_assessments(vault.db(), 1, 2000);

    const struct {
        const char* mode;
        const TlsIdentity* id;
        ks::SyncStatus expect;
    } restarts[] = {
        {"(b) valid chain other key", &other_key, ks::SyncStatus::tls_pin_mismatch},
        {"(c) expired certificate", &expired, ks::SyncStatus::tls_failed},
        {"(d) wrong host name", &misnamed, ks::SyncStatus::tls_failed},
    };
    for (const auto& m : restarts) {
        use_identity(*m.id);
        ReceiverProcess receiver(data);
        set_receiver_url(vault.db(), loopback_url(receiver.port()));
        const int before = receiver_log_lines(data);
        const auto r = manual_pass(vault);
        INFO(m.mode << ": " << r.detail);
        CHECK(r.status == m.expect);
        rows.push_back({m.mode, "real receiver", r.status, r.sent,
                        receiver_log_lines(data) - before, "receiver.log lines"});
    }
    {
        const auto tls11 = make_test_cert_with_key({"127.0.0.1", false, &ca}, good.key_pem);
        Tls11Server server(tls11, tmp);
        REQUIRE(tls11_handshake_works(server.port()));  // the server does speak TLS 1.1
        const int control = server.bytes_read;
        set_receiver_url(vault.db(), server.url());
        const auto r = manual_pass(vault);
        INFO(r.detail);
        CHECK(r.status == ks::SyncStatus::tls_failed);
        CHECK(server.connections >= 2);  // the device did connect; the handshake failed
        rows.push_back({"(e) TLS 1.1 only", "OpenSSL TLS1.1 server", r.status, r.sent,
                        server.bytes_read - control, "bytes read after handshake"});
        CHECK(server.handshakes == 1);  // only the control client's
    }
    {
        int port = 0;
        const int fd = listen_loopback(port);
        set_receiver_url(vault.db(), "http://127.0.0.1:" + std::to_string(port));
        const auto r = manual_pass(vault);
        INFO(r.detail);
        CHECK(r.status == ks::SyncStatus::tls_failed);
        const int connections = pending_connections(fd);
        ::close(fd);
        CHECK(connections == 0);  // refused before any connection
        rows.push_back({"(f) http:// URL", "plain TCP listener", r.status, r.sent, connections,
                        "connections (not even one)"});
    }

    int refused = 0, bodies = 0;
    std::printf("\nT-23 TLS and pinning (end to end)\n");
    std::printf("| %-27s | %-21s | %-16s | sent | bodies at server | counted as |\n", "mode",
                "server", "outcome");
    std::printf("|%s|%s|%s|------|------------------|------------|\n", std::string(29, '-').c_str(),
                std::string(23, '-').c_str(), std::string(18, '-').c_str());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        std::printf("| %-27s | %-21s | %-16s | %4d | %16d | %s |\n", row.mode, row.server,
                    ks::to_string(row.status), row.sent, row.bodies, row.counted);
        if (i == 0) continue;
        refused += row.status != ks::SyncStatus::ok && row.sent == 0;
        bodies += row.bodies;
    }
    std::printf("refused %d/5, request bodies received in (b)-(f): %d\n\n", refused, bodies);
    std::fflush(stdout);
    CHECK(rows[0].bodies >= 3);  // checkin + 2 submissions reached the receiver in (a)
    CHECK(refused == 5);
    CHECK(bodies == 0);
    CHECK(rows[1].status == ks::SyncStatus::tls_pin_mismatch);
    // Nothing arrived and nothing was marked sent.
    CHECK(store->count_submissions().value() == 2);
    auto counts = ks::outbox_counts(vault.db());
    REQUIRE(counts.ok());
    CHECK(counts->sent == 2);
    CHECK(counts->pending == 1);
}

}  // namespace kt::test
