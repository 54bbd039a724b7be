#include "sync/transport.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <array>
#include <cctype>
#include <memory>
#include <mutex>

#include "sync/box.hpp"

namespace kt::sync {

namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

struct Sink {
    std::string body;
    std::size_t cap = 0;
    bool overflow = false;
    std::optional<std::int64_t> retry_after;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    auto* sink = static_cast<Sink*>(user);
    if (sink->body.size() + size * n > sink->cap) {
        sink->overflow = true;
        return 0;  // curl stops with CURLE_WRITE_ERROR
    }
    sink->body.append(data, size * n);
    return size * n;
}

// Retry-After in delta-seconds (the receiver's form); an HTTP date is ignored (the backoff
// then applies on its own).
std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::string_view line(data, size * n);
    constexpr std::string_view name = "retry-after:";
    if (line.size() > name.size()) {
        bool match = true;
        for (std::size_t i = 0; i < name.size() && match; ++i)
            match = std::tolower(static_cast<unsigned char>(line[i])) == name[i];
        if (match) {
            std::int64_t v = 0;
            bool digits = false;
            for (char c : line.substr(name.size())) {
                if (c >= '0' && c <= '9' && v < 1000000000) {
                    v = v * 10 + (c - '0');
                    digits = true;
                } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    digits = false;
                    break;
                }
            }
            if (digits) sink->retry_after = v;
        }
    }
    return size * n;
}

// The network code of a failed transfer: rc is not CURLE_OK, or the answer overflowed the cap.
ErrorCode map_error(CURLcode rc, bool overflow) {
    if (overflow) return ErrorCode::bad_response;
    switch (rc) {
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return ErrorCode::tls_pin_mismatch;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_USE_SSL_FAILED:
            return ErrorCode::tls_failed;
        case CURLE_OPERATION_TIMEDOUT:
            return ErrorCode::timeout;
        case CURLE_WRITE_ERROR:
        case CURLE_FILESIZE_EXCEEDED:
        case CURLE_PARTIAL_FILE:
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_BAD_CONTENT_ENCODING:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_TOO_MANY_REDIRECTS:
            return ErrorCode::bad_response;
        default:
            return ErrorCode::offline;  // refused, unreachable, reset, nothing received
    }
}

// The settings every connection shares: https only, no redirects, TLS ≥ 1.2, no proxy.
void lock_down(CURL* c, const TransportLimits& limits) {
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, limits.connect_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, limits.total_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.max_response_bytes));
    curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
}

// One TLS session cache for the process's verified connections, so a device's next request
// (and its next pass, in the kiosk) resumes its session instead of a full handshake: less CPU
// for the receiver and the tablet. libcurl offers a cached session only to the same host and
// port with the same TLS settings; the pin is checked on every connection, resumed or not.
// Never used by fetch_server_certificate, which verifies nothing.
class SessionShare {
  public:
    static CURLSH* get() {
        static SessionShare share;
        return share.m_share;
    }

  private:
    SessionShare() : m_share(curl_share_init()) {
        if (!m_share) return;
        curl_share_setopt(m_share, CURLSHOPT_LOCKFUNC, lock);
        curl_share_setopt(m_share, CURLSHOPT_UNLOCKFUNC, unlock);
        curl_share_setopt(m_share, CURLSHOPT_USERDATA, this);
        curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    }
    static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
        static_cast<SessionShare*>(self)->m_locks.at(std::size_t(data)).lock();
    }
    static void unlock(CURL*, curl_lock_data data, void* self) {
        static_cast<SessionShare*>(self)->m_locks.at(std::size_t(data)).unlock();
    }

    std::array<std::mutex, CURL_LOCK_DATA_LAST> m_locks;
    CURLSH* m_share;  // lives as long as the process: a pass may run on any thread
};

struct BioDeleter {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Deleter {
    void operator()(X509* x) const { X509_free(x); }
};

}  // namespace

bool is_receiver_url(std::string_view url) {
    constexpr std::string_view scheme = "https://";
    if (url.substr(0, scheme.size()) != scheme) return false;
    const auto rest = url.substr(scheme.size());
    if (rest.empty() || rest.size() > 253) return false;
    for (char c : rest)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
              c == '[' || c == ']'))
            return false;  // no path, query, user info or fragment
    return true;
}

CurlTransport::CurlTransport(std::string base_url, TlsTrust trust, TransportLimits limits)
    : m_base(std::move(base_url)), m_trust(std::move(trust)), m_limits(limits) {
    global_init();
}

