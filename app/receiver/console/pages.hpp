// Inside the console (web.cpp, auth_pages.cpp, device_pages.cpp): the visit being answered and
// the page helpers.
#pragma once

#include <kainjow/mustache.hpp>
#include <optional>

#include "http_util.hpp"
#include "receiver_store/console_store.hpp"
#include "web.hpp"

namespace kt::receiver::console {

using Data = kainjow::mustache::data;

inline constexpr std::string_view kSessionCookie = "__Host-kt-console";
inline constexpr std::string_view kLoginCookie = "__Host-kt-login";
inline constexpr std::int64_t kIdleSeconds = 30 * 60;
inline constexpr std::int64_t kAbsoluteSeconds = 12 * 3600;

struct Visit {
    const Request& req;
    std::int64_t now = 0;
    std::optional<ConsoleAccount> account;     // set when the session is valid
    std::string session_id;                    // the cookie's value, when valid
    std::string csrf;                          // the form token of this session
    std::map<std::string, std::string> form;   // POST body fields
    std::map<std::string, std::string> query;  // GET query fields
    const Language* lang = nullptr;            // the page's language, set before any page
    std::string actor() const { return account ? account->name : req.remote_addr; }
    /// The text of a key in the page's language.
    std::string tr(std::string_view key) const { return lang->cat.tr(key); }
    const i18n::Catalog& words() const { return lang->cat; }
};

/// The named template rendered with `data` and the page language's words as `t`.
std::string render(Site& site, const Visit& v, const std::string& name, Data data);
/// `content` inside the layout (title, menu for the account's role, logout form, language).
HttpAnswer page(Site& site, const Visit& v, int status, const std::string& title,
                const std::string& content);
/// A page with the heading of `title_key`, one message (in the page's language) and an
/// optional link with the text of `link_key`.
HttpAnswer message(Site& site, const Visit& v, int status, std::string_view title_key,
                   const std::string& text, const std::string& link = "",
                   std::string_view link_key = "");
/// Writes an audit row; a store failure goes to stderr (the answer does not change).
void audit(Site& site, const std::string& action, const std::string& object,
           const std::string& result, const std::string& actor);
/// True when the form's csrf field is this session's token.
bool csrf_ok(const Visit& v);

HttpAnswer login_form(Site& site, Visit& v);
HttpAnswer login_submit(Site& site, Visit& v);
HttpAnswer logout(Site& site, Visit& v);
HttpAnswer activation_form(Site& site, Visit& v);
HttpAnswer activation_submit(Site& site, Visit& v);

HttpAnswer devices_page(Site& site, Visit& v);
HttpAnswer enroll_form(Site& site, Visit& v);
HttpAnswer enroll_submit(Site& site, Visit& v);
HttpAnswer revoke_confirm(Site& site, Visit& v);
HttpAnswer revoke_submit(Site& site, Visit& v);
HttpAnswer audit_page(Site& site, Visit& v);
HttpAnswer monitoring_page(Site& site, Visit& v);
HttpAnswer export_start(Site& site, Visit& v);
HttpAnswer export_page(Site& site, Visit& v);
HttpAnswer export_download(Site& site, Visit& v);

}  // namespace kt::receiver::console
