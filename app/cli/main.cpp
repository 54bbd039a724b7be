// keukentafel-cli: vault administration with the same core calls as the kiosk.
// init makes an empty vault (the worker's name and team optional) for scripted roll-outs.
// Links kt_core, kt_report and kt_receiver_store. Never takes a passphrase on the command line.
// Exit codes: 0 ok, 1 usage (or malformed JSON for canonical-json, or a new passphrase that
// the rule in crypto/passphrase_rule.hpp refuses), 2 other error, 3 wrong passphrase, 4 not a
// vault, damaged, audit chain broken, or a broken seal (verify), 5 the
// receiver could not be reached or refused (enroll, sync).
// client-copy writes a sealed assessment's PDF for the client; --lang is then the copy's
// language (nl, en, tr, pl, ar) and the messages stay in nl unless it is en.
// enroll, sync and outbox talk to the municipality's receiver (core/sync): they print counts
// and the worker's message only, never a name or a record; sync exits 5 when a pass failed.
// export and synth read and fill the monitoring sources, including the receiver's
// store (kt_receiver_store): export prints counts only, never a pseudonym or an id.
#include <cstdio>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string>

#include "commands.hpp"
#include "crypto/secret.hpp"
#include "i18n/catalog.hpp"
#include "model/review.hpp"
#include "report/client_copy.hpp"
#include "store/demo_data.hpp"
#include "store/seal.hpp"
#include "store/vault.hpp"
#include "store/vault_admin.hpp"
#include "sync/enroll.hpp"
#include "sync/outbox.hpp"
#include "sync/sender.hpp"
#include "util/canonical_json.hpp"
#include "util/clock.hpp"
#include "util/files.hpp"
#include "version.hpp"

namespace {

using kt::ErrorCode;

struct Args {
    std::string command;
    std::map<std::string, std::string> opts;
};

// Only these options exist; anything else (say, a passphrase on the command line, where
// it would land in the process list and shell history) is a usage error.
bool known_option(const std::string& name) {
    return name == "vault" || name == "passphrase-file" || name == "lang" ||
           name == "new-passphrase-file" || name == "out" || name == "assessment" ||
           name == "url" || name == "code" || name == "from" || name == "purpose" ||
           name == "secret-file" || name == "team" || name == "wijk" || name == "period" ||
           name == "k" || name == "clients" || name == "wijken" || name == "measurements" ||
           name == "seed" || name == "worker-name";
}

bool parse(int argc, char** argv, Args& out) {
    if (argc < 2) return false;
    out.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--", 0) != 0 || i + 1 >= argc || !known_option(a.substr(2))) return false;
        out.opts[a.substr(2)] = argv[++i];
    }
    return true;
}

using kt::cli::read_passphrase;
using kt::cli::report;

int run_demo(const kt::i18n::Catalog& cat, const std::string& vault,
             const kt::crypto::SecretBytes& pw) {
    auto v = kt::store::Vault::create(vault, pw.text(), kt::crypto::params_for_new_vault());
    if (!v) return report(cat, v.error());
    auto counts = kt::store::fill_demo(v.value(), kt::SystemClock().now_utc());
    if (!counts) return report(cat, counts.error());
    std::printf(
        "%s\n",
        cat.format("cli.demo_created", {{"clients", std::int64_t(counts->clients)}}).c_str());
    return 0;
}

int run_check(const kt::i18n::Catalog& cat, const std::string& vault,
              const kt::crypto::SecretBytes& pw) {
    auto v = kt::store::Vault::open(vault, pw.text());
    if (!v) return report(cat, v.error());
    auto c = v->check();
    if (!c) return report(cat, c.error());
    if (v->audit_chain_broken()) {
        std::fprintf(
            stderr, "%s\n",
            cat.format("error.audit.chain_broken", {{"seq", v->audit_break_seq()}}).c_str());
        return 4;
    }
    std::printf("%s\n", cat.format("cli.check_ok", {{"clients", c->clients},
                                                    {"assessments", c->assessments},
                                                    {"scores", c->scores}})
                            .c_str());
    return 0;
}

