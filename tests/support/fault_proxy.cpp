#include "support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace kt::test {

struct FaultProxy::Tls {
    SSL_CTX* ctx = nullptr;
    ~Tls() { SSL_CTX_free(ctx); }
};

namespace {

struct Request {
    std::string method, path, body;
    httplib::Headers headers;
};

struct Answer {
    int status = 0;
    std::string body;
    std::string extra_headers;
};

bool read_request(SSL* ssl, Request& out) {
    std::string buf;
    char chunk[4096];
    std::size_t head_end = std::string::npos;
    while ((head_end = buf.find("\r\n\r\n")) == std::string::npos) {
        const int n = SSL_read(ssl, chunk, sizeof chunk);
        if (n <= 0 || buf.size() > 65536) return false;
        buf.append(chunk, std::size_t(n));
    }
    const std::string head = buf.substr(0, head_end);
    std::size_t line_end = head.find("\r\n");
    const std::string first = head.substr(0, line_end);
    const auto sp1 = first.find(' '), sp2 = first.rfind(' ');
    if (sp1 == std::string::npos || sp2 == sp1) return false;
    out.method = first.substr(0, sp1);
    out.path = first.substr(sp1 + 1, sp2 - sp1 - 1);
    std::size_t length = 0;
    while (line_end != std::string::npos && line_end < head.size()) {
        const auto next = head.find("\r\n", line_end + 2);
        const std::string line = head.substr(line_end + 2, next - line_end - 2);
        line_end = next;
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon), value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ')
            value.erase(0, 1);
        if (strcasecmp(name.c_str(), "Content-Length") == 0)
            length = std::stoul(value);
        else
            out.headers.emplace(name, value);
    }
    out.body = buf.substr(head_end + 4);
    while (out.body.size() < length) {
        const int n = SSL_read(ssl, chunk, sizeof chunk);
        if (n <= 0) return false;
        out.body.append(chunk, std::size_t(n));
    }
    return true;
}

// The receiver's answer, or status 0 when it gave none.
Answer forward(const Request& r, int port) {
    httplib::SSLClient cli("127.0.0.1", port);
    cli.enable_server_certificate_verification(false);
    cli.set_read_timeout(30, 0);
    httplib::Headers h;
    for (const auto& [k, v] : r.headers)
        if (strcasecmp(k.c_str(), "Host") != 0 && strcasecmp(k.c_str(), "Connection") != 0 &&
            strcasecmp(k.c_str(), "Content-Type") != 0)
            h.emplace(k, v);
    auto res = r.method == "GET" ? cli.Get(r.path.c_str(), h)
                                 : cli.Post(r.path.c_str(), h, r.body, "application/json");
    if (!res) return {};
    std::string extra;
    if (res->has_header("Retry-After"))
        extra = "Retry-After: " + res->get_header_value("Retry-After") + "\r\n";
    return {res->status, res->body, extra};
}

std::string wire(const Answer& a) {
    return "HTTP/1.1 " + std::to_string(a.status) + " X\r\nContent-Type: application/json\r\n" +
           "Content-Length: " + std::to_string(a.body.size()) + "\r\nConnection: close\r\n" +
           a.extra_headers + "\r\n" + a.body;
}

void write_all(SSL* ssl, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const int n = SSL_write(ssl, bytes.data() + done, int(bytes.size() - done));
        if (n <= 0) return;
        done += std::size_t(n);
    }
}

}  // namespace

const char* to_string(Fault f) {
    switch (f) {
        case Fault::pass:
            return "pass";
        case Fault::drop:
            return "drop";
        case Fault::drop_after_body:
            return "drop_after_body";
        case Fault::truncate:
            return "truncate";
        case Fault::commit_then_drop:
            return "commit_then_drop";
        case Fault::stall:
            return "stall";
        case Fault::garbage_json:
            return "garbage_json";
        case Fault::server_error:
            return "server_error";
        case Fault::unavailable:
            return "unavailable";
        case Fault::rate_limited:
            return "rate_limited";
        case Fault::update_needed:
            return "update_needed";
    }
    return "?";
}

FaultProxy::FaultProxy(const std::filesystem::path& cert, const std::filesystem::path& key,
                       int upstream_port)
    : m_tls(std::make_unique<Tls>()), m_upstream_port(upstream_port) {
    m_tls->ctx = SSL_CTX_new(TLS_server_method());
    if (!m_tls->ctx || SSL_CTX_use_certificate_chain_file(m_tls->ctx, cert.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(m_tls->ctx, key.c_str(), SSL_FILETYPE_PEM) != 1)
        throw std::runtime_error("fault proxy: cannot load the certificate or key");
    m_listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        listen(m_listen_fd, 64) != 0 ||
        getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("fault proxy: cannot listen on loopback");
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
    m_stop = true;
    shutdown(m_listen_fd, SHUT_RDWR);
    close(m_listen_fd);
    if (m_thread.joinable()) m_thread.join();
    for (auto& t : m_workers)
        if (t.joinable()) t.join();
}

void FaultProxy::script(std::vector<Fault> faults, Fault fallback) {
    std::lock_guard lock(m_mutex);
    m_script.assign(faults.begin(), faults.end());
    m_fallback = fallback;
}

Fault FaultProxy::next_fault() {
    std::lock_guard lock(m_mutex);
    if (m_script.empty()) return m_fallback;
    const Fault f = m_script.front();
    m_script.pop_front();
    return f;
}

void FaultProxy::accept_loop() {
    while (!m_stop) {
        const int fd = accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (m_stop) return;
            continue;
        }
        m_workers.emplace_back([this, fd] { serve(fd); });
    }
}

void FaultProxy::serve(int fd) {
    SSL* ssl = SSL_new(m_tls->ctx);
    SSL_set_fd(ssl, fd);
    Request req;
    if (SSL_accept(ssl) == 1) {
        const Fault f = next_fault();
        if (f != Fault::drop && read_request(ssl, req)) {
            ++m_requests;
            const bool forwards =
                f == Fault::pass || f == Fault::truncate || f == Fault::commit_then_drop;
            Answer a;
            if (forwards) {
                ++m_forwarded;
                a = forward(req, m_upstream_port);
            }
            const std::string retry = "Retry-After: " + std::to_string(m_retry_after) + "\r\n";
            switch (f) {
                case Fault::pass:
                    if (a.status) write_all(ssl, wire(a));
                    break;
                case Fault::truncate: {
                    const std::string all = wire(a);
                    write_all(ssl, all.substr(0, all.size() / 2));
                    break;
                }
                case Fault::stall:
                    std::this_thread::sleep_for(std::chrono::seconds(int(m_stall_seconds)));
                    break;
                case Fault::garbage_json:
                    write_all(ssl, wire({200, "{\"receipt\": [oops", ""}));
                    break;
                case Fault::server_error:
                    write_all(ssl, wire({500, "{}", ""}));
                    break;
                case Fault::unavailable:
                    write_all(ssl, wire({503, "{}", retry}));
                    break;
                case Fault::rate_limited:
                    write_all(ssl, wire({429, R"({"error":"rate_limited"})", retry}));
                    break;
                case Fault::update_needed:
                    write_all(ssl, wire({426, R"({"error":"update_needed"})", ""}));
                    break;
                default:
                    break;  // drop_after_body, commit_then_drop: no answer
            }
        }
    }
    SSL_free(ssl);  // no close_notify: the peer sees the connection end abruptly
    close(fd);
}

}  // namespace kt::test
