#include "user_admin.hpp"

#include <cstdio>
#include <ctime>

#include "admin.hpp"
#include "credentials.hpp"
#include "receiver_store/config.hpp"
#include "receiver_store/console_store.hpp"

namespace kt::receiver::console {

namespace {

bool valid_role(const std::string& role) {
    return role == "beheer" || role == "teamleider" || role == "beleid";
}

Status print_activation(ConsoleStore& store, const Config& config, const std::string& name) {
    const std::string token = new_token();
    const std::int64_t now = std::time(nullptr);
    if (auto s = store.add_activation(token_hash("activation", token), name, now,
                                      now + kActivationLifetime);
        !s)
        return s;
    const std::string base = console_url(config.hostnames, config.console);
    std::printf("activation link for %s (valid 24 hours, once):\n%s/activeren?token=%s\n",
                name.c_str(), base.c_str(), token.c_str());
    if (config.console.empty())
        std::printf("note: config.json has no \"console\" address yet; serve --console sets one\n");
    return {};
}

Status add(ConsoleStore& store, const Config& config, const UserOptions& o) {
    if (!valid_name(o.name)) return make_error(ErrorCode::usage, "bad account name");
    if (!valid_role(o.role))
        return make_error(ErrorCode::usage, "role must be beheer, teamleider or beleid");
    for (const auto& t : o.teams)
        if (!valid_name(t)) return make_error(ErrorCode::usage, "bad team name");
    if (o.role == "teamleider" && o.teams.empty())
        return make_error(ErrorCode::usage, "a teamleider needs at least one --team");
    ConsoleAccount a;
    a.name = o.name;
    a.role = o.role;
    a.teams = o.teams;
    a.created_at = std::time(nullptr);
    if (auto s = store.add_account(a); !s) return s;
    return print_activation(store, config, o.name);
}

Status list(ConsoleStore& store) {
    auto all = store.accounts();
    if (!all) return all.error();
    for (const auto& a : all.value()) {
        std::string teams;
        for (const auto& t : a.teams)
            teams += (teams.empty() ? "" : ",") + t;
        std::printf("%s\t%s\t%s\t%s\n", a.name.c_str(), a.role.c_str(),
                    teams.empty() ? "-" : teams.c_str(),
                    a.disabled ? "disabled"
                    : a.active ? "active"
                               : "awaiting activation");
    }
    return {};
}

}  // namespace

std::string console_url(const std::vector<std::string>& hostnames, const std::string& console) {
    auto at = parse_listen(console.empty() ? "127.0.0.1:8444" : console);
    const std::string host = !hostnames.empty() ? hostnames.front() : at ? at->host : "127.0.0.1";
    return "https://" + host + ":" + (at ? std::to_string(at->port) : "8444");
}

Status run_user(const UserOptions& o) {
    auto config = load_config(o.dir);
    if (!config) return config.error();
    if (!o.db.empty()) config->db = o.db;
    auto store = open_store(store_config(o.dir, config.value()));
    if (!store) return store.error();
    ConsoleStore& c = store.value()->console();
    if (o.action == "add") return add(c, config.value(), o);
    if (o.action == "list") return list(c);
    if (o.action == "disable" || o.action == "enable") {
        if (auto s = c.set_disabled(o.name, o.action == "disable"); !s) return s;
        std::printf("%s %sd\n", o.name.c_str(), o.action.c_str());
        return {};
    }
    if (o.action == "reset") {
        if (auto s = c.reset_account(o.name); !s) return s;
        return print_activation(c, config.value(), o.name);
    }
    return make_error(ErrorCode::usage, "unknown user action");
}

}  // namespace kt::receiver::console
