// HTTPS to the municipality's receiver with libcurl, locked down: https only, no redirects,
// TLS 1.2 or newer, the enrolled certificate as the only trust anchor *and* its public-key pin,
// host name checked, no proxy from the environment, no cookies, timeouts and a cap on the
// answer's size. A failed request is a Result error with a network code (ErrorCode offline,
// timeout, tls_pin_mismatch, tls_failed, bad_response) and curl's text as detail; nothing
// personal is ever logged.
// Transport is an interface so tests can put a fake between the sender and the network.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace kt::sync {

struct HttpResponse {
    long status = 0;
    std::string body;
    std::optional<std::int64_t> retry_after;  // seconds, from a Retry-After header
};

struct TransportLimits {
    long connect_timeout_seconds = 10;
    long total_timeout_seconds = 30;
    std::size_t max_response_bytes = 1 << 20;
};

/// What the device trusts: the certificate (PEM, as the only CA) and the SPKI pin.
struct TlsTrust {
    std::string ca_pem;
    std::string pin;  // "sha256//…"
};

class Transport {
  public:
    virtual ~Transport() = default;
    /// One request. `path` starts with '/'; `headers` are "Name: value" lines. `method` is
    /// "POST" or "GET" (GET sends no body). Any HTTP status is a response; errors: offline,
    /// timeout, tls_pin_mismatch, tls_failed, bad_response (no answer, or not one we take).
    virtual Result<HttpResponse> request(std::string_view method, std::string_view path,
                                         const std::vector<std::string>& headers,
                                         std::string_view body) = 0;
};

/// The real transport to `base_url` ("https://host:port"), trusting only `trust`.
class CurlTransport final : public Transport {
  public:
    CurlTransport(std::string base_url, TlsTrust trust, TransportLimits limits = {});
    Result<HttpResponse> request(std::string_view method, std::string_view path,
                                 const std::vector<std::string>& headers,
                                 std::string_view body) override;

  private:
    std::string m_base;
    TlsTrust m_trust;
    TransportLimits m_limits;
};

/// True for "https://host[:port]" with no path, query, user info or fragment.
bool is_receiver_url(std::string_view url);

/// The leaf certificate `url` presents, as PEM, read over a connection that verifies nothing
/// (enrollment's first step: the proofs then show whether it is the municipality's). Sends no
/// request body. Errors: usage (not an https URL), the network codes of Transport::request
/// (offline, timeout, tls_failed, bad_response: no certificate seen), internal.
Result<std::string> fetch_server_certificate(std::string_view url,
                                             const TransportLimits& limits = {});

/// "sha256//<base64 of SHA-256 of the DER SubjectPublicKeyInfo>" of a PEM certificate (curl's
/// CURLOPT_PINNEDPUBLICKEY form). Errors: usage (not a PEM certificate).
Result<std::string> spki_pin(std::string_view certificate_pem);

}  // namespace kt::sync
