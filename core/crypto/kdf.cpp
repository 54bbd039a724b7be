#include "crypto/kdf.hpp"

#include <sodium.h>

#include <cstdlib>
#include <cstring>

namespace kt::crypto {

KdfParams params_for_new_vault() {
#ifdef KT_TEST_HOOKS
    const char* fast = std::getenv("KEUKENTAFEL_TEST_FAST_KDF");
    if (fast != nullptr && std::strcmp(fast, "1") == 0) return KdfParams::test_fast();
#endif
    return KdfParams::production();
}

Salt random_salt() {
    Salt s{};
    randombytes_buf(s.data(), s.size());
    return s;
}

Result<SecretBytes> derive_key(std::string_view passphrase, const Salt& salt, const KdfParams& p) {
    if (p.ops < crypto_pwhash_OPSLIMIT_MIN || p.ops > crypto_pwhash_OPSLIMIT_MAX ||
        p.mem_bytes < crypto_pwhash_MEMLIMIT_MIN || p.mem_bytes > (4ull << 30)) {
        return make_error(ErrorCode::usage, "KDF parameters out of range");
    }
    SecretBytes key(kKeySize);
    if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt.data(),
                      p.ops, static_cast<size_t>(p.mem_bytes), crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return make_error(ErrorCode::internal, "Argon2id failed (out of memory)");
    }
    return key;
}

SecretBytes raw_keyspec(const SecretBytes& key) {
    // x ' + 64 hex + ' = 67 bytes; sodium_bin2hex needs room for its terminating NUL.
    SecretBytes spec(3 + key.size() * 2 + 1);
    char* out = spec.chars();
    out[0] = 'x';
    out[1] = '\'';
    sodium_bin2hex(out + 2, key.size() * 2 + 1, key.data(), key.size());
    out[2 + key.size() * 2] = '\'';
    out[3 + key.size() * 2] = '\0';
    return spec;
}

}  // namespace kt::crypto
