#include "keys.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "tls_cert.hpp"
#include "util/files.hpp"

namespace kt::receiver {

namespace fs = std::filesystem;
namespace ks = kt::sync;

namespace {

constexpr int kCertificateDays = 730;

Status make_private_dir(const fs::path& dir) {
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        return make_error(error_code_from_errno(errno), "cannot create " + dir.string());
    if (::chmod(dir.c_str(), 0700) != 0)
        return make_error(error_code_from_errno(errno), "cannot chmod " + dir.string());
    return {};
}

// Writes a secret through write_file_atomic (mode 0600) and wipes the temporary copy.
Status write_secret(const fs::path& path, std::string_view text) {
    std::string copy(text);
    copy += '\n';
    auto s = write_file_atomic(path, copy);
    std::fill(copy.begin(), copy.end(), '\0');
    return s;
}

// Public keys and the certificate are 0600 too: the data directory is the receiver user's
// alone, and an operator reads them as that user (or root).
Status write_public(const fs::path& path, const std::string& text) {
    return write_file_atomic(path, text);
}

Status write_keys(const fs::path& keys, const Config& config) {
    auto tls = make_tls_identity(config.hostnames, kCertificateDays);
    if (!tls) return tls.error();
    const auto box = ks::new_box_key();
    const auto receipt = crypto::new_signing_key();
    Status steps[] = {
        write_secret(keys / "box.secret", ks::box_secret_hex(box).text()),
        write_public(keys / "box.public", box.public_hex + "\n"),
        write_secret(keys / "receipt.secret", crypto::secret_hex(receipt).text()),
        write_public(keys / "receipt.public", receipt.public_hex + "\n"),
        write_secret(keys / "tls.key", tls->key_pem.text()),
        write_public(keys / "tls.crt", tls->cert_pem),
    };
    for (auto& s : steps)
        if (!s) return s;
    return {};
}

// A key file's first line, without the newline.
Result<std::string> first_line(const fs::path& path) {
    auto text = read_file(path);
    if (!text) return text.error();
    const auto end = text->find('\n');
    if (end != std::string::npos) text->resize(end);
    return std::move(text.value());
}

}  // namespace

Status init_data_dir(const fs::path& dir, const Config& config) {
    for (const auto& h : config.hostnames)
        if (!valid_hostname(h)) return make_error(ErrorCode::usage, "bad host name: " + h);
    std::error_code ec;
    if (fs::exists(dir / "keys", ec))
        return make_error(ErrorCode::already_exists, dir.string() + " already has keys");
    if (dir.has_parent_path()) fs::create_directories(dir.parent_path(), ec);
    if (auto s = make_private_dir(dir); !s) return s;
    if (auto s = make_private_dir(dir / "keys"); !s) return s;
    if (auto s = write_keys(dir / "keys", config); !s) return s;
    return save_config(dir, config);
}

Result<ReceiverKeys> load_keys(const fs::path& dir) {
    const fs::path keys = dir / "keys";
    auto box_hex = first_line(keys / "box.secret");
    if (!box_hex) return box_hex.error();
    auto box = ks::box_key_from_hex(box_hex.value());
    std::fill(box_hex->begin(), box_hex->end(), '\0');
    if (!box) return box.error();
    auto receipt_hex = first_line(keys / "receipt.secret");
    if (!receipt_hex) return receipt_hex.error();
    auto receipt = crypto::signing_key_from_hex(receipt_hex.value());
    std::fill(receipt_hex->begin(), receipt_hex->end(), '\0');
    if (!receipt) return receipt.error();
    auto cert = read_file(keys / "tls.crt");
    if (!cert) return cert.error();
    auto pin = tls_pin_from_pem(cert.value());
    if (!pin) return pin.error();
    return ReceiverKeys{std::move(box.value()), std::move(receipt.value()), std::move(cert.value()),
                        std::move(pin.value()), keys / "tls.crt",           keys / "tls.key"};
}

}  // namespace kt::receiver
