#include "support/test_tls.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <stdexcept>

#include "sync/transport.hpp"

namespace kt::test {

namespace {

struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CertFree {
    void operator()(X509* x) const { X509_free(x); }
};
struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using CertPtr = std::unique_ptr<X509, CertFree>;

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("test_tls: ") + what);
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return std::string(data, std::size_t(n));
}

std::string cert_pem(X509* cert) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
    return bio_text(bio.get());
}

std::string key_pem(EVP_PKEY* key) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "PEM_write_bio_PrivateKey");
    return bio_text(bio.get());
}

CertPtr read_cert(const std::string& pem) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    CertPtr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    check(cert != nullptr, "read certificate");
    return cert;
}

KeyPtr read_key(const std::string& pem) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    check(key != nullptr, "read key");
    return key;
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    check(ext != nullptr, "extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

bool is_ip(const std::string& host) {
    return host.find_first_not_of("0123456789.") == std::string::npos;
}

TlsIdentity make(const std::string& cn, const CertSpec& spec, bool ca,
                 const std::string& reuse_key = "") {
    KeyPtr key(reuse_key.empty() ? EVP_EC_gen("P-256") : read_key(reuse_key).release());
    check(key != nullptr, "EVP_EC_gen");
    CertPtr cert(X509_new());
    X509_set_version(cert.get(), 2);
    static long serial = 1000;
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), ++serial);
    const long day = 24 * 60 * 60;
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), spec.expired ? -2 * day : -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), spec.expired ? -day : 30 * day);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    CertPtr issuer_cert;
    KeyPtr issuer_key;
    if (spec.issuer) {
        issuer_cert = read_cert(spec.issuer->cert_pem);
        issuer_key = read_key(spec.issuer->key_pem);
    }
    X509* issuer = issuer_cert ? issuer_cert.get() : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer));
    add_ext(cert.get(), issuer, NID_subject_key_identifier, "hash");
    if (ca) {
        add_ext(cert.get(), issuer, NID_basic_constraints, "critical,CA:TRUE");
        add_ext(cert.get(), issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        add_ext(cert.get(), issuer, NID_basic_constraints, "critical,CA:FALSE");
        add_ext(cert.get(), issuer, NID_subject_alt_name,
                (is_ip(spec.host) ? "IP:" : "DNS:") + spec.host);
        add_ext(cert.get(), issuer, NID_ext_key_usage, "serverAuth");
    }
    check(X509_sign(cert.get(), issuer_key ? issuer_key.get() : key.get(), EVP_sha256()) > 0,
          "X509_sign");
    return {cert_pem(cert.get()), key_pem(key.get())};
}

}  // namespace

TlsIdentity make_test_ca(const std::string& name) {
    return make(name, CertSpec{}, true);
}

TlsIdentity make_test_cert(const CertSpec& spec) {
    return make(spec.host, spec, false);
}

TlsIdentity make_test_cert_with_key(const CertSpec& spec, const std::string& key_pem) {
    return make(spec.host, spec, false, key_pem);
}

std::filesystem::path write_identity(const TlsIdentity& id, const std::filesystem::path& dir,
                                     const std::string& stem) {
    const auto cert = dir / (stem + ".crt");
    const auto key = dir / (stem + ".key");
    std::ofstream(cert, std::ios::binary) << id.cert_pem;
    {
        std::ofstream out(key, std::ios::binary);
        out << id.key_pem;
    }
    ::chmod(key.c_str(), 0600);
    return cert;
}

std::string pin_of(const std::string& cert_pem) {
    auto pin = sync::spki_pin(cert_pem);
    check(pin.ok(), "spki_pin");
    return pin.value();
}

}  // namespace kt::test
