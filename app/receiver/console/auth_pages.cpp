// Login (password and a TOTP or recovery code, throttled per account and per address, one
// generic message for every failure), logout and account activation.
#include <sodium.h>

#include <algorithm>

#include "credentials.hpp"
#include "pages.hpp"
#include "qr.hpp"
#include "totp.hpp"
#include "totp_box.hpp"

namespace kt::receiver::console {

namespace {

constexpr int kFreeFailures = 5;
constexpr std::int64_t kFirstDelay = 30;
constexpr std::int64_t kMaxDelay = 900;
constexpr std::size_t kMaxField = 256;

std::string field(const Visit& v, const char* name) {
    auto it = v.form.find(name);
    if (it == v.form.end() || it->second.size() > kMaxField) return "";
    return it->second;
}

std::string session_cookie(const std::string& value, bool expire) {
    return std::string(kSessionCookie) + "=" + value +
           "; Path=/; Secure; HttpOnly; SameSite=Strict" + (expire ? "; Max-Age=0" : "");
}

// The throttling keys: the account name only hashed (a password typed into the name field
// must not be stored), and the client address.
std::vector<std::string> throttle_keys(const Visit& v, const std::string& name) {
    return {"account:" + token_hash("throttle", name), "address:" + v.req.remote_addr};
}

// Seconds still to wait before another attempt: none for the first kFreeFailures failures,
// then kFirstDelay doubling per failure up to kMaxDelay, counted from the last failure.
std::int64_t wait_seconds(Site& site, const Visit& v, const std::vector<std::string>& keys) {
    std::int64_t wait = 0;
    for (const auto& k : keys) {
        auto t = site.store.console().throttle(k);
        if (!t || t->failures < kFreeFailures) continue;
        const auto shift = std::min<std::int64_t>(t->failures - kFreeFailures, 10);
        const auto delay = std::min(kMaxDelay, kFirstDelay << shift);
        wait = std::max(wait, t->last_failure + delay - v.now);
    }
    return wait;
}

HttpAnswer login_page(Site& site, Visit& v, int status, const std::string& error,
                      const std::string& name) {
    std::string pre = cookie(v.req, kLoginCookie).value_or("");
    const bool fresh = !well_formed_token(pre);
    if (fresh) pre = new_token();
    Data d;
    d.set("csrf", token_hash("login", pre));
    d.set("name", name);
    if (!error.empty()) d.set("error", error);
    HttpAnswer a =
        page(site, v, status, v.tr("console.login.heading"), render(site, v, "login", d));
    if (fresh)
        a.headers.emplace_back("Set-Cookie", std::string(kLoginCookie) + "=" + pre +
                                                 "; Path=/; Secure; HttpOnly; SameSite=Strict");
    return a;
}

// Checks the second factor: a 6-digit TOTP code not used before, or an unused recovery code.
// A secret that does not open (the wrong key file, a row copied from another account) lets
// neither through.
bool second_factor_ok(Site& site, const ConsoleAccount& a, const std::string& code,
                      std::int64_t now) {
    if (code.size() == 6) {
        auto step = match_sealed_totp(site.totp, a.name, a.totp_sealed, code, totp_step(now));
        if (!step) return false;
        auto fresh = site.store.console().use_totp_step(a.name, *step);
        return fresh && fresh.value();
    }
    if (!site.totp.open(a.name, a.totp_sealed)) return false;
    auto used = site.store.console().use_recovery_code(a.name, recovery_hash(code));
    return used && used.value();
}

bool credentials_ok(Site& site, const Visit& v, const std::string& name,
                    const std::string& password, const std::string& code) {
    auto a = site.store.console().account(name);
    const bool usable = a && a->has_value() && a->value().active && !a->value().disabled;
    // An unknown account still costs one password verification (equal timing).
    const bool password_ok = verify_password(usable ? a->value().password_hash : "", password);
    return usable && password_ok && second_factor_ok(site, a->value(), code, v.now);
}

}  // namespace

HttpAnswer login_form(Site& site, Visit& v) {
    if (v.account) return redirect("/");
    return login_page(site, v, 200, "", "");
}

HttpAnswer login_submit(Site& site, Visit& v) {
    const auto pre = cookie(v.req, kLoginCookie);
    if (!pre || !well_formed_token(*pre) ||
        !same_secret(field(v, "csrf"), token_hash("login", *pre)))
        return message(site, v, 403, "console.message.form_invalid",
                       v.tr("console.message.login_form_invalid"), "/inloggen",
                       "console.link.login");
    const std::string name = field(v, "naam"), password = field(v, "wachtwoord");
    std::string code = field(v, "code");
    std::erase(code, ' ');
    const auto keys = throttle_keys(v, name);
    if (auto wait = wait_seconds(site, v, keys); wait > 0) {
        audit(site, "console_login_throttled", "", "429", v.req.remote_addr);
        return login_page(site, v, 429, v.words().format("console.login.wait", {{"seconds", wait}}),
                          name);
    }
    if (!credentials_ok(site, v, name, password, code)) {
        for (const auto& k : keys)
            if (auto s = site.store.console().record_failure(k, v.now); !s) break;
        audit(site, "console_login_failed", "", "401", v.req.remote_addr);
        return login_page(site, v, 401, v.tr("console.login.failed"), name);
    }
    for (const auto& k : keys)
        (void)site.store.console().clear_failures(k);
    const std::string id = new_token();
    if (auto s = site.store.console().create_session(token_hash("session", id), name, v.now); !s)
        return message(site, v, 500, "console.message.failure",
                       v.tr("console.message.login_failure"));
    audit(site, "console_login", name, "ok", name);
    HttpAnswer a = redirect("/");
    a.headers.emplace_back("Set-Cookie", session_cookie(id, false));
    return a;
}

HttpAnswer logout(Site& site, Visit& v) {
    (void)site.store.console().end_session(token_hash("session", v.session_id));
    audit(site, "console_logout", v.account->name, "ok", v.account->name);
    const Visit out{v.req, v.now, {}, {}, {}, {}, {}, v.lang};
    HttpAnswer a =
        message(site, out, 200, "console.message.logged_out_title",
                v.tr("console.message.logged_out"), "/inloggen", "console.link.login_again");
    a.headers.emplace_back("Set-Cookie", session_cookie("", true));
    return a;
}

namespace {

// The account an activation token (from the query or the form) opens, or nullopt.
std::optional<std::string> activation_of(Site& site, const Visit& v, const std::string& token) {
    if (!well_formed_token(token)) return std::nullopt;
    auto who = site.store.console().activation_account(token_hash("activation", token), v.now);
    if (!who || !who->has_value()) return std::nullopt;
    return who->value();
}

HttpAnswer bad_link(Site& site, const Visit& v) {
    return message(site, v, 404, "console.message.bad_link_title",
                   v.tr("console.message.bad_link"));
}

struct FieldErrors {
    std::string password, repeat, code;
    bool any() const { return !password.empty() || !repeat.empty() || !code.empty(); }
};

// The account's pending TOTP secret: a new one, sealed and stored, when activation begins.
std::optional<crypto::SecretBytes> pending_secret(Site& site, const ConsoleAccount& a) {
    if (!a.totp_sealed.empty()) return site.totp.open(a.name, a.totp_sealed);
    std::string secret = new_totp_secret();
    const auto sealed = site.totp.seal(a.name, secret);
    auto out = crypto::SecretBytes::from(secret);
    sodium_memzero(secret.data(), secret.size());
    if (!sealed || !site.store.console().set_pending_totp(a.name, *sealed)) return std::nullopt;
    return out;
}

HttpAnswer activation_page(Site& site, Visit& v, const std::string& token, const std::string& name,
                           const FieldErrors& e) {
    auto a = site.store.console().account(name);
    if (!a || !a->has_value()) return bad_link(site, v);
    const auto secret = pending_secret(site, a->value());
    if (!secret)
        return message(site, v, 500, "console.message.failure",
                       v.tr("console.message.totp_unreadable"));
    Data d;
    d.set("token", token);
    d.set("csrf", token_hash("activation-form", token));
    d.set("welcome",
          as_html(v.words().format("console.activate.welcome", {{"name", placeholder(0)}}),
                  {"<strong>" + kainjow::mustache::html_escape(name) + "</strong>"}));
    d.set("secret", std::string(secret->text()));
    auto svg = qr_svg(provisioning_uri("Keukentafel", name, std::string(secret->text())), 232,
                      v.tr("console.activate.qr_label"));
    d.set("qr", svg ? svg.value() : std::string());
    if (e.any()) d.set("errors", true);
    if (!e.password.empty()) d.set("password_error", e.password);
    if (!e.repeat.empty()) d.set("repeat_error", e.repeat);
    if (!e.code.empty()) d.set("code_error", e.code);
    return page(site, v, e.any() ? 400 : 200, v.tr("console.activate.heading"),
                render(site, v, "activate", d));
}

FieldErrors check_activation(const Site& site, const Visit& v, const ConsoleAccount& a,
                             const std::string& password, const std::string& repeat,
                             const std::string& code) {
    FieldErrors e;
    if (password.size() > kMaxPasswordBytes)
        e.password = v.tr("console.activate.password_long");
    else if (password_score(password, {a.name, "keukentafel"}) < kMinPasswordScore)
        e.password = v.tr("console.activate.password_weak");
    if (repeat != password) e.repeat = v.tr("console.activate.repeat_differs");
    if (!match_sealed_totp(site.totp, a.name, a.totp_sealed, code, totp_step(v.now)))
        e.code = v.tr("console.activate.code_wrong");
    return e;
}

}  // namespace

HttpAnswer activation_form(Site& site, Visit& v) {
    const auto token = v.query.count("token") ? v.query.at("token") : "";
    auto name = activation_of(site, v, token);
    if (!name) return bad_link(site, v);
    return activation_page(site, v, token, *name, {});
}

HttpAnswer activation_submit(Site& site, Visit& v) {
    const std::string token = field(v, "token");
    if (!same_secret(field(v, "csrf"), token_hash("activation-form", token)))
        return message(site, v, 403, "console.message.form_invalid",
                       v.tr("console.message.activation_form_invalid"));
    auto name = activation_of(site, v, token);
    if (!name) return bad_link(site, v);
    auto a = site.store.console().account(*name);
    if (!a || !a->has_value()) return bad_link(site, v);
    const std::string password = v.form.count("wachtwoord") ? v.form.at("wachtwoord") : "";
    std::string code = field(v, "code");
    std::erase(code, ' ');
    const auto e = check_activation(site, v, a->value(), password, field(v, "herhaling"), code);
    if (e.any()) return activation_page(site, v, token, *name, e);
    const auto hash = hash_password(password);
    const auto step =
        match_sealed_totp(site.totp, *name, a->value().totp_sealed, code, totp_step(v.now));
    if (!step) return bad_link(site, v);
    const auto codes = new_recovery_codes();
    std::vector<std::string> hashes;
    hashes.reserve(codes.size());
    for (const auto& c : codes)
        hashes.push_back(recovery_hash(c));
    auto done = hash ? site.store.console().complete_activation(token_hash("activation", token),
                                                                *hash, *step, hashes, v.now)
                     : Result<bool>(false);
    if (!done || !done.value()) return bad_link(site, v);
    audit(site, "console_activated", *name, "ok", *name);
    Data d;
    Data list{Data::type::list};
    for (const auto& c : codes)
        list.push_back(Data(c));
    d.set("codes", list);
    return page(site, v, 200, v.tr("console.activated.heading"), render(site, v, "activated", d));
}

}  // namespace kt::receiver::console
