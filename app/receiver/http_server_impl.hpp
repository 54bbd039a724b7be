// Inside HttpServer (http_server.cpp, http_session.cpp): the Asio state and one connection.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_set>

#include "http_server.hpp"

namespace kt::receiver {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

class Session;

struct HttpServer::Impl {
    Impl(HttpLimits l, RequestHandler h, RefusalHandler r)
        : limits(l),
          handle(std::move(h)),
          refuse(std::move(r)),
          workers(std::size_t(l.workers)),
          gate(l.gate) {}

    HttpLimits limits;
    RequestHandler handle;
    RefusalHandler refuse;
    net::thread_pool workers;
    ConnectionGate gate;
    std::atomic<bool> stopping{false};
    std::mutex sessions_mutex;
    std::unordered_set<Session*> sessions;
    net::ssl::context tls{net::ssl::context::tls_server};
    // Last, so it goes first: pending handlers still holding sessions die before the rest.
    net::io_context io;
    // Accepting, the stop signal and the drain run on one strand.
    net::strand<net::io_context::executor_type> control = net::make_strand(io);
    tcp::acceptor acceptor{control};
    net::steady_timer retry_accept{control};
    net::steady_timer drain{control};
};

/// One TLS connection from accept to close; every step runs on its strand.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(HttpServer::Impl& server, tcp::socket&& socket,
            std::unique_ptr<ConnectionGate::Ticket> ticket);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void start();
    net::any_io_executor executor() { return m_stream.get_executor(); }
    /// At the server's stop: a connection waiting for a request head is closed; one inside a
    /// request finishes it and is then closed.
    void stop();

  private:
    void on_handshake(beast::error_code ec);
    void read_head();
    void on_head(beast::error_code ec);
    std::optional<int> refusal_of_head();
    void read_body();
    void on_body(beast::error_code ec);
    void dispatch();
    void answer(HttpAnswer a, bool keep_alive);
    void on_written(beast::error_code ec, bool keep_alive);
    void refuse(int status);
    void drain();
    void close();
    void release_body();

    HttpServer::Impl& m_server;
    beast::ssl_stream<beast::tcp_stream> m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    http::response<http::string_body> m_response;
    http::response<http::empty_body> m_continue{http::status::continue_, 11};
    std::unique_ptr<ConnectionGate::Ticket> m_ticket;
    std::int64_t m_reserved = 0;  // bytes of the body budget held by the current request
    bool m_waiting_for_head = false;
    std::int64_t m_unread = 0;  // body bytes of a refused request still to be read and dropped
    std::unique_ptr<char[]> m_scratch;
};

}  // namespace kt::receiver
