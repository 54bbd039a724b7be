// keukentafel-cli: vault administration with the same core calls as the kiosk.
// Links kt_core only. Never takes a passphrase on the command line.
// Exit codes: 0 ok, 1 usage, 2 other error, 3 wrong passphrase, 4 not a vault or damaged.
#include <cstdio>
#include <map>
#include <string>

#include "crypto/secret.hpp"
#include "i18n/catalog.hpp"
#include "store/demo_data.hpp"
#include "store/vault.hpp"
#include "util/clock.hpp"
#include "util/files.hpp"

namespace {

using kt::ErrorCode;

struct Args {
    std::string command;
    std::map<std::string, std::string> opts;
};

// Only these options exist; anything else (say, a passphrase on the command line, where
// it would land in the process list and shell history) is a usage error.
bool known_option(const std::string& name) {
    return name == "vault" || name == "passphrase-file" || name == "lang";
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

int exit_code_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::usage:
            return 1;
        case ErrorCode::wrong_passphrase:
            return 3;
        case ErrorCode::not_a_vault:
        case ErrorCode::damaged_vault:
            return 4;
        default:
            return 2;
    }
}

int report(const kt::i18n::Catalog& cat, const kt::Error& e) {
    std::fprintf(stderr, "%s\n", cat.tr(kt::error_message_key(e.code)).c_str());
    return exit_code_for(e.code);
}

// The passphrase is the file's first line, read into wiped memory.
kt::Result<kt::crypto::SecretBytes> read_passphrase(const std::string& path) {
    auto text = kt::read_file(path);
    if (!text) return text.error();
    std::string& t = text.value();
    const auto end = t.find_first_of("\r\n");
    auto secret = kt::crypto::SecretBytes::from(std::string_view(t).substr(0, end));
    std::fill(t.begin(), t.end(), '\0');
    if (secret.empty()) return kt::make_error(ErrorCode::usage, "empty passphrase file");
    return secret;
}

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
    std::printf("%s\n", cat.format("cli.check_ok", {{"clients", c->clients},
                                                    {"assessments", c->assessments},
                                                    {"scores", c->scores}})
                            .c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (!kt::crypto::init()) return 2;
    Args args;
    const bool parsed = parse(argc, argv, args);
    const std::string lang = args.opts.count("lang") ? args.opts["lang"] : "nl";
    auto cat = kt::i18n::Catalog::open(kt::i18n::default_bundle_dir(), lang);
    if (!cat) {
        std::fprintf(stderr,
                     "keukentafel-cli: language bundles missing or --lang unknown (nl, en)\n");
        return cat.error().code == ErrorCode::usage ? 1 : 2;
    }
    const bool known = args.command == "demo" || args.command == "check";
    if (!parsed || !known || !args.opts.count("vault") || !args.opts.count("passphrase-file")) {
        std::fprintf(stderr, "%s\n", cat->tr("cli.usage").c_str());
        return 1;
    }
    auto pw = read_passphrase(args.opts["passphrase-file"]);
    if (!pw) {
        std::fprintf(stderr, "%s\n", cat->tr("cli.passphrase_file").c_str());
        return 1;
    }
    if (args.command == "demo") return run_demo(cat.value(), args.opts["vault"], pw.value());
    return run_check(cat.value(), args.opts["vault"], pw.value());
}