int run_passwd(const kt::i18n::Catalog& cat, const std::string& vault,
               const kt::crypto::SecretBytes& old_pw, const std::string& new_file) {
    auto new_pw = read_passphrase(new_file);
    if (!new_pw) return kt::cli::fail_passphrase_file(cat, new_pw.error());
    if (int rc = kt::cli::refuse_weak_passphrase(cat, new_pw->text()); rc != 0) return rc;
    if (auto s = kt::store::change_passphrase(vault, old_pw.text(), new_pw->text()); !s)
        return report(cat, s.error());
    std::printf("%s\n", cat.tr("cli.passwd_ok").c_str());
    return 0;
}

int run_backup(const kt::i18n::Catalog& cat, const std::string& vault,
               const kt::crypto::SecretBytes& pw, const std::string& out) {
    auto dek = kt::store::Vault::unlock_data_key(vault, pw.text());
    if (!dek) return report(cat, dek.error());
    auto v = kt::store::Vault::open_with_data_key(vault, dek.value());
    if (!v) return report(cat, v.error());
    auto s = kt::store::backup_vault(v.value(), dek.value(), out, kt::SystemClock().now_utc());
    if (!s && s.error().code == ErrorCode::already_exists) {
        std::fprintf(stderr, "%s\n", cat.tr("error.backup.target_exists").c_str());
        return 2;
    }
    if (!s) return report(cat, s.error());
    std::printf("%s\n", cat.tr("cli.backup_ok").c_str());
    return 0;
}

// JSON on stdin, its RFC 8785 canonical form on stdout (exactly those bytes, no newline).
// Reads at most `limit` bytes of stdin; nullopt when there is more.
std::optional<std::string> read_stdin(std::size_t limit) {
    std::string in;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, stdin)) > 0;) {
        if (in.size() + n > limit) return std::nullopt;
        in.append(buf, n);
    }
    return in;
}

int run_canonical_json(const kt::i18n::Catalog& cat) {
    constexpr std::size_t kMaxRecordBytes = 16u << 20;  // a sealed record is a few KiB
    const auto read = read_stdin(kMaxRecordBytes);
    if (!read) {
        std::fprintf(stderr, "%s\n", cat.tr("cli.json_too_large").c_str());
        return 1;
    }
    const std::string& in = read.value();
    auto out = kt::json::canonicalize(in);
    if (!out) {
        std::fprintf(stderr, "%s\n",
                     cat.format("cli.json_malformed", {{"detail", out.error().detail}}).c_str());
        return 1;
    }
    std::fwrite(out->data(), 1, out->size(), stdout);
    return 0;
}

// Counts of intact and broken seals; the broken ones by record id (never a name).
int run_verify(const kt::i18n::Catalog& cat, const std::string& vault,
               const kt::crypto::SecretBytes& pw) {
    auto v = kt::store::Vault::open(vault, pw.text());
    if (!v) return report(cat, v.error());
    auto c = kt::store::verify_sealed(v->db());
    if (!c) return report(cat, c.error());
    for (const auto& id : c->broken_ids)
        std::fprintf(stderr, "%s\n", cat.format("cli.verify_broken", {{"record", id}}).c_str());
    std::printf("%s\n", cat.format("cli.verify_result", {{"ok", std::int64_t(c->ok)},
                                                         {"broken", std::int64_t(c->broken)}})
                            .c_str());
    return c->broken > 0 ? 4 : 0;
}

// The copy's view model from the vault (core), drawn and written by report, then the audit row.
kt::Status write_copy(kt::store::Database& db, const std::string& id, const std::string& locale,
                      const std::string& out) {
    const std::int64_t now = kt::SystemClock().now_utc();
    auto copy = kt::present::client_copy(db, id, locale, now);
    if (!copy) return copy.error();
    if (auto s = kt::report::write_client_copy(copy.value(), out, now); !s) return s;
    kt::present::note_copy_saved(db, id, now);
    return {};
}

