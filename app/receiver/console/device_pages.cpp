// The beheer pages: devices (sortable, filtered on team), enrolling a new device (the one-time
// code and its QR on screen, never logged), revoking with a confirmation naming the device, and
// the audit log with filters.
#include <algorithm>
#include <set>

#include "admin.hpp"
#include "pages.hpp"
#include "qr.hpp"
#include "sync/enrollment.hpp"

namespace kt::receiver::console {

namespace {

constexpr std::int64_t kCodeLifetime = 24 * 3600;

std::string q(const Visit& v, const char* name) {
    auto it = v.query.find(name);
    return it == v.query.end() || it->second.size() > 128 ? "" : it->second;
}

std::string f(const Visit& v, const char* name) {
    auto it = v.form.find(name);
    return it == v.form.end() || it->second.size() > 128 ? "" : it->second;
}

bool sort_before(const DeviceOverview& a, const DeviceOverview& b, const std::string& key) {
    if (key == "naam") return a.device.name < b.device.name;
    if (key == "team") return a.device.team < b.device.team;
    if (key == "checkin") return a.last_checkin.value_or(0) > b.last_checkin.value_or(0);
    if (key == "wachtend") return a.outbox.value_or(-1) > b.outbox.value_or(-1);
    return a.device.enrolled_at > b.device.enrolled_at;
}

Data device_row(const Visit& v, const DeviceOverview& d) {
    Data r;
    r.set("id", d.device.id);
    r.set("name", d.device.name);
    r.set("team", d.device.team);
    r.set("enrolled", format_time(d.device.enrolled_at));
    r.set("checkin", d.last_checkin ? format_time(*d.last_checkin) : v.tr("console.devices.never"));
    r.set("outbox", d.outbox ? std::to_string(*d.outbox) : "–");
    r.set("version", d.app_version.empty() ? "–" : d.app_version);
    r.set("revoked", d.device.revoked);
    if (d.device.revoked)
        r.set("revoked_text",
              v.words().format("console.devices.revoked",
                               {{"time", format_time(d.device.revoked_at.value_or(0))}}));
    r.set("revocable", !d.device.revoked);
    return r;
}

Data options(const std::vector<std::pair<std::string, std::string>>& items,
             const std::string& selected) {
    Data list{Data::type::list};
    for (const auto& [value, label] : items) {
        Data o;
        o.set("value", value);
        o.set("label", label);
        o.set("selected", value == selected);
        list.push_back(o);
    }
    return list;
}

HttpAnswer enroll_page(Site& site, Visit& v, const std::string& name, const std::string& team,
                       const std::string& error) {
    Data d;
    d.set("csrf", v.csrf);
    d.set("name", name);
    d.set("team", team);
    if (!error.empty()) d.set("error", error);
    return page(site, v, error.empty() ? 200 : 400, v.tr("console.enroll.heading"),
                render(site, v, "enroll", d));
}

// The audit kinds the filter offers (every action has its label in console.audit.action).
constexpr const char* kFilteredActions[] = {
    "device_enrolled",      "enrollment_created", "enrollment_refused", "device_revoked",
    "device_wiped",         "payload_mismatch",   "vault_rolled_back",  "console_login",
    "console_login_failed", "console_refused"};

// An action's label in the page's language; an action without one as it is stored.
std::string action_label(const Visit& v, const std::string& action) {
    const std::string key = "console.audit.action." + action;
    return v.words().has(key) ? v.tr(key) : action;
}

Data audit_rows(const Visit& v, const std::vector<AuditEntry>& entries,
                const std::vector<DeviceOverview>& devices) {
    std::map<std::string, std::string> names;
    for (const auto& d : devices)
        names[d.device.id] = d.device.name;
    Data list{Data::type::list};
    for (const auto& e : entries) {
        Data r;
        r.set("time", format_time(e.time));
        r.set("action", action_label(v, e.action));
        r.set("object", names.count(e.object) ? names[e.object] + " (" + e.object + ")" : e.object);
        r.set("result", e.result);
        r.set("actor", names.count(e.actor) ? names[e.actor] : e.actor);
        list.push_back(r);
    }
    return list;
}

}  // namespace

HttpAnswer devices_page(Site& site, Visit& v) {
    auto all = site.store.console().devices();
    if (!all)
        return message(site, v, 500, "console.message.failure",
                       v.tr("console.message.devices_failure"));
    const std::string team = q(v, "team"), sort = q(v, "sorteer");
    std::set<std::string> teams;
    std::vector<DeviceOverview> shown;
    for (auto& d : all.value()) {
        teams.insert(d.device.team);
        if (team.empty() || d.device.team == team) shown.push_back(std::move(d));
    }
    std::stable_sort(shown.begin(), shown.end(),
                     [&](const auto& a, const auto& b) { return sort_before(a, b, sort); });
    Data rows{Data::type::list};
    for (const auto& d : shown)
        rows.push_back(device_row(v, d));
    std::vector<std::pair<std::string, std::string>> team_items{
        {"", v.tr("console.devices.all_teams")}};
    for (const auto& t : teams)
        team_items.emplace_back(t, t);
    std::vector<std::pair<std::string, std::string>> sort_items{
        {"", v.tr("console.devices.sort_enrolled")},
        {"naam", v.tr("console.devices.sort_name")},
        {"team", v.tr("console.devices.sort_team")},
        {"checkin", v.tr("console.devices.sort_checkin")},
        {"wachtend", v.tr("console.devices.sort_waiting")}};
    Data d;
    d.set("rows", rows);
    d.set("empty", shown.empty());
    d.set("count",
          v.words().format("console.devices.count", {{"count", std::int64_t(shown.size())}}));
    d.set("teams", options(team_items, team));
    d.set("sorts", options(sort_items, sort));
    return page(site, v, 200, v.tr("console.devices.heading"), render(site, v, "devices", d));
}

HttpAnswer enroll_form(Site& site, Visit& v) {
    return enroll_page(site, v, "", "", "");
}

HttpAnswer enroll_submit(Site& site, Visit& v) {
    const std::string name = f(v, "naam"), team = f(v, "team");
    if (!valid_name(name) || !valid_name(team))
        return enroll_page(site, v, name, team, v.tr("console.enroll.invalid"));
    const std::string code = kt::sync::new_enrollment_code();
    auto canonical = kt::sync::normalise_code(code);
    if (!canonical)
        return message(site, v, 500, "console.message.failure", v.tr("console.message.try_again"));
    const PendingEnrollment p{name, team, kt::sync::code_key_hex(canonical.value()), v.now,
                              v.now + kCodeLifetime};
    if (auto s = site.store.add_enrollment(p); !s)
        return message(site, v, 500, "console.message.failure", v.tr("console.message.try_again"));
    audit(site, "enrollment_created", name, "ok", v.account->name);
    const std::string& url = site.device_url;
    const std::string uri = "keukentafel-enroll:v1?code=" + code +
                            "&pin=" + percent_encode(site.tls_pin) + "&url=" + percent_encode(url);
    Data d;
    d.set("heading", v.words().format("console.enroll_done.heading", {{"name", name}}));
    d.set("text", v.words().format("console.enroll_done.text", {{"team", team}}));
    d.set("code", code);
    d.set("pin", site.tls_pin);
    d.set("url", url);
    d.set("uri", uri);
    auto svg = qr_svg(uri, 264, v.tr("console.enroll_done.qr_label"));
    d.set("qr", svg ? svg.value() : std::string());
    return page(site, v, 200, v.tr("console.enroll_done.title"), render(site, v, "enroll_done", d));
}

HttpAnswer revoke_confirm(Site& site, Visit& v) {
    auto dev = site.store.device(q(v, "id"));
    if (!dev || !dev->has_value() || dev->value().revoked)
        return message(site, v, 404, "console.message.device_not_found_title",
                       v.tr("console.message.device_not_found"), "/apparaten",
                       "console.link.devices");
    const Device& device = dev->value();
    const std::string strong = "<strong id=\"intrekken-naam\">" +
                               kainjow::mustache::html_escape(device.name) + "</strong>";
    Data d;
    d.set("csrf", v.csrf);
    d.set("id", device.id);
    d.set("confirm", as_html(v.words().format("console.revoke.confirm",
                                              {{"name", placeholder(0)}, {"team", device.team}}),
                             {strong}));
    d.set("yes", v.words().format("console.revoke.yes", {{"name", device.name}}));
    return page(site, v, 200, v.tr("console.revoke.heading"), render(site, v, "revoke", d));
}

HttpAnswer revoke_submit(Site& site, Visit& v) {
    auto name = site.store.console().revoke_device_id(f(v, "id"), v.now);
    if (!name)
        return message(site, v, 404, "console.message.device_not_found_title",
                       v.tr("console.message.device_not_found_unchanged"), "/apparaten",
                       "console.link.devices");
    audit(site, "device_revoked", f(v, "id"), "ok", v.account->name);
    return message(site, v, 200, "console.revoke.done_title",
                   v.words().format("console.revoke.done", {{"name", name.value()}}), "/apparaten",
                   "console.link.devices");
}

HttpAnswer audit_page(Site& site, Visit& v) {
    AuditFilter filter;
    filter.action = q(v, "soort");
    filter.object = q(v, "apparaat");
    const auto from = parse_date(q(v, "van")), to = parse_date(q(v, "tot"));
    filter.from = from.value_or(0);
    filter.to = to ? *to + 24 * 3600 : 0;
    auto rows = site.store.console().audit_page(filter);
    auto devices = site.store.console().devices();
    if (!rows || !devices)
        return message(site, v, 500, "console.message.failure",
                       v.tr("console.message.audit_failure"));
    std::vector<std::pair<std::string, std::string>> kinds{{"", v.tr("console.audit.all_kinds")}};
    for (const char* action : kFilteredActions)
        kinds.emplace_back(action, action_label(v, action));
    std::vector<std::pair<std::string, std::string>> device_items{
        {"", v.tr("console.audit.all_devices")}};
    for (const auto& d : devices.value())
        device_items.emplace_back(d.device.id, d.device.name + " (" + d.device.team + ")");
    Data d;
    d.set("rows", audit_rows(v, rows.value(), devices.value()));
    d.set("empty", rows->empty());
    d.set("kinds", options(kinds, filter.action));
    d.set("devices", options(device_items, filter.object));
    d.set("van", from ? q(v, "van") : "");
    d.set("tot", to ? q(v, "tot") : "");
    return page(site, v, 200, v.tr("console.audit.heading"), render(site, v, "audit", d));
}

}  // namespace kt::receiver::console
