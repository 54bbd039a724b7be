#include "crypto/key_file.hpp"

#include <sodium.h>

#include <cstring>
#include <sstream>

#include "util/files.hpp"

namespace kt::crypto {

namespace {

constexpr const char* kMagic = "keukentafel-keyfile";
constexpr const char* kCheckLabel = "keukentafel vault key check v1";

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

}  // namespace

std::filesystem::path key_file_path(const std::filesystem::path& vault) {
    return vault.string() + ".key";
}

std::array<std::uint8_t, kKeyCheckSize> key_check_value(const SecretBytes& key) {
    std::array<std::uint8_t, kKeyCheckSize> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(kCheckLabel),
                       std::strlen(kCheckLabel), key.data(), key.size());
    return out;
}

Result<KeyFile> read_key_file(const std::filesystem::path& path) {
    auto text = read_file(path);
    if (!text) {
        if (text.error().code == ErrorCode::not_found)
            return make_error(ErrorCode::not_a_vault, "key file missing");
        return text.error();
    }
    std::istringstream in(text.value());
    std::string magic, kdf, salt_hex, check_hex;
    KeyFile kf;
    std::string word;
    if (!(in >> magic >> kf.version) || magic != kMagic || kf.version != 1)
        return make_error(ErrorCode::not_a_vault, "key file header not recognised");
    bool have_kdf = false, have_ops = false, have_mem = false, have_salt = false,
         have_check = false;
    while (in >> word) {
        if (word == "kdf")
            have_kdf = (in >> kdf) && kdf == "argon2id13";
        else if (word == "ops")
            have_ops = static_cast<bool>(in >> kf.params.ops);
        else if (word == "mem")
            have_mem = static_cast<bool>(in >> kf.params.mem_bytes);
        else if (word == "salt")
            have_salt = (in >> salt_hex) && from_hex(salt_hex, kf.salt);
        else if (word == "check")
            have_check = (in >> check_hex) && from_hex(check_hex, kf.key_check);
        else
            return make_error(ErrorCode::not_a_vault, "unknown key file field");
    }
    if (!(have_kdf && have_ops && have_mem && have_salt && have_check))
        return make_error(ErrorCode::not_a_vault, "key file incomplete");
    return kf;
}

Status write_key_file(const std::filesystem::path& path, const KeyFile& kf) {
    std::ostringstream out;
    out << kMagic << ' ' << kf.version << '\n'
        << "kdf argon2id13\n"
        << "ops " << kf.params.ops << '\n'
        << "mem " << kf.params.mem_bytes << '\n'
        << "salt " << to_hex(kf.salt.data(), kf.salt.size()) << '\n'
        << "check " << to_hex(kf.key_check.data(), kf.key_check.size()) << '\n';
    return write_file_atomic(path, out.str());
}

}  // namespace kt::crypto
