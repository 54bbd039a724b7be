// One connection of HttpServer: TLS handshake, then requests one after the other, each head
// within head_timeout, each body capped (max_body_bytes, in every transfer form: only
// Content-Length is accepted) and read at min_body_bytes_per_second, each answered by a worker.
#include <limits>

#include "http_server_impl.hpp"

namespace kt::receiver {

namespace {

constexpr std::size_t kBufferMax = 64 * 1024;            // bytes read ahead of the parser
constexpr auto kCloseTimeout = std::chrono::seconds(2);  // TLS close, draining an unread body
constexpr std::int64_t kDrainMax = 8 << 20;  // the most of a refused body read and dropped
constexpr std::size_t kScratch = 16 * 1024;

}  // namespace

Session::Session(HttpServer::Impl& server, tcp::socket&& socket,
                 std::unique_ptr<ConnectionGate::Ticket> ticket)
    : m_server(server),
      m_stream(std::move(socket), server.tls),
      m_buffer(kBufferMax),
      m_ticket(std::move(ticket)) {
    std::lock_guard lock(m_server.sessions_mutex);
    m_server.sessions.insert(this);
}

Session::~Session() {
    release_body();
    std::lock_guard lock(m_server.sessions_mutex);
    m_server.sessions.erase(this);
}

void Session::start() {
    beast::get_lowest_layer(m_stream).expires_after(m_server.limits.head_timeout);
    m_stream.async_handshake(
        net::ssl::stream_base::server,
        [self = shared_from_this()](beast::error_code ec) { self->on_handshake(ec); });
}

void Session::stop() {
    if (m_waiting_for_head) beast::get_lowest_layer(m_stream).cancel();
}

// A failed handshake (plain HTTP, an old TLS version, garbage) is closed without an answer.
void Session::on_handshake(beast::error_code ec) {
    if (!ec) read_head();
}

void Session::read_head() {
    if (m_server.stopping) return;
    m_parser.emplace();
    m_parser->header_limit(m_server.limits.max_head_bytes);
    // An announced length over the cap is refused by refusal_of_head, which can then drain
    // the body; a parser limit would fail the head before its length can be read. (The
    // maximum, not boost::none: Beast compares the length with the optional, so none refuses
    // every body.) read_body sets the cap.
    m_parser->body_limit(std::numeric_limits<std::uint64_t>::max());
    if (m_buffer.size() == 0) m_buffer.shrink_to_fit();  // an idle connection holds no buffer
    beast::get_lowest_layer(m_stream).expires_after(m_server.limits.head_timeout);
    m_waiting_for_head = true;
    http::async_read_header(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_head(ec); });
}

void Session::on_head(beast::error_code ec) {
    m_waiting_for_head = false;
    if (ec == beast::error::timeout) {
        if (m_parser->got_some()) m_server.refuse(408, m_ticket->address());  // logged only
        return;
    }
    if (ec == http::error::end_of_stream || ec == net::error::eof ||
        ec == net::ssl::error::stream_truncated || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset)
        return;
    if (ec == http::error::header_limit) return refuse(431);
    if (ec == http::error::body_limit) return refuse(413);
    if (ec) return refuse(400);
    if (auto status = refusal_of_head()) return refuse(*status);
    const auto& head = m_parser->get();
    if (beast::iequals(head[http::field::expect], "100-continue")) {
        beast::get_lowest_layer(m_stream).expires_after(m_server.limits.write_timeout);
        http::async_write(m_stream, m_continue,
                          [self = shared_from_this()](beast::error_code e, std::size_t) {
                              if (!e) self->read_body();
                          });
        return;
    }
    read_body();
}

// The status refusing this request before its body is read, if any.
std::optional<int> Session::refusal_of_head() {
    if (m_ticket->admission() != ConnectionGate::Admission::serve) return 503;
    const auto& head = m_parser->get();
    if (head.find(http::field::transfer_encoding) != head.end()) return 411;
    const auto encoding = head[http::field::content_encoding];
    if (!encoding.empty() && !beast::iequals(encoding, "identity")) return 415;
    const auto length = m_parser->content_length();
    if (!length && head.method() != http::verb::get) return 411;
    if (length && *length > m_server.limits.max_body_bytes) return 413;
    const auto bytes = std::int64_t(length.value_or(0));
    if (bytes > 0 && !m_server.gate.reserve_body(bytes)) return 503;
    m_reserved = bytes;
    return std::nullopt;
}

