#include "screens/client_form_logic.hpp"

#include <cstdio>

#include "i18n/names.hpp"

namespace kt::kiosk {

namespace {

std::string iso_to_dutch(const std::string& iso) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d, m, y);
    return buf;
}

// "14-3-1958", "14-03-1958" or "14/03/1958" -> "1958-03-14"; empty when not a real date.
std::string dutch_to_iso(const std::string& text) {
    int d = 0, m = 0, y = 0;
    char s1 = 0, s2 = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c%d", &d, &s1, &m, &s2, &y) != 5) return {};
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return {};
    if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

}  // namespace

void load_form(ClientForm& f, const model::Client& c, const std::string& default_wijk) {
    f = ClientForm{};
    f.id = c.id;
    f.given = c.given_name;
    f.tussenvoegsel = c.tussenvoegsel;
    f.family = c.family_name;
    f.birth = iso_to_dutch(c.birth_date);
    f.team = c.team;
    f.wijk = c.id.empty() ? default_wijk : c.wijk;
    f.household = c.household;
    f.consents = c.consents;
    f.loaded = true;
}

bool form_to_client(ClientForm& f, model::Client& out) {
    f.error_key.clear();
    out = model::Client{};
    out.id = f.id;
    out.given_name = i18n::capitalise_given_name(f.given);
    std::string tv = i18n::normalise_tussenvoegsel(f.tussenvoegsel);
    std::string family = f.family;
    if (tv.empty()) {
        // "van dijk" typed into the family name: split off the tussenvoegsel.
        if (auto split = i18n::split_tussenvoegsel(family)) {
            tv = split->first;
            family = split->second;
        }
    }
    out.tussenvoegsel = tv;
    out.family_name = i18n::capitalise_family_name(family);
    if (!f.birth.empty()) {
        out.birth_date = dutch_to_iso(f.birth);
        if (out.birth_date.empty()) {
            f.error_key = "form.bad_date";
            return false;
        }
    }
    out.wijk = f.wijk;
    out.team = f.team;
    out.household = f.household;
    out.consents = f.consents;
    return true;
}

model::HouseholdMember default_member(model::Relation r) {
    using R = model::Relation;
    return {r, r == R::child ? 8 : r == R::parent ? 70 : 40};
}

model::Consent& consent_slot(ClientForm& f, model::ConsentPurpose p) {
    for (auto& k : f.consents)
        if (k.purpose == p) return k;
    f.consents.push_back({p, false, 0, model::ConsentGiver::client});
    return f.consents.back();
}

}  // namespace kt::kiosk
