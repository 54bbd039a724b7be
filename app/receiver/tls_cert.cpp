#include "tls_cert.hpp"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "sync/box.hpp"

namespace kt::receiver {

namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
    void operator()(T* p) const { F(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

Error ssl_error(const char* what) {
    return make_error(ErrorCode::internal, what);
}

bool is_ip_literal(std::string_view name) {
    const std::string s(name);
    ASN1_OCTET_STRING* ip = a2i_IPADDRESS(s.c_str());
    if (!ip) return false;
    ASN1_OCTET_STRING_free(ip);
    return true;
}

std::string alt_names(const std::vector<std::string>& hostnames) {
    std::string out = "DNS:localhost,IP:127.0.0.1";
    for (const auto& h : hostnames) {
        if (h == "localhost" || h == "127.0.0.1") continue;
        out += (is_ip_literal(h) ? ",IP:" : ",DNS:") + h;
    }
    return out;
}

Status add_ext(X509* cert, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    if (!ext || !X509_add_ext(cert, ext.get(), -1)) return ssl_error("certificate extension");
    return {};
}

Status set_identity(X509* cert, EVP_PKEY* key, int days) {
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1) return ssl_error("random serial");
    serial[0] &= 0x7f;  // a positive INTEGER
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool serial_ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
    BN_free(bn);
    X509_NAME* name = X509_get_subject_name(cert);
    const auto* cn = reinterpret_cast<const unsigned char*>("keukentafel-receiver");
    if (!serial_ok || !X509_set_version(cert, 2) ||
        !X509_gmtime_adj(X509_getm_notBefore(cert), -300) ||
        !X509_time_adj_ex(X509_getm_notAfter(cert), days, 0, nullptr) ||
        !X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) ||
        !X509_set_issuer_name(cert, name) || !X509_set_pubkey(cert, key))
        return ssl_error("certificate fields");
    return {};
}

Result<std::string> bio_text(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    if (n <= 0) return ssl_error("PEM output");
    return std::string(data, std::size_t(n));
}

Result<std::string> cert_pem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !PEM_write_bio_X509(bio.get(), cert)) return ssl_error("certificate PEM");
    return bio_text(bio.get());
}

Result<crypto::SecretBytes> key_pem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio || !PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr))
        return ssl_error("key PEM");
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    if (n <= 0) return ssl_error("key PEM");
    crypto::SecretBytes out(std::size_t(n) + 1);  // NUL-terminated for text()
    std::copy(data, data + n, out.chars());
    return out;
}

}  // namespace

bool valid_hostname(std::string_view name) {
    if (name.empty() || name.size() > 253) return false;
    if (is_ip_literal(name)) return true;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '.';
        if (!ok) return false;
    }
    return name.front() != '.' && name.front() != '-';
}

Result<TlsIdentity> make_tls_identity(const std::vector<std::string>& hostnames, int days) {
    for (const auto& h : hostnames)
        if (!valid_hostname(h)) return make_error(ErrorCode::usage, "bad host name: " + h);
    PkeyPtr key(EVP_EC_gen("P-256"));
    X509Ptr cert(X509_new());
    if (!key || !cert) return ssl_error("key generation");
    if (auto s = set_identity(cert.get(), key.get(), days); !s) return s.error();
    Status exts[] = {add_ext(cert.get(), NID_basic_constraints, "critical,CA:FALSE"),
                     add_ext(cert.get(), NID_key_usage, "critical,digitalSignature"),
                     add_ext(cert.get(), NID_ext_key_usage, "serverAuth"),
                     add_ext(cert.get(), NID_subject_key_identifier, "hash"),
                     add_ext(cert.get(), NID_subject_alt_name, alt_names(hostnames))};
    for (auto& s : exts)
        if (!s) return s.error();
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) return ssl_error("signing");
    auto cpem = cert_pem(cert.get());
    if (!cpem) return cpem.error();
    auto kpem = key_pem(key.get());
    if (!kpem) return kpem.error();
    return TlsIdentity{std::move(kpem.value()), std::move(cpem.value())};
}

Result<std::string> tls_pin_from_pem(std::string_view pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert) return make_error(ErrorCode::usage, "not a PEM certificate");
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(X509_get0_pubkey(cert.get()), &der);
    if (n <= 0) return make_error(ErrorCode::usage, "certificate without a public key");
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der, std::size_t(n), digest);
    OPENSSL_free(der);
    return "sha256//" + kt::sync::base64_encode(
                            std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace kt::receiver
