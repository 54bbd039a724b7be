#include "crypto/key_file.hpp"

#include <sodium.h>

#include <cstring>
#include <sstream>

#include "util/files.hpp"

namespace kt::crypto {

namespace {

constexpr const char* kMagic = "keukentafel-keyfile";
constexpr std::size_t kSumSize = 16;

std::string to_hex(const std::uint8_t* data, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.pop_back();
    return out;
}

template <std::size_t N>
bool from_hex(const std::string& hex, std::array<std::uint8_t, N>& out) {
    std::size_t len = 0;
    return hex.size() == N * 2 &&
           sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 &&
           len == N;
}

// Everything but the wrapped key and the checksum, in the exact form written to disk; it is
// also the associated data of the wrap, so the parameters cannot be changed unnoticed.
std::string header_text(const KeyFile& kf) {
    std::ostringstream out;
    out << kMagic << ' ' << kf.version << '\n'
        << "kdf argon2id13\n"
        << "ops " << kf.params.ops << '\n'
        << "mem " << kf.params.mem_bytes << '\n'
        << "salt " << to_hex(kf.salt.data(), kf.salt.size()) << '\n'
        << "nonce " << to_hex(kf.nonce.data(), kf.nonce.size()) << '\n';
    return out.str();
}

std::string body_text(const KeyFile& kf) {
    return header_text(kf) + "key " + to_hex(kf.wrapped_key.data(), kf.wrapped_key.size()) + '\n';
}

std::string checksum_hex(const std::string& body) {
    std::array<std::uint8_t, kSumSize> sum{};
    crypto_generichash(sum.data(), sum.size(), reinterpret_cast<const unsigned char*>(body.data()),
                       body.size(), nullptr, 0);
    return to_hex(sum.data(), sum.size());
}

Result<KeyFile> parse(const std::string& text, std::string& sum_hex) {
    std::istringstream in(text);
    std::string magic, kdf, hex, word;
    KeyFile kf;
    if (!(in >> magic >> kf.version) || magic != kMagic || kf.version != kKeyFileVersion)
        return make_error(ErrorCode::not_a_vault, "key file header not recognised");
    bool kdf_ok = false, ops = false, mem = false, salt = false, nonce = false, key = false,
         sum = false;
    while (in >> word) {
        if (word == "kdf")
            kdf_ok = (in >> kdf) && kdf == "argon2id13";
        else if (word == "ops")
            ops = static_cast<bool>(in >> kf.params.ops);
        else if (word == "mem")
            mem = static_cast<bool>(in >> kf.params.mem_bytes);
        else if (word == "salt")
            salt = (in >> hex) && from_hex(hex, kf.salt);
        else if (word == "nonce")
            nonce = (in >> hex) && from_hex(hex, kf.nonce);
        else if (word == "key")
            key = (in >> hex) && from_hex(hex, kf.wrapped_key);
        else if (word == "sum")
            sum = (in >> sum_hex) && sum_hex.size() == kSumSize * 2;
        else
            return make_error(ErrorCode::damaged_vault, "unknown key file field");
    }
    // Our header but a broken body: damage, not a foreign file.
    if (!(kdf_ok && ops && mem && salt && nonce && key && sum))
        return make_error(ErrorCode::damaged_vault, "key file incomplete");
    return kf;
}

}  // namespace

std::filesystem::path key_file_path(const std::filesystem::path& vault) {
    return vault.string() + ".key";
}

SecretBytes random_data_key() {
    SecretBytes dek(kDataKeySize);
    randombytes_buf(dek.data(), dek.size());
    return dek;
}

Result<KeyFile> wrap_data_key(const SecretBytes& dek, std::string_view passphrase,
                              const KdfParams& params) {
    if (passphrase.empty()) return make_error(ErrorCode::usage, "empty passphrase");
    if (dek.size() != kDataKeySize) return make_error(ErrorCode::usage, "data key size");
    KeyFile kf;
    kf.params = params;
    kf.salt = random_salt();
    randombytes_buf(kf.nonce.data(), kf.nonce.size());
    auto kek = derive_key(passphrase, kf.salt, params);
    if (!kek) return kek.error();
    const std::string ad = header_text(kf);
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_encrypt(
            kf.wrapped_key.data(), &len, dek.data(), dek.size(),
            reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, kf.nonce.data(),
            kek->data()) != 0 ||
        len != kWrappedKeySize)
        return make_error(ErrorCode::internal, "wrapping the data key failed");
    return kf;
}

Result<SecretBytes> unwrap_data_key(const KeyFile& kf, std::string_view passphrase) {
    auto kek = derive_key(passphrase, kf.salt, kf.params);
    if (!kek) return kek.error();
    const std::string ad = header_text(kf);
    SecretBytes dek(kDataKeySize);
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            dek.data(), &len, nullptr, kf.wrapped_key.data(), kf.wrapped_key.size(),
            reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), kf.nonce.data(),
            kek->data()) != 0 ||
        len != kDataKeySize)
        return make_error(ErrorCode::wrong_passphrase, "data key does not unwrap");
    return dek;
}

Result<KeyFile> read_key_file(const std::filesystem::path& path) {
    auto text = read_file(path);
    if (!text) {
        if (text.error().code == ErrorCode::not_found)
            return make_error(ErrorCode::not_a_vault, "key file missing");
        return text.error();
    }
    std::string sum_hex;
    auto kf = parse(text.value(), sum_hex);
    if (!kf) return kf.error();
    if (sodium_memcmp(checksum_hex(body_text(kf.value())).data(), sum_hex.data(), sum_hex.size()) !=
        0)
        return make_error(ErrorCode::damaged_vault, "key file checksum mismatch");
    return kf;
}

Status write_key_file(const std::filesystem::path& path, const KeyFile& kf) {
    const std::string body = body_text(kf);
    return write_file_atomic(path, body + "sum " + checksum_hex(body) + '\n');
}

}  // namespace kt::crypto