Result<HttpResponse> CurlTransport::request(std::string_view method, std::string_view path,
                                            const std::vector<std::string>& headers,
                                            std::string_view body) {
    if (!is_receiver_url(m_base) || m_trust.pin.empty() || m_trust.ca_pem.empty())
        return make_error(ErrorCode::tls_failed, "no https URL or no pinned trust");
    CurlPtr c(curl_easy_init());
    if (!c) return make_error(ErrorCode::offline, "curl_easy_init failed");
    lock_down(c.get(), m_limits);
    const std::string url = m_base + std::string(path);
    curl_easy_setopt(c.get(), CURLOPT_URL, url.c_str());
    curl_blob ca{const_cast<char*>(m_trust.ca_pem.data()), m_trust.ca_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(c.get(), CURLOPT_CAINFO_BLOB, &ca);
    curl_easy_setopt(c.get(), CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(c.get(), CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c.get(), CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c.get(), CURLOPT_PINNEDPUBLICKEY, m_trust.pin.c_str());
    if (CURLSH* share = SessionShare::get()) curl_easy_setopt(c.get(), CURLOPT_SHARE, share);
    SlistPtr list;
    auto add = [&](const std::string& h) {
        list.reset(curl_slist_append(list.release(), h.c_str()));
    };
    add("Expect:");
    for (const auto& h : headers)
        add(h);
    if (method == "POST") {
        add("Content-Type: application/json");
        curl_easy_setopt(c.get(), CURLOPT_POST, 1L);
        curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    } else {
        curl_easy_setopt(c.get(), CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, list.get());
    Sink sink;
    sink.cap = m_limits.max_response_bytes;
    curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c.get(), CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c.get(), CURLOPT_HEADERDATA, &sink);
    const CURLcode rc = curl_easy_perform(c.get());
    if (rc != CURLE_OK || sink.overflow)
        return make_error(map_error(rc, sink.overflow), curl_easy_strerror(rc));
    HttpResponse out;
    curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &out.status);
    out.body = std::move(sink.body);
    out.retry_after = sink.retry_after;
    return out;
}

Result<std::string> fetch_server_certificate(std::string_view url, const TransportLimits& limits) {
    if (!is_receiver_url(url)) return make_error(ErrorCode::usage, "not an https receiver URL");
    global_init();
    CurlPtr c(curl_easy_init());
    if (!c) return make_error(ErrorCode::internal, "curl_easy_init failed");
    lock_down(c.get(), limits);
    const std::string u(url);
    curl_easy_setopt(c.get(), CURLOPT_URL, u.c_str());
    // Trust nothing yet and send nothing: the certificate is read during the handshake.
    curl_easy_setopt(c.get(), CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c.get(), CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(c.get(), CURLOPT_CERTINFO, 1L);
    curl_easy_setopt(c.get(), CURLOPT_CONNECT_ONLY, 1L);
    const CURLcode rc = curl_easy_perform(c.get());
    if (rc != CURLE_OK) return make_error(map_error(rc, false), curl_easy_strerror(rc));
    curl_certinfo* info = nullptr;
    if (curl_easy_getinfo(c.get(), CURLINFO_CERTINFO, &info) != CURLE_OK || !info ||
        info->num_of_certs < 1)
        return make_error(ErrorCode::bad_response, "no certificate seen");
    for (curl_slist* l = info->certinfo[0]; l; l = l->next) {
        const std::string_view entry(l->data);
        if (entry.substr(0, 5) == "Cert:") return std::string(entry.substr(5));
    }
    return make_error(ErrorCode::bad_response, "no certificate in the chain info");
}

Result<std::string> spki_pin(std::string_view pem) {
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    if (!bio) return make_error(ErrorCode::internal, "BIO_new_mem_buf failed");
    std::unique_ptr<X509, X509Deleter> cert(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) return make_error(ErrorCode::usage, "not a PEM certificate");
    EVP_PKEY* key = X509_get0_pubkey(cert.get());
    if (!key) return make_error(ErrorCode::usage, "certificate without a public key");
    unsigned char* der = nullptr;
    const int len = i2d_PUBKEY(key, &der);
    if (len <= 0) return make_error(ErrorCode::usage, "public key not encodable");
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der, std::size_t(len), digest);
    OPENSSL_free(der);
    return "sha256//" +
           base64_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace kt::sync
