// keukentafel-cli synth: a synthetic population into a vault (sealed through the store API) or
// straight into the receiver's store (bulk rows marked "synthetic"), for tests, benchmarks and
// demos. Every name, number and date in it is invented.
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "commands.hpp"
#include "crypto/kdf.hpp"
#include "export/synthetic_vault.hpp"
#include "store/seal.hpp"
#include "store/vault.hpp"
#include "store_target.hpp"
#include "synth_receiver.hpp"
#include "util/clock.hpp"

namespace kt::cli {

namespace fs = std::filesystem;

namespace {

bool parse_count(const Options& opts, const char* name, std::int64_t min, std::int64_t& out) {
    const auto it = opts.find(name);
    if (it == opts.end()) return true;
    const std::string& t = it->second;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), out);
    return r.ec == std::errc() && r.ptr == t.data() + t.size() && out >= min;
}

bool parse_options(const Options& opts, monitoring::SynthOptions& o) {
    std::int64_t wijken = o.wijken, measurements = o.measurements, seed = std::int64_t(o.seed);
    const bool ok = parse_count(opts, "clients", 0, o.clients) &&
                    parse_count(opts, "wijken", 1, wijken) &&
                    parse_count(opts, "measurements", 1, measurements) &&
                    parse_count(opts, "seed", 0, seed) && wijken <= 1000 && measurements <= 100;
    o.wijken = int(wijken);
    o.measurements = int(measurements);
    o.seed = std::uint64_t(seed);
    return ok;
}

// The vault at PATH, created with a fresh key when it does not exist (the KDF cost is the
// production one unless a KT_TEST_HOOKS test run asks for the fast one).
Result<store::Vault> vault_for(const std::string& path, const crypto::SecretBytes& pw) {
    std::error_code ec;
    if (!fs::exists(path, ec))
        return store::Vault::create(path, pw.text(), crypto::params_for_new_vault());
    auto dek = store::Vault::unlock_data_key(path, pw.text());
    if (!dek) return dek.error();
    return store::Vault::open_with_data_key(path, dek.value());
}

int synth_vault(const i18n::Catalog& cat, const std::string& path, const Options& opts,
                const monitoring::SynthOptions& o) {
    auto pw = read_passphrase(option(opts, "passphrase-file"));
    if (!pw) return fail_passphrase_file(cat, pw.error());
    auto vault = vault_for(path, pw.value());
    if (!vault) return report(cat, vault.error());
    auto bundle = store::locale_bundle_sha256(i18n::default_bundle_dir(), "nl");
    if (!bundle) return report(cat, bundle.error());
    auto counts = monitoring::write_synthetic_vault(vault->db(), o, bundle.value());
    if (!counts) return report(cat, counts.error());
    std::printf("%s\n", cat.format("cli.synth_done",
                                   {{"clients", counts->clients}, {"assessments", counts->seals}})
                            .c_str());
    return 0;
}

int synth_store(const i18n::Catalog& cat, const StoreTarget& target,
                const monitoring::SynthOptions& o) {
    auto store = open_receiver_store(target, true);
    if (!store) return report(cat, store.error());
    auto counts = write_synthetic_store(*store.value(), o, SystemClock().now_utc());
    if (!counts) return report(cat, counts.error());
    std::printf("%s\n", cat.format("cli.synth_done", {{"clients", counts->clients},
                                                      {"assessments", counts->assessments}})
                            .c_str());
    return 0;
}

}  // namespace

bool has_monitoring_required(const std::string& command, const Options& opts) {
    if (command == "export")
        return opts.count("from") && opts.count("purpose") && opts.count("secret-file") &&
               opts.count("out") && !opts.count("clients");
    return opts.count("out") && opts.count("clients") && opts.count("wijken") &&
           opts.count("measurements") && !opts.count("from");
}

int run_synth(const i18n::Catalog& cat, const Options& opts) {
    auto target = parse_target(option(opts, "out"));
    if (!target || (target->kind == TargetKind::vault) != (opts.count("passphrase-file") == 1))
        return fail(cat, "cli.usage", 1);
    monitoring::SynthOptions o;
    if (!parse_options(opts, o)) return fail(cat, "cli.synth_counts", 1);
    if (target->kind == TargetKind::vault) return synth_vault(cat, target->where, opts, o);
    return synth_store(cat, target.value(), o);
}

}  // namespace kt::cli
