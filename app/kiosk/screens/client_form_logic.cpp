#include "screens/client_form_logic.hpp"

#include <charconv>
#include <cstdio>
#include <string_view>

#include "i18n/names.hpp"

namespace kt::kiosk {

namespace {

// Three decimal numbers, each after optional spaces, with one separator character between them
// (`sep`, or any character when 0); what follows the third is ignored. No exceptions.
bool three_numbers(std::string_view text, char sep, int& a, int& b, int& c) {
    const char* p = text.data();
    const char* end = p + text.size();
    int* out[] = {&a, &b, &c};
    for (int i = 0; i < 3; ++i) {
        if (i > 0) {
            if (p == end || (sep != 0 && *p != sep)) return false;
            ++p;
        }
        while (p != end && *p == ' ')
            ++p;
        const auto [next, ec] = std::from_chars(p, end, *out[i]);
        if (ec != std::errc()) return false;
        p = next;
    }
    return true;
}

std::string iso_to_dutch(const std::string& iso) {
    int y = 0, m = 0, d = 0;
    if (!three_numbers(iso, '-', y, m, d)) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d, m, y);
    return buf;
}

// "14-3-1958", "14-03-1958" or "14/03/1958" -> "1958-03-14"; empty when not a real date.
std::string dutch_to_iso(const std::string& text) {
    int d = 0, m = 0, y = 0;
    if (!three_numbers(text, 0, d, m, y)) return {};
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
