// Login (password and a TOTP or recovery code, throttled per account and per address, one
// generic message for every failure), logout and account activation.
#include <algorithm>

#include "credentials.hpp"
#include "pages.hpp"
#include "qr.hpp"
#include "totp.hpp"

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
    HttpAnswer a = page(site, v, status, "Inloggen", render(site, "login", d));
    if (fresh)
        a.headers.emplace_back("Set-Cookie", std::string(kLoginCookie) + "=" + pre +
                                                 "; Path=/; Secure; HttpOnly; SameSite=Strict");
    return a;
}

// Checks the second factor: a 6-digit TOTP code not used before, or an unused recovery code.
bool second_factor_ok(Site& site, const ConsoleAccount& a, const std::string& code,
                      std::int64_t now) {
    auto key = base32_decode(a.totp_secret);
    if (!key) return false;
    if (code.size() == 6) {
        auto step = totp_match(*key, code, totp_step(now));
        if (!step) return false;
        auto fresh = site.store.console().use_totp_step(a.name, *step);
        return fresh && fresh.value();
    }
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
        return message(site, v, 403, "Verzoek geweigerd",
                       "Dit formulier is niet geldig (beveiligingscode ontbreekt of klopt niet). "
                       "Open de inlogpagina opnieuw.",
                       "/inloggen", "Naar inloggen");
    const std::string name = field(v, "naam"), password = field(v, "wachtwoord");
    std::string code = field(v, "code");
    std::erase(code, ' ');
    const auto keys = throttle_keys(v, name);
    if (auto wait = wait_seconds(site, v, keys); wait > 0) {
        audit(site, "console_login_throttled", "", "429", v.req.remote_addr);
        return login_page(site, v, 429,
                          "Te veel mislukte pogingen. Wacht " + std::to_string(wait) +
                              " seconden en probeer het dan opnieuw.",
                          name);
    }
    if (!credentials_ok(site, v, name, password, code)) {
        for (const auto& k : keys)
            if (auto s = site.store.console().record_failure(k, v.now); !s) break;
        audit(site, "console_login_failed", "", "401", v.req.remote_addr);
        return login_page(site, v, 401,
                          "Inloggen is niet gelukt. Controleer uw naam, wachtwoord en code.", name);
    }
    for (const auto& k : keys)
        (void)site.store.console().clear_failures(k);
    const std::string id = new_token();
    if (auto s = site.store.console().create_session(token_hash("session", id), name, v.now); !s)
        return message(site, v, 500, "Storing",
                       "Inloggen lukt nu niet. Probeer het later opnieuw.");
    audit(site, "console_login", name, "ok", name);
    HttpAnswer a = redirect("/");
    a.headers.emplace_back("Set-Cookie", session_cookie(id, false));
    return a;
}

HttpAnswer logout(Site& site, Visit& v) {
    (void)site.store.console().end_session(token_hash("session", v.session_id));
    audit(site, "console_logout", v.account->name, "ok", v.account->name);
    Visit out{v.req, v.now, {}, {}, {}, {}, {}};
    HttpAnswer a =
        message(site, out, 200, "Uitgelogd", "U bent uitgelogd.", "/inloggen", "Opnieuw inloggen");
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
    return message(site, v, 404, "Activeringslink ongeldig",
                   "Deze activeringslink is onbekend, al gebruikt of verlopen (een link is 24 uur "
                   "geldig). Vraag functioneel beheer om een nieuwe link.");
}

struct FieldErrors {
    std::string password, repeat, code;
    bool any() const { return !password.empty() || !repeat.empty() || !code.empty(); }
};

HttpAnswer activation_page(Site& site, Visit& v, const std::string& token, const std::string& name,
                           const FieldErrors& e) {
    auto a = site.store.console().account(name);
    if (!a || !a->has_value()) return bad_link(site, v);
    std::string secret = a->value().totp_secret;
    if (secret.empty()) {
        secret = new_totp_secret();
        if (!site.store.console().set_pending_totp(name, secret)) return bad_link(site, v);
    }
    Data d;
    d.set("token", token);
    d.set("csrf", token_hash("activation-form", token));
    d.set("name", name);
    d.set("secret", secret);
    auto svg = qr_svg(provisioning_uri("Keukentafel", name, secret), 232,
                      "QR-code voor uw authenticator-app");
    d.set("qr", svg ? svg.value() : std::string());
    if (e.any()) d.set("errors", true);
    if (!e.password.empty()) d.set("password_error", e.password);
    if (!e.repeat.empty()) d.set("repeat_error", e.repeat);
    if (!e.code.empty()) d.set("code_error", e.code);
    return page(site, v, e.any() ? 400 : 200, "Account activeren", render(site, "activate", d));
}

FieldErrors check_activation(const Visit& v, const ConsoleAccount& a, const std::string& password,
                             const std::string& repeat, const std::string& code) {
    FieldErrors e;
    if (password.size() > kMaxPasswordBytes)
        e.password = "Het wachtwoord is te lang (hoogstens 256 tekens).";
    else if (password_score(password, {a.name, "keukentafel"}) < kMinPasswordScore)
        e.password =
            "Dit wachtwoord is te makkelijk te raden. Kies een langer wachtwoord, "
            "bijvoorbeeld een zin van vier of meer woorden.";
    if (repeat != password) e.repeat = "De twee wachtwoorden zijn niet gelijk.";
    auto key = base32_decode(a.totp_secret);
    if (!key || !totp_match(*key, code, totp_step(v.now)))
        e.code = "Deze code klopt niet. Typ de zes cijfers die uw app nu toont.";
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
        return message(site, v, 403, "Verzoek geweigerd",
                       "Dit formulier is niet geldig. Er is niets gewijzigd.");
    auto name = activation_of(site, v, token);
    if (!name) return bad_link(site, v);
    auto a = site.store.console().account(*name);
    if (!a || !a->has_value()) return bad_link(site, v);
    const std::string password = v.form.count("wachtwoord") ? v.form.at("wachtwoord") : "";
    std::string code = field(v, "code");
    std::erase(code, ' ');
    const auto e = check_activation(v, a->value(), password, field(v, "herhaling"), code);
    if (e.any()) return activation_page(site, v, token, *name, e);
    const auto hash = hash_password(password);
    const auto key = base32_decode(a->value().totp_secret);
    const auto step = totp_match(*key, code, totp_step(v.now));
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
    return page(site, v, 200, "Account geactiveerd", render(site, "activated", d));
}

}  // namespace kt::receiver::console
