#include "server.hpp"

#include <openssl/ssl.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "handlers.hpp"
#include "request_log.hpp"

namespace kt::receiver {

namespace {

using Handler = Reply (*)(Context&, const httplib::Request&);

struct Shared {
    Context& ctx;
    RequestLog& log;
};

void send(const Reply& r, const httplib::Request& req, httplib::Response& res, Shared& s,
          const char* action) {
    res.status = r.status;
    auto text = json::canonical(r.body);
    res.set_content(text ? text.value() : "{}", "application/json");
    if (r.retry_after > 0) res.set_header("Retry-After", std::to_string(r.retry_after));
    s.log.write({now_utc(), action, r.object, r.status, r.error,
                 r.actor.empty() ? req.remote_addr : r.actor});
}

httplib::Server::Handler route(Shared& s, const char* action, Handler handler) {
    return [&s, action, handler](const httplib::Request& req, httplib::Response& res) {
        send(handler(s.ctx, req), req, res, s, action);
    };
}

// httplib's own refusals (413 too large, 404 no such route, 400 unreadable request) get the
// API's error body and a log line; replies from our handlers already have both.
httplib::Server::HandlerResponse on_error(Shared& s, const httplib::Request& req,
                                          httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const int status = res.status;
    Reply r = status == 413   ? error_reply(413, "too_large", "the body is too large")
              : status == 404 ? error_reply(404, "not_found", "no such endpoint")
              : status < 500  ? error_reply(status, "bad_request", "malformed request")
                              : error_reply(status, "internal", "internal error");
    send(r, req, res, s, "request");
    return httplib::Server::HandlerResponse::Handled;
}

void configure(httplib::SSLServer& server, Shared& s) {
    const Config& c = s.ctx.config;
    server.Post("/v1/enroll", route(s, "enroll", handle_enroll));
    server.Post("/v1/checkin", route(s, "checkin", handle_checkin));
    server.Post("/v1/audit", route(s, "audit", handle_audit));
    server.Post("/v1/submissions", route(s, "submit", handle_submit));
    server.Get(R"(/v1/submissions/([^/]+))",
               [&s](const httplib::Request& req, httplib::Response& res) {
                   send(handle_receipt(s.ctx, req, req.matches[1]), req, res, s, "receipt");
               });
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [&s](const httplib::Request& req, httplib::Response& res) {
            return on_error(s, req, res);
        }));
    server.set_exception_handler(
        [&s](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
            send(error_reply(500, "internal", "internal error"), req, res, s, "request");
        });
    // A body above the limit is refused before it is read: no 100 Continue for it.
    const auto max = std::size_t(c.max_body_bytes);
    server.set_expect_100_continue_handler(
        [max](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value<std::uint64_t>("Content-Length") <= max) return 100;
            res.status = 413;
            return 413;
        });
    server.set_payload_max_length(max);
    server.set_read_timeout(c.read_timeout_seconds);
    server.set_write_timeout(c.write_timeout_seconds);
    server.set_tcp_nodelay(true);  // no Nagle delay between the answer's header and body writes
    server.set_keep_alive_timeout(2);
    server.set_keep_alive_max_count(100);
    const int threads = c.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(std::size_t(threads)); };
}

bool setup_tls(SSL_CTX& ctx, const ReceiverKeys& keys) {
    // TLS 1.2 is the floor (NCSC ICT-beveiligingsrichtlijnen voor TLS); no compression, no
    // renegotiation.
    SSL_CTX_set_options(
        &ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    return SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION) == 1 &&
           SSL_CTX_use_certificate_chain_file(&ctx, keys.cert_file.c_str()) == 1 &&
           SSL_CTX_use_PrivateKey_file(&ctx, keys.key_file.c_str(), SSL_FILETYPE_PEM) == 1 &&
           SSL_CTX_check_private_key(&ctx) == 1;
}

Result<int> bind(httplib::SSLServer& server, const ListenAddress& at) {
    if (at.port == 0) {
        const int port = server.bind_to_any_port(at.host);
        if (port > 0) return port;
    } else if (server.bind_to_port(at.host, at.port)) {
        return at.port;
    }
    return make_error(ErrorCode::io, "cannot listen on " + at.host + ":" + std::to_string(at.port));
}

// SIGTERM and SIGINT are blocked in every thread and taken here, so a stop is never a signal
// handler running inside a request: the server finishes its requests and returns.
void wait_for_stop(httplib::SSLServer& server, const std::atomic<bool>& done) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    const timespec tick{0, 200 * 1000 * 1000};
    while (!done) {
        if (sigtimedwait(&set, nullptr, &tick) > 0) {
            server.stop();
            return;
        }
    }
}

Status run(httplib::SSLServer& server, const ListenAddress& at) {
    auto port = bind(server, at);
    if (!port) return port.error();
    std::atomic<bool> done{false};
    std::thread stopper([&] { wait_for_stop(server, done); });
    std::printf("listening on https://%s:%d\n", at.host.c_str(), port.value());
    std::fflush(stdout);
    const bool ok = server.listen_after_bind();
    done = true;
    stopper.join();
    if (!ok) return make_error(ErrorCode::io, "the server stopped with an error");
    return {};
}

void block_stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    signal(SIGPIPE, SIG_IGN);
}

}  // namespace

Status serve(const ServeOptions& o) {
    block_stop_signals();  // before any thread exists, so every thread inherits the mask
    auto config = load_config(o.dir);
    if (!config) return config.error();
    if (!o.listen.empty()) config->listen = o.listen;
    if (!o.db.empty()) config->db = o.db;
    auto at = parse_listen(config->listen);
    if (!at) return at.error();
    auto keys = load_keys(o.dir);
    if (!keys) return keys.error();
    auto store = open_store(store_config(o.dir, config.value()));
    if (!store) return store.error();
    RequestLog log;
    if (auto s = log.open(o.dir / "receiver.log"); !s) return s;
    Context ctx{config.value(),
                std::move(keys.value()),
                *store.value(),
                RateLimiter(config->rate_per_minute),
                RateLimiter(config->enroll_rate_per_minute),
                {}};
    Shared shared{ctx, log};
    httplib::SSLServer server([&ctx](SSL_CTX& ssl) { return setup_tls(ssl, ctx.keys); });
    if (!server.is_valid()) return make_error(ErrorCode::usage, "cannot load the TLS key");
    configure(server, shared);
    return run(server, at.value());
}

}  // namespace kt::receiver