void Session::read_body() {
    const auto& l = m_server.limits;
    m_parser->body_limit(l.max_body_bytes);
    const auto slack = std::chrono::seconds(m_reserved / std::int64_t(l.min_body_bytes_per_second));
    beast::get_lowest_layer(m_stream).expires_after(l.head_timeout + slack);
    http::async_read(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
}

void Session::on_body(beast::error_code ec) {
    if (ec == beast::error::timeout) {
        m_server.refuse(408, m_ticket->address());  // logged only
        return;
    }
    if (ec == http::error::body_limit) return refuse(413);
    if (ec == http::error::end_of_stream || ec == net::error::eof ||
        ec == net::ssl::error::stream_truncated || ec == net::error::connection_reset ||
        ec == net::error::operation_aborted)
        return;
    if (ec) return refuse(400);
    dispatch();
}

// The handler runs on the worker pool; its answer is written back on this strand.
void Session::dispatch() {
    auto head = m_parser->release();
    const bool keep_alive = head.keep_alive();
    Request req;
    req.method = std::string(head.method_string());
    const auto target = head.target();
    const auto question = target.find('?');
    req.path = std::string(target.substr(0, question));
    if (question != target.npos) req.query = std::string(target.substr(question + 1));
    for (const auto& field : head)
        req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    req.body = std::move(head.body());
    req.remote_addr = m_ticket->address();
    net::post(m_server.workers, [self = shared_from_this(), req = std::move(req),
                                 keep_alive]() mutable {
        HttpAnswer a;
        try {
            a = self->m_server.handle(req);
        } catch (...) {
            a = self->m_server.refuse(500, req.remote_addr);
        }
        req.body = {};
        net::post(self->m_stream.get_executor(), [self, a = std::move(a), keep_alive]() mutable {
            self->release_body();
            self->answer(std::move(a), keep_alive);
        });
    });
}

void Session::answer(HttpAnswer a, bool keep_alive) {
    m_response = {};
    m_response.version(11);
    m_response.result(unsigned(a.status));
    m_response.set(http::field::content_type, a.content_type);
    if (a.retry_after > 0) m_response.set(http::field::retry_after, std::to_string(a.retry_after));
    for (const auto& [name, value] : a.headers)
        m_response.insert(name, value);
    m_response.body() = std::move(a.body);
    m_response.keep_alive(keep_alive && !m_server.stopping);
    m_response.prepare_payload();
    beast::get_lowest_layer(m_stream).expires_after(m_server.limits.write_timeout);
    http::async_write(m_stream, m_response,
                      [self = shared_from_this(), keep = m_response.keep_alive()](
                          beast::error_code ec, std::size_t) { self->on_written(ec, keep); });
}

void Session::on_written(beast::error_code ec, bool keep_alive) {
    if (ec) return;
    if (keep_alive) return read_head();
    if (m_unread > 0) {
        beast::get_lowest_layer(m_stream).expires_after(kCloseTimeout);
        m_scratch = std::make_unique<char[]>(kScratch);
        return drain();
    }
    close();
}

// An answer before the body was read (or after a malformed request): then the connection is
// closed, as the rest of the request cannot be told from the next one. A client still sending
// an announced body (up to kDrainMax) has it read and dropped first, so it gets to read the
// answer instead of a reset.
void Session::refuse(int status) {
    release_body();
    if (m_parser && m_parser->is_header_done() && m_parser->content_length())
        m_unread = std::min<std::int64_t>(
            kDrainMax, std::int64_t(*m_parser->content_length()) - std::int64_t(m_buffer.size()));
    answer(m_server.refuse(status, m_ticket->address()), false);
}

void Session::drain() {
    m_stream.async_read_some(net::buffer(m_scratch.get(), kScratch),
                             [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                 if (ec) return;
                                 self->m_unread -= std::int64_t(n);
                                 if (self->m_unread > 0) return self->drain();
                                 self->close();
                             });
}

// Sends TLS close_notify and waits a moment for the client's (data still arriving from it is
// read and dropped), so the client reads the answer before the socket closes.
void Session::close() {
    beast::get_lowest_layer(m_stream).expires_after(kCloseTimeout);
    m_stream.async_shutdown([self = shared_from_this()](beast::error_code) {});
}

void Session::release_body() {
    if (m_reserved > 0) m_server.gate.release_body(m_reserved);
    m_reserved = 0;
}

}  // namespace kt::receiver
