// Test certificates made with OpenSSL's C API (T-23, T-26, the sync tests): a test CA, and leaf
// certificates for 127.0.0.1 that are self-signed or signed by that CA, optionally expired or
// for another host name. Keys are P-256. Nothing here is for production use.
#pragma once

#include <filesystem>
#include <string>

namespace kt::test {

struct TlsIdentity {
    std::string cert_pem;
    std::string key_pem;  // PKCS#8 PEM, unencrypted
};

struct CertSpec {
    std::string host = "127.0.0.1";  // an IP address becomes an IP SAN, anything else a DNS SAN
    bool expired = false;            // valid from 2 days ago until yesterday
    const TlsIdentity* issuer = nullptr;  // signed by this CA; self-signed when null
};

/// A CA certificate (CA:TRUE, keyCertSign) with a fresh key.
TlsIdentity make_test_ca(const std::string& name = "Keukentafel test CA");
/// A server certificate with a fresh key.
TlsIdentity make_test_cert(const CertSpec& spec = {});
/// A server certificate for the key `key_pem` (PKCS#8 PEM, e.g. another identity's key_pem):
/// the same pin with another validity or host name (T-23).
TlsIdentity make_test_cert_with_key(const CertSpec& spec, const std::string& key_pem);

/// Writes `<dir>/<stem>.crt` and `<dir>/<stem>.key` (0600); returns the certificate path (the
/// key path is the same with ".key").
std::filesystem::path write_identity(const TlsIdentity& id, const std::filesystem::path& dir,
                                     const std::string& stem);

/// curl's pin form of the certificate's key: "sha256//<base64>".
std::string pin_of(const std::string& cert_pem);

}  // namespace kt::test
