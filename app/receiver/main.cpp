// keukentafel-receiver: the municipality's HTTPS endpoint for sealed assessments
// (docs/receiver-api.md) and its operator commands.
//
//   keukentafel-receiver init   --data DIR [--hostname NAME]... [--db CONNINFO]
//   keukentafel-receiver serve  --data DIR [--listen HOST:PORT] [--db CONNINFO]
//   keukentafel-receiver enroll --data DIR --device NAME --team TEAM [--db CONNINFO]
//   keukentafel-receiver revoke --data DIR --device NAME [--db CONNINFO]
//   keukentafel-receiver user add --data DIR --name N --role beheer|teamleider|beleid
//                                 [--team T]... [--db CONNINFO]
//   keukentafel-receiver user disable|enable|reset --data DIR --name N [--db CONNINFO]
//   keukentafel-receiver user list --data DIR [--db CONNINFO]
//   keukentafel-receiver purpose add NAME --description TEXT --data DIR [--db CONNINFO]
//   keukentafel-receiver purpose retire NAME --data DIR [--db CONNINFO]
//   keukentafel-receiver purpose list --data DIR [--db CONNINFO]
//
// Exit codes: 0 ok, 1 usage, 2 other error, 3 not found (no such device, not initialised),
// 4 refused to overwrite existing keys.
#include <sys/stat.h>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "admin.hpp"
#include "console/purposes.hpp"
#include "console/user_admin.hpp"
#include "crypto/secret.hpp"
#include "server.hpp"
#include "version.hpp"

namespace {

using kt::ErrorCode;

struct Args {
    std::string command;
    std::string action;  // of `user` and `purpose`
    std::string name;    // of `purpose add|retire`
    std::map<std::string, std::string> opts;
    std::vector<std::string> hostnames;  // --hostname (init) or --team (user add)
};

const char* kUsage =
    "usage: keukentafel-receiver init   --data DIR [--hostname NAME]... [--db CONNINFO]\n"
    "       keukentafel-receiver serve  --data DIR [--listen HOST:PORT] [--console HOST:PORT]\n"
    "                                   [--db CONNINFO]\n"
    "       keukentafel-receiver enroll --data DIR --device NAME --team TEAM [--db CONNINFO]\n"
    "       keukentafel-receiver revoke --data DIR --device NAME [--db CONNINFO]\n"
    "       keukentafel-receiver user add --data DIR --name N --role beheer|teamleider|beleid\n"
    "                                     [--team T]... [--db CONNINFO]\n"
    "       keukentafel-receiver user disable|enable|reset --data DIR --name N [--db CONNINFO]\n"
    "       keukentafel-receiver user list --data DIR [--db CONNINFO]\n"
    "       keukentafel-receiver purpose add NAME --description TEXT --data DIR [--db CONNINFO]\n"
    "       keukentafel-receiver purpose retire NAME --data DIR [--db CONNINFO]\n"
    "       keukentafel-receiver purpose list --data DIR [--db CONNINFO]\n"
    "CONNINFO is a PostgreSQL URI or key=value string; without it the receiver uses\n"
    "SQLCipher in DIR.\n";

bool allowed(const std::string& command, const std::string& option) {
    if (option == "data" || option == "db") return true;
    if (command == "init") return option == "hostname";
    if (command == "serve") return option == "listen" || option == "console";
    if (command == "user") return option == "name" || option == "role" || option == "team";
    if (command == "enroll") return option == "device" || option == "team";
    if (command == "revoke") return option == "device";
    if (command == "purpose") return option == "description";
    return false;
}

bool parse(int argc, char** argv, Args& out) {
    if (argc < 2) return false;
    out.command = argv[1];
    if (out.command != "init" && out.command != "serve" && out.command != "enroll" &&
        out.command != "revoke" && out.command != "user" && out.command != "purpose")
        return false;
    int first = 2;
    if (out.command == "purpose") {
        if (argc < 3) return false;
        out.action = argv[first++];
        if (out.action != "add" && out.action != "retire" && out.action != "list") return false;
        if (out.action != "list") {
            if (first >= argc) return false;
            out.name = argv[first++];
        }
    }
    if (out.command == "user") {
        if (argc < 3) return false;
        out.action = argv[first++];
        if (out.action != "add" && out.action != "disable" && out.action != "enable" &&
            out.action != "reset" && out.action != "list")
            return false;
    }
    for (int i = first; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--", 0) != 0 || i + 1 >= argc || !allowed(out.command, a.substr(2)))
            return false;
        const std::string name = a.substr(2), value = argv[++i];
        if (name == "hostname" || (name == "team" && out.command == "user"))
            out.hostnames.push_back(value);
        else if (!out.opts.emplace(name, value).second)
            return false;
    }
    if (out.command == "purpose")
        return out.opts.count("data") &&
               (out.action == "add") == (out.opts.count("description") == 1);
    if (out.command == "user")
        return out.opts.count("data") && (out.action == "list" || out.opts.count("name")) &&
               (out.action != "add" || out.opts.count("role")) &&
               (out.action == "add" || out.hostnames.empty());
    const bool needs_device = out.command == "enroll" || out.command == "revoke";
    return out.opts.count("data") && (!needs_device || out.opts.count("device")) &&
           (out.command != "enroll" || out.opts.count("team"));
}

int exit_code(ErrorCode code) {
    switch (code) {
        case ErrorCode::usage:
            return 1;
        case ErrorCode::not_found:
            return 3;
        case ErrorCode::already_exists:
            return 4;
        default:
            return 2;
    }
}

kt::Status dispatch(Args& a) {
    using namespace kt::receiver;
    const std::string& dir = a.opts["data"];
    if (a.command == "init") return run_init({dir, a.hostnames, a.opts["db"]});
    if (a.command == "serve")
        return serve({dir, a.opts["listen"], a.opts["db"], a.opts["console"]});
    if (a.command == "user")
        return console::run_user(
            {dir, a.opts["db"], a.action, a.opts["name"], a.opts["role"], a.hostnames});
    if (a.command == "purpose")
        return console::run_purpose({dir, a.opts["db"], a.action, a.name, a.opts["description"]});
    if (a.command == "enroll")
        return run_enroll({dir, a.opts["device"], a.opts["team"], a.opts["db"]});
    return run_revoke(dir, a.opts["device"], a.opts["db"]);
}

}  // namespace

int main(int argc, char** argv) {
    if (auto answered = kt::answer_version_or_help(argc, argv, "keukentafel-receiver", kUsage))
        return *answered;
    // Every file the receiver creates (store, keys, config, log) is its user's alone.
    ::umask(077);
    if (!kt::crypto::init()) return 2;
    Args args;
    if (!parse(argc, argv, args)) {
        std::fputs(kUsage, stderr);
        return 1;
    }
    const kt::Status s = dispatch(args);
    if (!s) {
        std::fprintf(stderr, "keukentafel-receiver %s: %s\n", args.command.c_str(),
                     s.error().detail.c_str());
        return exit_code(s.error().code);
    }
    return 0;
}
