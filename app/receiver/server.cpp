#include "server.hpp"

#include <openssl/ssl.h>
#include <signal.h>

#include <cstdio>
#include <future>
#include <thread>

#include "console/export_jobs.hpp"
#include "console/totp_key.hpp"
#include "console/web.hpp"

#include "handlers.hpp"
#include "http_server.hpp"
#include "request_log.hpp"

namespace kt::receiver {

namespace {

// TLS 1.2 only with ECDHE and AEAD ciphers (no CBC: NCSC ICT-beveiligingsrichtlijnen voor TLS,
// "goed"); TLS 1.3 suites are all AEAD.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-CHACHA20-POLY1305";

struct Shared {
    Context& ctx;
    RequestLog& log;
};

HttpAnswer to_answer(Shared& s, const Reply& r, const char* action, const std::string& address) {
    auto text = json::canonical(r.body);
    s.log.write(
        {now_utc(), action, r.object, r.status, r.error, r.actor.empty() ? address : r.actor});
    return {r.status, text ? text.value() : "{}", r.retry_after, "application/json", {}};
}

// The endpoint of a request, or a 404 reply.
HttpAnswer route(Shared& s, const Request& req) {
    const auto& a = req.remote_addr;
    if (req.method == "POST") {
        if (req.path == "/v1/enroll") return to_answer(s, handle_enroll(s.ctx, req), "enroll", a);
        if (req.path == "/v1/checkin")
            return to_answer(s, handle_checkin(s.ctx, req), "checkin", a);
        if (req.path == "/v1/audit") return to_answer(s, handle_audit(s.ctx, req), "audit", a);
        if (req.path == "/v1/submissions")
            return to_answer(s, handle_submit(s.ctx, req), "submit", a);
    }
    constexpr std::string_view prefix = "/v1/submissions/";
    if (req.method == "GET" && req.path.size() > prefix.size() &&
        req.path.compare(0, prefix.size(), prefix) == 0 &&
        req.path.find('/', prefix.size()) == std::string::npos)
        return to_answer(s, handle_receipt(s.ctx, req, req.path.substr(prefix.size())), "receipt",
                         a);
    return to_answer(s, error_reply(404, "not_found", "no such endpoint"), "request", a);
}

Reply refusal(int status) {
    switch (status) {
        case 408:
            return error_reply(408, "timeout", "the request did not arrive in time");
        case 411:
            return error_reply(411, "length_required",
                               "send the body with Content-Length, not chunked");
        case 413:
            return error_reply(413, "too_large", "the body is too large");
        case 415:
            return error_reply(415, "unsupported_encoding", "send the body without compression");
        case 431:
            return error_reply(431, "headers_too_large", "the request head is too large");
        case 503: {
            Reply r = error_reply(503, "busy", "too many connections; try again later");
            r.retry_after = 2;
            return r;
        }
        case 500:
            return error_reply(500, "internal", "internal error");
        default:
            return error_reply(status, "bad_request", "malformed request");
    }
}

bool setup_tls(SSL_CTX& ctx, const ReceiverKeys& keys) {
    // TLS 1.2 is the floor; no compression, no renegotiation; idle connections give their
    // buffers back. Session tickets (OpenSSL's default) let a device resume without a full
    // handshake.
    SSL_CTX_set_options(
        &ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(&ctx, SSL_MODE_RELEASE_BUFFERS);
    static const unsigned char kSessionContext[] = "keukentafel-receiver";
    return SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION) == 1 &&
           SSL_CTX_set_cipher_list(&ctx, kTls12Ciphers) == 1 &&
           SSL_CTX_set_session_id_context(&ctx, kSessionContext, sizeof kSessionContext - 1) == 1 &&
           SSL_CTX_use_certificate_chain_file(&ctx, keys.cert_file.c_str()) == 1 &&
           SSL_CTX_use_PrivateKey_file(&ctx, keys.key_file.c_str(), SSL_FILETYPE_PEM) == 1 &&
           SSL_CTX_check_private_key(&ctx) == 1;
}

HttpLimits limits_of(const Config& c) {
    HttpLimits l;
    l.max_body_bytes = std::uint64_t(c.max_body_bytes);
    l.head_timeout = std::chrono::seconds(c.head_timeout_seconds);
    l.min_body_bytes_per_second = std::uint64_t(c.min_body_bytes_per_second);
    l.write_timeout = std::chrono::seconds(c.write_timeout_seconds);
    l.gate.total = c.max_connections;
    l.gate.per_address = c.max_connections_per_address;
    l.gate.body_bytes = c.max_buffered_body_bytes;
    l.workers = c.threads;
    return l;
}

// The console's own HttpServer (same TLS setup and limits, smaller bodies), served on a
// thread of its own until the same stop signal.
class ConsoleListener {
  public:
    ConsoleListener(Context& ctx, RequestLog& log)
        : m_site{ctx.config,
                 ctx.keys.tls_pin,
                 {},
                 ctx.store,
                 log,
                 {},
                 {},
                 {},
                 {},
                 // DIR, the parent of DIR/keys
                 ctx.keys.totp_key_file.parent_path().parent_path(),
                 std::make_shared<console::JobThreads>()},
          m_server(
              console_limits(ctx.config),
              [this](Request& req) { return console::handle(m_site, req); },
              [this](int status, const std::string& address) {
                  return console::refusal(m_site, status, address);
              }) {}

