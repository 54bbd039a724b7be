// The receiver's TLS identity: an ECDSA P-256 key and a self-signed X.509 certificate (OpenSSL
// C API), and the pin a device checks (curl's CURLOPT_PINNEDPUBLICKEY form).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crypto/secret.hpp"
#include "util/result.hpp"

namespace kt::receiver {

struct TlsIdentity {
    crypto::SecretBytes key_pem;  // PKCS#8 PEM, unencrypted (the file is 0600)
    std::string cert_pem;
};

/// True for a DNS name (letters, digits, '-', '.') or an IPv4/IPv6 literal; never ',' or ';'
/// (they would change the subjectAltName list).
bool valid_hostname(std::string_view name);

/// A new key and a certificate valid from now for `days`, subjectAltName DNS:localhost,
/// IP:127.0.0.1 and every name in `hostnames`. Errors: usage (a bad name), internal.
Result<TlsIdentity> make_tls_identity(const std::vector<std::string>& hostnames, int days);

/// "sha256//" + base64(SHA-256(DER SubjectPublicKeyInfo)) of a PEM certificate.
/// Errors: usage (not a PEM certificate).
Result<std::string> tls_pin_from_pem(std::string_view cert_pem);

}  // namespace kt::receiver
