// The beheer pages: devices (sortable, filtered on team), enrolling a new device (the one-time
// code and its QR on screen, never logged), revoking with a confirmation naming the device, and
// the audit log with filters. Also the monitoring placeholder for the other roles.
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

Data device_row(const DeviceOverview& d) {
    Data r;
    r.set("id", d.device.id);
    r.set("name", d.device.name);
    r.set("team", d.device.team);
    r.set("enrolled", format_time(d.device.enrolled_at));
    r.set("checkin", d.last_checkin ? format_time(*d.last_checkin) : "nog nooit");
    r.set("outbox", d.outbox ? std::to_string(*d.outbox) : "–");
    r.set("version", d.app_version.empty() ? "–" : d.app_version);
    r.set("revoked", d.device.revoked);
    r.set("revoked_at", d.device.revoked_at ? format_time(*d.device.revoked_at) : "");
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
    return page(site, v, error.empty() ? 200 : 400, "Nieuw apparaat aanmelden",
                render(site, "enroll", d));
}

}  // namespace

HttpAnswer devices_page(Site& site, Visit& v) {
    auto all = site.store.console().devices();
    if (!all)
        return message(site, v, 500, "Storing", "De apparaten kunnen nu niet worden getoond.");
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
        rows.push_back(device_row(d));
    std::vector<std::pair<std::string, std::string>> team_items{{"", "Alle teams"}};
    for (const auto& t : teams)
        team_items.emplace_back(t, t);
    std::vector<std::pair<std::string, std::string>> sort_items{
        {"", "Aangemeld (nieuwste eerst)"},
        {"naam", "Naam"},
        {"team", "Team"},
        {"checkin", "Laatste contact (recentste eerst)"},
        {"wachtend", "Wachtende items"}};
    Data d;
    d.set("rows", rows);
    d.set("empty", shown.empty());
    d.set("count", std::to_string(shown.size()));
    d.set("teams", options(team_items, team));
    d.set("sorts", options(sort_items, sort));
    return page(site, v, 200, "Apparaten", render(site, "devices", d));
}

HttpAnswer enroll_form(Site& site, Visit& v) {
    return enroll_page(site, v, "", "", "");
}

HttpAnswer enroll_submit(Site& site, Visit& v) {
    const std::string name = f(v, "naam"), team = f(v, "team");
    if (!valid_name(name) || !valid_name(team))
        return enroll_page(site, v, name, team,
                           "Vul een naam en een team in: 1 tot 64 tekens, zonder , ; \" of \\.");
    const std::string code = kt::sync::new_enrollment_code();
    auto canonical = kt::sync::normalise_code(code);
    if (!canonical)
        return message(site, v, 500, "Storing", "Er ging iets mis. Probeer het opnieuw.");
    const PendingEnrollment p{name, team, kt::sync::code_key_hex(canonical.value()), v.now,
                              v.now + kCodeLifetime};
    if (auto s = site.store.add_enrollment(p); !s)
        return message(site, v, 500, "Storing", "Er ging iets mis. Probeer het opnieuw.");
    audit(site, "enrollment_created", name, "ok", v.account->name);
    const std::string& url = site.device_url;
    const std::string uri = "keukentafel-enroll:v1?code=" + code +
                            "&pin=" + percent_encode(site.tls_pin) + "&url=" + percent_encode(url);
    Data d;
    d.set("name", name);
    d.set("team", team);
    d.set("code", code);
    d.set("pin", site.tls_pin);
    d.set("url", url);
    d.set("uri", uri);
    auto svg = qr_svg(uri, 264, "QR-code met de aanmeldcode");
    d.set("qr", svg ? svg.value() : std::string());
    return page(site, v, 200, "Aanmeldcode", render(site, "enroll_done", d));
}

