#include "admin.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>

#include "keys.hpp"
#include "qr.hpp"
#include "receiver_store/config.hpp"
#include "receiver_store/store.hpp"
#include "sync/enrollment.hpp"

namespace kt::receiver {

namespace fs = std::filesystem;
namespace ks = kt::sync;

namespace {

constexpr std::int64_t kCodeLifetime = 24 * 3600;

Result<std::unique_ptr<Store>> open_for(const fs::path& dir, const std::string& db) {
    auto config = load_config(dir);
    if (!config) return config.error();
    if (!db.empty()) config->db = db;
    return open_store(store_config(dir, config.value()));
}

// Percent-encoding for a URI query value (RFC 3986 unreserved characters stay).
std::string uri_encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        const bool keep = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
        if (keep) {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string url_hint(const Config& c) {
    auto at = parse_listen(c.listen);
    const std::string host = !c.hostnames.empty() ? c.hostnames.front()
                             : at                 ? at->host
                                                  : "127.0.0.1";
    return "https://" + host + ":" + (at ? std::to_string(at->port) : "8443");
}

void print_enrollment(const std::string& code, const std::string& pin, const std::string& url) {
    const std::string uri = "keukentafel-enroll:v1?code=" + code + "&pin=" + uri_encode(pin) +
                            "&url=" + uri_encode(url);
    std::printf("code: %s\npin: %s\nurl: %s\nvalid for 24 hours, once.\n", code.c_str(),
                pin.c_str(), url.c_str());
    if (auto qr = qr_text(uri); qr) std::printf("\n%s", qr->c_str());
    std::printf("%s\n", uri.c_str());
}

}  // namespace

bool valid_name(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f || c == ',' || c == ';' || c == '"' || c == '\\') return false;
    return true;
}

Status run_init(const InitOptions& o) {
    Config config;
    config.hostnames = o.hostnames;
    config.db = o.db;
    if (auto s = init_data_dir(o.dir, config); !s) return s;
    auto store = open_store(store_config(o.dir, config));
    if (!store) return store.error();
    auto keys = load_keys(o.dir);
    if (!keys) return keys.error();
    std::printf("initialised %s\ntls pin: %s\nbox public key: %s\nreceipt public key: %s\n",
                o.dir.c_str(), keys->tls_pin.c_str(), keys->box.public_hex.c_str(),
                keys->receipt.public_hex.c_str());
    return {};
}

Status run_enroll(const EnrollOptions& o) {
    if (!valid_name(o.device) || !valid_name(o.team))
        return make_error(ErrorCode::usage, "names are 1-64 characters without , ; \" or \\");
    auto config = load_config(o.dir);
    if (!config) return config.error();
    auto keys = load_keys(o.dir);
    if (!keys) return keys.error();
    auto store = open_for(o.dir, o.db);
    if (!store) return store.error();
    const std::string code = ks::new_enrollment_code();
    auto canonical = ks::normalise_code(code);
    if (!canonical) return canonical.error();
    const std::int64_t now = std::time(nullptr);
    const PendingEnrollment p{o.device, o.team, ks::code_key_hex(canonical.value()), now,
                              now + kCodeLifetime};
    if (auto s = store.value()->add_enrollment(p); !s) return s;
    print_enrollment(code, keys->tls_pin, url_hint(config.value()));
    return {};
}

Status run_revoke(const fs::path& dir, const std::string& device, const std::string& db) {
    auto store = open_for(dir, db);
    if (!store) return store.error();
    auto id = store.value()->revoke_device(device, std::time(nullptr));
    if (!id) return id.error();
    if (auto s = store.value()->audit(
            {std::time(nullptr), "device_revoked", id.value(), "ok", "operator"});
        !s)
        return s;
    std::printf("revoked %s (%s)\n", device.c_str(), id->c_str());
    return {};
}

}  // namespace kt::receiver
