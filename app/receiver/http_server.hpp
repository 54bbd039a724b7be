// The receiver's HTTPS server (Boost.Beast over Boost.Asio, OpenSSL): a few I/O threads carry
// every connection without a thread per connection (TLS, request heads and bodies read
// asynchronously under deadlines), and a small worker pool runs the handlers (verification,
// the store). What a connection may cost is bounded: the whole head within head_timeout, the
// body at a minimum rate and capped before it is buffered, connections capped in total and per
// address (503 with Retry-After beyond), request bodies in memory capped together.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "connection_gate.hpp"
#include "http_request.hpp"
#include "util/result.hpp"

namespace kt::receiver {

struct HttpLimits {
    std::uint64_t max_body_bytes = 1 << 20;
    std::uint32_t max_head_bytes = 16 * 1024;
    std::chrono::seconds head_timeout{5};
    std::uint64_t min_body_bytes_per_second = 16384;
    std::chrono::seconds write_timeout{10};
    GateLimits gate;
    int workers = 8;
    int io_threads = 2;
};

/// An answer: a body (never compressed) of `content_type`, its status, Retry-After (0: none)
/// and further header fields.
struct HttpAnswer {
    int status = 200;
    std::string body;
    int retry_after = 0;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
};

/// Runs on a worker thread for every complete request.
using RequestHandler = std::function<HttpAnswer(Request&)>;
/// The connection layer's own refusals (400, 408, 411, 413, 415, 431, 503) before any handler
/// ran: the error body, and the log line with the client address as actor. 408 is logged only
/// (the connection is closed, nothing can be written).
using RefusalHandler = std::function<HttpAnswer(int status, const std::string& address)>;

class HttpServer {
  public:
    HttpServer(HttpLimits limits, RequestHandler handle, RefusalHandler refuse);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// The TLS context to set up (keys, versions, ciphers) before listen().
    SSL_CTX* tls();
    /// Binds and listens; port 0 picks a free port. Returns the port. Errors: io.
    Result<int> listen(const std::string& host, int port);
    /// Serves until SIGTERM or SIGINT; then accepts nothing more, closes idle connections,
    /// finishes the requests in progress (at most 30 s) and returns. `ready` runs once the stop
    /// signals are taken, before the first connection is served.
    Status run(const std::function<void()>& ready);

    struct Impl;  // http_server_impl.hpp, for http_server.cpp and http_session.cpp only

  private:
    std::unique_ptr<Impl> m;
};

}  // namespace kt::receiver