HttpAnswer revoke_confirm(Site& site, Visit& v) {
    auto dev = site.store.device(q(v, "id"));
    if (!dev || !dev->has_value() || dev->value().revoked)
        return message(site, v, 404, "Apparaat niet gevonden",
                       "Dit apparaat bestaat niet of is al ingetrokken.", "/apparaten",
                       "Naar de apparaten");
    Data d;
    d.set("csrf", v.csrf);
    d.set("id", dev->value().id);
    d.set("name", dev->value().name);
    d.set("team", dev->value().team);
    return page(site, v, 200, "Apparaat intrekken", render(site, "revoke", d));
}

HttpAnswer revoke_submit(Site& site, Visit& v) {
    auto name = site.store.console().revoke_device_id(f(v, "id"), v.now);
    if (!name)
        return message(site, v, 404, "Apparaat niet gevonden",
                       "Dit apparaat bestaat niet of is al ingetrokken. Er is niets gewijzigd.",
                       "/apparaten", "Naar de apparaten");
    audit(site, "device_revoked", f(v, "id"), "ok", v.account->name);
    return message(site, v, 200, "Apparaat ingetrokken",
                   "Het apparaat " + name.value() +
                       " is ingetrokken. Bij de volgende synchronisatie wist het zijn gegevens.",
                   "/apparaten", "Naar de apparaten");
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
        return message(site, v, 500, "Storing", "Het auditlog kan nu niet worden getoond.");
    std::map<std::string, std::string> names;
    for (const auto& d : devices.value())
        names[d.device.id] = d.device.name;
    std::vector<std::pair<std::string, std::string>> kinds{
        {"", "Alle soorten"},
        {"device_enrolled", "Aanmeldingen"},
        {"enrollment_created", "Aanmeldcodes gemaakt"},
        {"enrollment_refused", "Geweigerde aanmeldingen"},
        {"device_revoked", "Intrekkingen"},
        {"device_wiped", "Gewiste apparaten"},
        {"payload_mismatch", "Afwijkende inhoud (422)"},
        {"vault_rolled_back", "Teruggezette kluis"},
        {"console_login", "Inloggen console"},
        {"console_login_failed", "Mislukt inloggen"},
        {"console_refused", "Geweigerde toegang"}};
    std::map<std::string, std::string> labels(kinds.begin() + 1, kinds.end());
    labels["console_logout"] = "Uitloggen console";
    labels["console_activated"] = "Account geactiveerd";
    labels["console_login_throttled"] = "Inloggen vertraagd";
    Data list{Data::type::list};
    for (const auto& e : rows.value()) {
        Data r;
        r.set("time", format_time(e.time));
        r.set("action", labels.count(e.action) ? labels[e.action] : e.action);
        r.set("object", names.count(e.object) ? names[e.object] + " (" + e.object + ")" : e.object);
        r.set("result", e.result);
        r.set("actor", names.count(e.actor) ? names[e.actor] : e.actor);
        list.push_back(r);
    }
    std::vector<std::pair<std::string, std::string>> device_items{{"", "Alle apparaten"}};
    for (const auto& d : devices.value())
        device_items.emplace_back(d.device.id, d.device.name + " (" + d.device.team + ")");
    Data d;
    d.set("rows", list);
    d.set("empty", rows->empty());
    d.set("kinds", options(kinds, filter.action));
    d.set("devices", options(device_items, filter.object));
    d.set("van", from ? q(v, "van") : "");
    d.set("tot", to ? q(v, "tot") : "");
    return page(site, v, 200, "Auditlog", render(site, "audit", d));
}

HttpAnswer monitoring_page(Site& site, Visit& v) {
    std::string teams;
    for (const auto& t : v.account->teams)
        teams += (teams.empty() ? "" : ", ") + t;
    Data d;
    d.set("teamleider", v.account->role == "teamleider");
    d.set("teams", teams);
    return page(site, v, 200, "Monitoring", render(site, "monitoring", d));
}

}  // namespace kt::receiver::console
