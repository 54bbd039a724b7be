#include "http_server.hpp"

#include <netinet/tcp.h>
#include <sys/resource.h>

#include <boost/asio/signal_set.hpp>
#include <thread>
#include <vector>

#include "http_server_impl.hpp"

namespace kt::receiver {

namespace {

constexpr auto kDrainLimit = std::chrono::seconds(30);
constexpr auto kDrainTick = std::chrono::milliseconds(50);

// Every connection is a descriptor: take the hard limit, so the caps decide, not EMFILE.
void raise_descriptor_limit() {
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &r);
    }
}

void accept_next(HttpServer::Impl& s);

void on_accept(HttpServer::Impl& s, tcp::socket socket) {
    beast::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    if (ec) return;
    auto ticket = s.gate.admit(peer.address().to_string());
    if (ticket->admission() == ConnectionGate::Admission::close) return;  // closes the socket
    socket.set_option(tcp::no_delay(true), ec);
    std::make_shared<Session>(s, std::move(socket), std::move(ticket))->start();
}

void accept_next(HttpServer::Impl& s) {
    s.acceptor.async_accept(net::make_strand(s.io), [&s](beast::error_code ec, tcp::socket sock) {
        if (ec == net::error::operation_aborted || s.stopping) return;
        if (!ec) {
            on_accept(s, std::move(sock));
            return accept_next(s);
        }
        // Out of descriptors or memory for a moment: try again shortly, not in a busy loop.
        s.retry_accept.expires_after(std::chrono::milliseconds(50));
        s.retry_accept.async_wait([&s](beast::error_code e) {
            if (!e) accept_next(s);
        });
    });
}

// Ends the I/O threads once every connection has closed, or after kDrainLimit.
void drain(HttpServer::Impl& s, std::chrono::steady_clock::time_point until) {
    bool empty = false;
    {
        std::lock_guard lock(s.sessions_mutex);
        empty = s.sessions.empty();
    }
    if (empty || std::chrono::steady_clock::now() >= until) return s.io.stop();
    s.drain.expires_after(kDrainTick);
    s.drain.async_wait([&s, until](beast::error_code ec) {
        if (!ec) drain(s, until);
    });
}

void begin_stop(HttpServer::Impl& s) {
    s.stopping = true;
    beast::error_code ec;
    s.acceptor.close(ec);
    s.retry_accept.cancel();
    std::lock_guard lock(s.sessions_mutex);
    for (Session* session : s.sessions)
        if (auto alive = session->weak_from_this().lock())
            net::post(alive->executor(), [alive] { alive->stop(); });
}

}  // namespace

HttpServer::HttpServer(HttpLimits limits, RequestHandler handle, RefusalHandler refuse)
    : m(std::make_unique<Impl>(limits, std::move(handle), std::move(refuse))) {}

HttpServer::~HttpServer() = default;

SSL_CTX* HttpServer::tls() {
    return m->tls.native_handle();
}

Result<int> HttpServer::listen(const std::string& host, int port) {
    raise_descriptor_limit();
    beast::error_code ec;
    const auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    const tcp::endpoint at(address, std::uint16_t(port));
    if (!ec) m->acceptor.open(at.protocol(), ec);
    if (!ec) m->acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) m->acceptor.bind(at, ec);
    if (!ec) m->acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return make_error(ErrorCode::io, "cannot listen on " + host + ":" + std::to_string(port) +
                                             ": " + ec.message());
    return int(m->acceptor.local_endpoint().port());
}

Status HttpServer::run(const std::function<void()>& ready) {
    Impl& s = *m;
    net::signal_set signals(s.control, SIGTERM, SIGINT);
    signals.async_wait([&s](beast::error_code ec, int) {
        if (ec) return;
        begin_stop(s);
        drain(s, std::chrono::steady_clock::now() + kDrainLimit);
    });
    ready();
    net::post(s.control, [&s] { accept_next(s); });
    std::vector<std::thread> extra;
    for (int i = 1; i < s.limits.io_threads; ++i)
        extra.emplace_back([&s] { s.io.run(); });
    s.io.run();
    for (auto& t : extra)
        t.join();
    s.workers.join();
    return {};
}

}  // namespace kt::receiver