// The client's copy (PDF) of a sealed assessment, in --lang or the language the client
// reviewed in; written only to --out, never over an existing file.
int run_client_copy(const kt::i18n::Catalog& cat, const std::string& vault,
                    const kt::crypto::SecretBytes& pw, const Args& a) {
    const std::string locale = a.opts.count("lang") ? a.opts.at("lang") : "";
    if (!locale.empty() && !kt::model::is_review_locale(locale)) {
        std::fprintf(stderr, "%s\n", cat.tr("cli.copy_lang").c_str());
        return 1;
    }
    auto v = kt::store::Vault::open(vault, pw.text());
    if (!v) return report(cat, v.error());
    auto s = write_copy(v->db(), a.opts.at("assessment"), locale, a.opts.at("out"));
    const char* key = !s && s.error().code == ErrorCode::already_exists  ? "cli.copy_exists"
                      : !s && s.error().code == ErrorCode::invalid_state ? "cli.copy_not_sealed"
                      : !s && s.error().code == ErrorCode::not_found     ? "cli.copy_not_found"
                                                                         : nullptr;
    if (key) {
        std::fprintf(stderr, "%s\n", cat.tr(key).c_str());
        return 2;
    }
    if (!s) return report(cat, s.error());
    std::printf("%s\n", cat.tr("cli.copy_ok").c_str());
    return 0;
}

// The vault opened with the passphrase: unwrap once, open with the data key (as the kiosk's
// sync worker does with its own connection).
kt::Result<kt::store::Vault> open_vault(const std::string& vault,
                                        const kt::crypto::SecretBytes& pw) {
    auto dek = kt::store::Vault::unlock_data_key(vault, pw.text());
    if (!dek) return dek.error();
    return kt::store::Vault::open_with_data_key(vault, dek.value());
}

int run_enroll(const kt::i18n::Catalog& cat, const std::string& vault,
               const kt::crypto::SecretBytes& pw, const Args& a) {
    auto v = open_vault(vault, pw);
    if (!v) return report(cat, v.error());
    const auto r = kt::sync::enroll_device(v.value(), a.opts.at("url"), a.opts.at("code"),
                                           kt::SystemClock().now_utc());
    if (!r.ok()) {
        std::fprintf(stderr, "%s\n", cat.tr(r.message_key()).c_str());
        return r.status == kt::sync::SyncStatus::invalid_input ? 1 : 5;
    }
    std::printf("%s\n",
                cat.format("cli.enroll_ok", {{"device", r.device_name}, {"team", r.team}}).c_str());
    return 0;
}

// One manual pass: counts on stdout, the worker's message on stdout (ok) or stderr (failure).
int run_sync(const kt::i18n::Catalog& cat, const std::string& vault,
             const kt::crypto::SecretBytes& pw) {
    auto v = open_vault(vault, pw);
    if (!v) return report(cat, v.error());
    kt::sync::SyncOptions options;
    options.manual = true;
    const auto r = kt::sync::sync_now(v.value(), options);
    std::printf("%s\n", cat.format("cli.sync_counts", {{"sent", std::int64_t(r.sent)},
                                                       {"pending", std::int64_t(r.pending)}})
                            .c_str());
    std::fprintf(r.ok() ? stdout : stderr, "%s\n", cat.tr(r.message_key()).c_str());
    return r.ok() ? 0 : 5;
}

int run_outbox(const kt::i18n::Catalog& cat, const std::string& vault,
               const kt::crypto::SecretBytes& pw) {
    auto v = open_vault(vault, pw);
    if (!v) return report(cat, v.error());
    auto c = kt::sync::outbox_counts(v->db());
    if (!c) return report(cat, c.error());
    std::printf("%s\n", cat.format("cli.outbox_counts", {{"pending", std::int64_t(c->pending)},
                                                         {"sent", std::int64_t(c->sent)}})
                            .c_str());
    return 0;
}

// The language of the messages: a worker language (nl, en). For client-copy --lang names the
// copy's language, which may be one only clients read; the messages are then in Dutch.
std::string message_language(const Args& a) {
    const auto it = a.opts.find("lang");
    if (it == a.opts.end()) return "nl";
    if (a.command == "client-copy" && it->second != "en") return "nl";
    return it->second;
}

