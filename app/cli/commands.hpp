// The monitoring commands of keukentafel-cli, each in a file of its own.
#pragma once

#include <string_view>
#include <vector>

#include "cli_common.hpp"

namespace kt::cli {

/// export --from vault:PATH|receiver:DIR|postgresql://... [--passphrase-file F (vault only)]
///   --purpose NAME --secret-file FILE --out DIR [--team T] [--wijk W]
///   [--period 2026Q1..2026Q4] [--k 5]
int run_export(const i18n::Catalog& cat, const Options& opts);

/// synth --out vault:PATH --passphrase-file F | receiver:DIR | postgresql://...
///   --clients N --wijken W --measurements M [--seed S]
int run_synth(const i18n::Catalog& cat, const Options& opts);

/// init --vault PATH --passphrase-file F [--worker-name N] [--team T]: an empty vault.
int run_init(const i18n::Catalog& cat, const Options& opts, const crypto::SecretBytes& pw);

/// 0 when `passphrase` meets the rule (crypto/passphrase_rule.hpp); else prints why and
/// returns 1. For every command that sets a passphrase (init, demo, passwd).
int refuse_weak_passphrase(const i18n::Catalog& cat, std::string_view passphrase,
                           const std::vector<std::string>& personal = {});

/// The options export and synth need; false sends the usage text.
bool has_monitoring_required(const std::string& command, const Options& opts);

}  // namespace kt::cli
