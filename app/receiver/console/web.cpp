#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "credentials.hpp"
#include "pages.hpp"

namespace kt::receiver::console {

namespace fs = std::filesystem;

namespace {

using Handler = HttpAnswer (*)(Site&, Visit&);

enum class Access { anyone, signed_in, beheer, monitoring };

struct Route {
    const char* method;
    const char* path;
    Access access;
    Handler handler;
};

constexpr Route kRoutes[] = {
    {"GET", "/inloggen", Access::anyone, login_form},
    {"POST", "/inloggen", Access::anyone, login_submit},
    {"POST", "/uitloggen", Access::signed_in, logout},
    {"GET", "/activeren", Access::anyone, activation_form},
    {"POST", "/activeren", Access::anyone, activation_submit},
    {"GET", "/apparaten", Access::beheer, devices_page},
    {"GET", "/apparaten/nieuw", Access::beheer, enroll_form},
    {"POST", "/apparaten/nieuw", Access::beheer, enroll_submit},
    {"GET", "/apparaten/intrekken", Access::beheer, revoke_confirm},
    {"POST", "/apparaten/intrekken", Access::beheer, revoke_submit},
    {"GET", "/audit", Access::beheer, audit_page},
    {"GET", "/monitoring", Access::monitoring, monitoring_page},
    {"POST", "/monitoring/export", Access::monitoring, export_start},
    {"GET", "/monitoring/export", Access::monitoring, export_page},
    {"GET", "/monitoring/export/download", Access::monitoring, export_download},
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void resume_session(Site& site, Visit& v) {
    auto id = cookie(v.req, kSessionCookie);
    if (!id || !well_formed_token(*id)) return;
    auto s = site.store.console().touch_session(token_hash("session", *id), v.now, kIdleSeconds,
                                                kAbsoluteSeconds);
    if (!s || !s->has_value()) return;
    auto a = site.store.console().account(s->value().account);
    if (!a || !a->has_value()) return;
    v.account = std::move(a->value());
    v.session_id = *id;
    v.csrf = token_hash("csrf", *id);
}

bool allowed(Access access, const Visit& v) {
    switch (access) {
        case Access::anyone:
            return true;
        case Access::signed_in:
            return v.account.has_value();
        case Access::beheer:
            return v.account && v.account->role == "beheer";
        case Access::monitoring:
            return v.account && v.account->role != "beheer";
    }
    return false;
}

HttpAnswer static_file(Site& site, const std::string& name) {
    auto it = site.statics.find(name);
    if (it == site.statics.end()) return html(404, "");
    HttpAnswer a;
    a.body = it->second;
    a.content_type = "text/css; charset=utf-8";
    add_security_headers(a);
    a.headers.back().second = "public, max-age=3600";  // the same for everyone
    return a;
}

// The page itself in `lang`: a GET keeps its query (an activation token), a POST's answer
// links to the start page.
std::string language_link(const Visit& v, const std::string& lang) {
    std::string link = v.req.method == "GET" ? v.req.path : "/";
    char sep = '?';
    if (v.req.method == "GET")
        for (const auto& [name, value] : v.query) {
            if (name == "lang") continue;
            link += sep + percent_encode(name) + "=" + percent_encode(value);
            sep = '&';
        }
    return link + sep + "lang=" + lang;
}

HttpAnswer home(Site&, Visit& v) {
    if (!v.account) return redirect("/inloggen");
    return redirect(v.account->role == "beheer" ? "/apparaten" : "/monitoring");
}

HttpAnswer refused(Site& site, Visit& v, const std::string& path) {
    audit(site, "console_refused", path, "403", v.actor());
    return message(site, v, 403, "console.message.refused_title", v.tr("console.message.refused"),
                   "/", "console.link.home");
}

HttpAnswer dispatch(Site& site, Visit& v) {
    const auto& req = v.req;
    if (req.method == "GET" && req.path.rfind("/static/", 0) == 0)
        return static_file(site, req.path.substr(8));
    if (req.method == "GET" && req.path == "/") return home(site, v);
    bool path_known = false;
    for (const auto& r : kRoutes) {
        if (req.path != r.path) continue;
        path_known = true;
        if (req.method != r.method) continue;
        if (r.access != Access::anyone && !v.account) {
            if (req.method == "POST")
                return message(site, v, 401, "console.message.expired_title",
                               v.tr("console.message.expired"), "/inloggen", "console.link.login");
            return redirect("/inloggen");
        }
        if (!allowed(r.access, v)) return refused(site, v, req.path);
        if (req.method == "POST" && r.access != Access::anyone && !csrf_ok(v))
            return message(site, v, 403, "console.message.form_invalid",
                           v.tr("console.message.session_form_invalid"), "/", "console.link.home");
        return r.handler(site, v);
    }
    if (path_known)
        return message(site, v, 405, "console.message.not_allowed_title",
                       v.tr("console.message.not_allowed"), "/", "console.link.home");
    return message(site, v, 404, "console.message.not_found_title",
                   v.tr("console.message.not_found"), "/", "console.link.home");
}

}  // namespace

fs::path share_dir() {
    if (const char* env = std::getenv("KT_CONSOLE_DIR"); env && *env) return env;
    char buf[4096];
    const auto n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return "/usr/share/keukentafel/console";
    return fs::path(std::string(buf, std::size_t(n))).parent_path().parent_path() / "share" /
           "keukentafel" / "console";
}

Status load_files(Site& site, const fs::path& dir, const fs::path& bundles) {
    std::error_code ec;
    for (const auto& [sub, ext, target] : {std::tuple{"templates", ".mustache", &site.templates},
                                           std::tuple{"static", ".css", &site.statics}}) {
        for (const auto& e : fs::directory_iterator(dir / sub, ec))
            if (e.path().extension() == ext)
                (*target)[ext == std::string(".css") ? e.path().filename().string()
                                                     : e.path().stem().string()] =
                    read_text(e.path());
        if (ec) return make_error(ErrorCode::not_found, "no console files in " + dir.string());
    }
    if (!site.templates.count("layout"))
        return make_error(ErrorCode::not_found, "no console templates in " + dir.string());
    auto languages = load_languages(bundles);
    if (!languages) return languages.error();
    site.languages = std::move(languages.value());
    return {};
}

std::string render(Site& site, const Visit& v, const std::string& name, Data data) {
    kainjow::mustache::mustache tmpl(site.templates[name]);
    data.set("t", v.lang->t);
    return tmpl.render(data);
}

HttpAnswer page(Site& site, const Visit& v, int status, const std::string& title,
                const std::string& content) {
    Data d;
    d.set("title", v.words().format("console.layout.title", {{"title", title}}));
    d.set("content", content);
    d.set("lang", v.lang->cat.locale());
    const std::string other = v.lang->cat.locale() == "en" ? "nl" : "en";
    d.set("other_lang", other);
    d.set("other_href", language_link(v, other));
    if (v.account) {
        Data a;
        const auto role = v.tr("console.role." + v.account->role);
        a.set("logged_in", as_html(v.words().format("console.layout.logged_in",
                                                    {{"name", placeholder(0)}, {"role", role}}),
                                   {"<strong>" + kainjow::mustache::html_escape(v.account->name) +
                                    "</strong>"}));
        a.set("csrf", v.csrf);
        a.set("beheer", v.account->role == "beheer");
        a.set("monitoring", v.account->role != "beheer");
        d.set("account", a);
    }
    return html(status, render(site, v, "layout", d));
}

HttpAnswer message(Site& site, const Visit& v, int status, std::string_view title_key,
                   const std::string& text, const std::string& link, std::string_view link_key) {
    const std::string title = v.tr(title_key);
    Data d;
    d.set("title", title);
    d.set("text", text);
    d.set("alert", status >= 400);
    if (!link.empty()) {
        Data l;
        l.set("href", link);
        l.set("text", v.tr(link_key));
        d.set("link", l);
    }
    return page(site, v, status, title, render(site, v, "message", d));
}

void audit(Site& site, const std::string& action, const std::string& object,
           const std::string& result, const std::string& actor) {
    if (auto s = site.store.audit({std::time(nullptr), action, object, result, actor}); !s)
        std::fprintf(stderr, "console audit: %s\n", s.error().detail.c_str());
}

bool csrf_ok(const Visit& v) {
    auto it = v.form.find("csrf");
    return !v.csrf.empty() && it != v.form.end() && same_secret(it->second, v.csrf);
}

HttpAnswer handle(Site& site, const Request& req) {
    Visit v{req, std::int64_t(std::time(nullptr)), {}, {}, {}, {}, {}, nullptr};
    resume_session(site, v);
    if (req.method == "POST") v.form = parse_form(req.body);
    v.query = parse_form(req.query);
    const auto asked = v.query.find("lang");
    const std::string lang = choose_language(asked == v.query.end() ? "" : asked->second,
                                             cookie(req, kLanguageCookie).value_or(""));
    v.lang = &site.languages.at(lang);
    HttpAnswer a = dispatch(site, v);
    if (asked != v.query.end() && asked->second == lang)
        a.headers.emplace_back("Set-Cookie", language_cookie(lang));
    site.log.write({v.now, "console", req.path.substr(0, 64), a.status, "", v.actor()});
    return a;
}

HttpAnswer refusal(Site& site, int status, const std::string& address) {
    site.log.write({std::time(nullptr), "console", "", status, "refused", address});
    const Request none;
    if (site.templates.count("message") == 0 || site.languages.count("nl") == 0)
        return html(status, "");
    const Visit v{none, 0, {}, {}, {}, {}, {}, &site.languages.at("nl")};
    const std::string text =
        v.tr(status == 413 ? "console.message.too_large" : "console.message.unreadable");
    return message(site, v, status, "console.message.form_invalid", text, "/", "console.link.home");
}

}  // namespace kt::receiver::console