// The options each command needs beyond --vault and --passphrase-file.
bool has_required(const Args& a) {
    if (a.command == "canonical-json") return !a.opts.count("vault") && !a.opts.count("out");
    if (a.command == "export" || a.command == "synth")
        return !a.opts.count("vault") && kt::cli::has_monitoring_required(a.command, a.opts);
    if (!a.opts.count("vault") || !a.opts.count("passphrase-file")) return false;
    if (a.command == "demo" || a.command == "init" || a.command == "check" ||
        a.command == "verify" || a.command == "sync" || a.command == "outbox")
        return true;
    if (a.command == "enroll") return a.opts.count("url") && a.opts.count("code");
    if (a.command == "passwd") return a.opts.count("new-passphrase-file") == 1;
    if (a.command == "backup") return a.opts.count("out") == 1;
    if (a.command == "client-copy") return a.opts.count("assessment") && a.opts.count("out");
    return false;
}

// The command line as the program's exit status.
int run(int argc, char** argv) {
    if (!kt::crypto::init()) return 2;
    Args args;
    const bool parsed = parse(argc, argv, args);
    const std::string lang = message_language(args);
    auto cat = kt::i18n::Catalog::open_worker(kt::i18n::default_bundle_dir(), lang);
    if (!cat) {
        std::fprintf(stderr,
                     "keukentafel-cli: taalbestanden ontbreken of zijn beschadigd, of --lang "
                     "onbekend (nl, en); installeer opnieuw. Language files missing or "
                     "damaged, or --lang unknown.\n");
        return cat.error().code == ErrorCode::usage ? 1 : 2;
    }
    if (parsed && args.command == "--help") {  // --help [--lang en]: the usage on stdout
        std::printf("%s\n", cat->tr("cli.usage").c_str());
        return 0;
    }
    if (!parsed || !has_required(args)) {
        std::fprintf(stderr, "%s\n", cat->tr("cli.usage").c_str());
        return 1;
    }
    if (args.command == "canonical-json") return run_canonical_json(cat.value());
    if (args.command == "export") return kt::cli::run_export(cat.value(), args.opts);
    if (args.command == "synth") return kt::cli::run_synth(cat.value(), args.opts);
    auto pw = read_passphrase(args.opts["passphrase-file"]);
    if (!pw) return kt::cli::fail_passphrase_file(cat.value(), pw.error());
    const std::string& vault = args.opts["vault"];
    if (args.command == "init") return kt::cli::run_init(cat.value(), args.opts, pw.value());
    if (args.command == "demo") {
        if (int rc = kt::cli::refuse_weak_passphrase(cat.value(), pw->text()); rc != 0) return rc;
        return run_demo(cat.value(), vault, pw.value());
    }
    if (args.command == "passwd")
        return run_passwd(cat.value(), vault, pw.value(), args.opts["new-passphrase-file"]);
    if (args.command == "backup")
        return run_backup(cat.value(), vault, pw.value(), args.opts["out"]);
    if (args.command == "verify") return run_verify(cat.value(), vault, pw.value());
    if (args.command == "client-copy") return run_client_copy(cat.value(), vault, pw.value(), args);
    if (args.command == "enroll") return run_enroll(cat.value(), vault, pw.value(), args);
    if (args.command == "sync") return run_sync(cat.value(), vault, pw.value());
    if (args.command == "outbox") return run_outbox(cat.value(), vault, pw.value());
    return run_check(cat.value(), vault, pw.value());
}

}  // namespace

int main(int argc, char** argv) {
    if (auto answered = kt::answer_version_or_help(argc, argv, "keukentafel-cli")) return *answered;
    try {
        return run(argc, argv);
    } catch (...) {
        // Out of memory or a library's own failure: said plainly, no data in the message.
        std::fputs("keukentafel-cli: interne fout. Internal error.\n", stderr);
        return 2;
    }
}
