// keukentafel-cli init: an empty vault for scripted roll-outs, with the kiosk's first-run
// rules (the passphrase rule, name and team) and the same crash-safe create that never
// replaces a vault or key file.
#include <cstdio>

#include "commands.hpp"
#include "crypto/passphrase_rule.hpp"
#include "store/audit.hpp"
#include "store/vault.hpp"
#include "store/worker.hpp"
#include "util/clock.hpp"

namespace kt::cli {

int refuse_weak_passphrase(const i18n::Catalog& cat, std::string_view passphrase,
                           const std::vector<std::string>& personal) {
    const auto v = crypto::judge_passphrase(passphrase, personal);
    if (v.ok) return 0;
    std::fprintf(
        stderr, "%s\n",
        cat.format(v.reason_key, {{"min", std::int64_t(crypto::kMinPassphraseChars)}}).c_str());
    return 1;
}

int run_init(const i18n::Catalog& cat, const Options& opts, const crypto::SecretBytes& pw) {
    const store::Worker worker{option(opts, "worker-name"), option(opts, "team")};
    const bool named = opts.count("worker-name") || opts.count("team");
    if (named && !store::worker_error_key(worker).empty())
        return fail(cat, store::worker_error_key(worker).c_str(), 1);
    if (int rc = refuse_weak_passphrase(cat, pw.text(), {worker.name, worker.team}); rc != 0)
        return rc;
    const std::int64_t now = SystemClock().now_utc();
    auto fill = [&](store::Database& db) -> Status {
        if (named)
            if (auto s = store::save_worker(db, worker); !s) return s;
        return store::audit_event(db, "vault_created", "", "ok", now);
    };
    auto v = store::Vault::create(option(opts, "vault"), pw.text(), crypto::params_for_new_vault(),
                                  fill);
    if (!v) return report(cat, v.error());
    std::printf("%s\n", cat.tr("cli.init_done").c_str());
    return 0;
}

}  // namespace kt::cli