    ~ConsoleListener() {
        if (m_thread.joinable()) m_thread.join();
    }

    /// `device_url`: the API's address as devices should use it (shown with enrollment codes).
    Result<int> start(const ReceiverKeys& keys, const ListenAddress& at,
                      const std::string& device_url) {
        m_site.device_url = device_url;
        if (auto s = console::load_files(m_site, console::share_dir(), i18n::default_bundle_dir());
            !s)
            return s.error();
        auto totp = console::open_totp_box(keys.totp_key_file, m_site.store.console());
        if (!totp) return totp.error();
        m_site.totp = std::move(totp.value());
        if (!setup_tls(*m_server.tls(), keys))
            return make_error(ErrorCode::usage, "cannot load the TLS key");
        auto port = m_server.listen(at.host, at.port);
        if (!port) return port;
        std::promise<void> ready;
        auto started = ready.get_future();
        m_thread = std::thread([this, &ready] {
            auto s = m_server.run([&ready] { ready.set_value(); });
            if (!s) std::fprintf(stderr, "console: %s\n", s.error().detail.c_str());
        });
        started.wait();
        return port;
    }

  private:
    static HttpLimits console_limits(const Config& c) {
        HttpLimits l = limits_of(c);
        l.max_body_bytes = 64 * 1024;  // forms only; a 1 MB field is refused with 413
        l.workers = std::max(2, c.threads / 2);
        return l;
    }

    console::Site m_site;
    HttpServer m_server;
    std::thread m_thread;
};

Status run(Context& ctx, RequestLog& log, const ListenAddress& at,
           const std::optional<ListenAddress>& console_at) {
    Shared shared{ctx, log};
    HttpServer server(
        limits_of(ctx.config), [&shared](Request& req) { return route(shared, req); },
        [&shared](int status, const std::string& address) {
            return to_answer(shared, refusal(status), "request", address);
        });
    if (!setup_tls(*server.tls(), ctx.keys))
        return make_error(ErrorCode::usage, "cannot load the TLS key");
    auto port = server.listen(at.host, at.port);
    if (!port) return port.error();
    std::optional<ConsoleListener> console;
    int console_port = 0;
    if (console_at) {
        console.emplace(ctx, log);
        const std::string host =
            ctx.config.hostnames.empty() ? at.host : ctx.config.hostnames.front();
        auto p = console->start(ctx.keys, *console_at,
                                "https://" + host + ":" + std::to_string(port.value()));
        if (!p) return p.error();  // nothing of the console runs then
        console_port = p.value();
    }
    return server.run([&] {
        if (console_at)
            std::printf("console on https://%s:%d\n", console_at->host.c_str(), console_port);
        std::printf("listening on https://%s:%d\n", at.host.c_str(), port.value());
        std::fflush(stdout);
    });
}

}  // namespace

Status serve(const ServeOptions& o) {
    ::signal(SIGPIPE, SIG_IGN);
    auto config = load_config(o.dir);
    if (!config) return config.error();
    if (!o.listen.empty()) config->listen = o.listen;
    if (!o.db.empty()) config->db = o.db;
    if (!o.console.empty()) config->console = o.console;
    auto at = parse_listen(config->listen);
    if (!at) return at.error();
    std::optional<ListenAddress> console_at;
    if (!config->console.empty()) {
        auto c = parse_listen(config->console);
        if (!c) return c.error();
        console_at = c.value();
    }
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
    return run(ctx, log, at.value(), console_at);
}

}  // namespace kt::receiver
