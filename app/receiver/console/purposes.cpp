#include "purposes.hpp"

#include <sodium.h>

#include <cstdio>
#include <ctime>

#include "crypto/raw_key_file.hpp"
#include "receiver_store/config.hpp"

namespace kt::receiver::console {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kSecretBytes = 32;

// The associated data of a purpose's sealed secret: its name, so a row copied under another
// name does not open.
std::string sealed_as(const std::string& name) {
    return "purpose:" + name;
}

Status add(MonitoringStore& store, const fs::path& dir, const PurposeOptions& o) {
    if (!valid_purpose_name(o.name))
        return make_error(ErrorCode::usage, "a purpose name is 1-64 of a-z, 0-9 and -");
    if (o.description.empty() || o.description.size() > 500)
        return make_error(ErrorCode::usage, "a purpose needs a --description (up to 500 bytes)");
    auto box = open_purpose_box(dir, true);
    if (!box) return box.error();
    crypto::SecretBytes secret(kSecretBytes);
    randombytes_buf(secret.data(), secret.size());
    const auto sealed =
        box->seal(sealed_as(o.name),
                  std::string_view(reinterpret_cast<const char*>(secret.data()), secret.size()));
    secret.wipe();
    if (!sealed) return make_error(ErrorCode::internal, "could not seal the purpose's secret");
    if (auto s = store.add_purpose({o.name, o.description, *sealed, std::time(nullptr), {}}); !s)
        return s;
    std::printf("purpose %s added; its pseudonym secret is stored sealed and is never shown\n",
                o.name.c_str());
    return {};
}

Status list(MonitoringStore& store) {
    auto all = store.purposes();
    if (!all) return all.error();
    for (const auto& p : all.value())
        std::printf("%s\t%s\t%s\n", p.name.c_str(), p.retired_at ? "retired" : "active",
                    p.description.c_str());
    return {};
}

}  // namespace

bool valid_purpose_name(const std::string& name) {
    if (name.empty() || name.size() > 64 || name.front() == '-') return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

Result<TotpBox> open_purpose_box(const fs::path& dir, bool create) {
    const fs::path file = dir / "keys" / "purpose.key";
    auto key = crypto::read_raw_key_file(file);
    if (!key && key.error().code == ErrorCode::not_found && create) {
        key = crypto::create_raw_key_file(file);
        if (!key && key.error().code == ErrorCode::already_exists)
            key = crypto::read_raw_key_file(file);  // another receiver made it just now
    }
    if (!key) return key.error();
    return TotpBox(std::move(key.value()));
}

Result<crypto::SecretBytes> purpose_secret(const TotpBox& box, const ExportPurpose& purpose) {
    if (purpose.retired_at || purpose.secret_sealed.empty())
        return make_error(ErrorCode::invalid_state, "the purpose is retired");
    auto secret = box.open(sealed_as(purpose.name), purpose.secret_sealed);
    if (!secret || secret->size() != kSecretBytes)
        return make_error(ErrorCode::invalid_state, "the purpose's secret does not open");
    return std::move(*secret);
}

Status run_purpose(const PurposeOptions& o) {
    auto config = load_config(o.dir);
    if (!config) return config.error();
    if (!o.db.empty()) config->db = o.db;
    auto store = open_store(store_config(o.dir, config.value()));
    if (!store) return store.error();
    MonitoringStore& m = store.value()->monitoring();
    if (o.action == "add") return add(m, o.dir, o);
    if (o.action == "list") return list(m);
    if (o.action == "retire") {
        if (auto s = m.retire_purpose(o.name, std::time(nullptr)); !s) return s;
        std::printf("purpose %s retired; its secret is destroyed\n", o.name.c_str());
        return {};
    }
    return make_error(ErrorCode::usage, "unknown purpose action");
}

}  // namespace kt::receiver::console
