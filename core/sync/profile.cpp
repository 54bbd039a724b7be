#include "sync/profile.hpp"

#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "util/clock.hpp"

namespace kt::sync {

std::optional<int> age_in_years(std::string_view birth, std::int64_t at) {
    const auto born = parse_iso_date(birth);
    if (!born) return std::nullopt;
    const int y = born->year, m = born->month, d = born->day;
    const CivilDate now = local_date(at);
    int age = now.year - y;
    if (now.month < m || (now.month == m && now.day < d)) --age;
    if (age < 0 || age > 149) return std::nullopt;
    return age;
}

std::string household_type(const model::Client& c) {
    if (c.household.empty()) return "alone";
    bool partner_only = true;
    for (const auto& m : c.household) {
        if (m.relation == model::Relation::child) return "children";
        if (m.relation != model::Relation::partner) partner_only = false;
    }
    return partner_only ? "partner" : "other";
}

Result<Profile> build_profile(store::Database& db, std::string_view id, std::int64_t sealed_at,
                              std::string_view device_team) {
    auto a = store::load_assessment(db, id);
    if (!a) return a.error();
    auto c = store::get_client(db, a->client_id);
    if (!c) return c.error();
    Profile p{age_in_years(c->birth_date, sealed_at), c->wijk,
              c->team.empty() ? std::string(device_team) : c->team, household_type(c.value())};
    return p;
}

Result<std::string> profile_json(const Profile& p) {
    return json::canonical(
        json::Object{{"age_years", p.age_years ? json::Value(*p.age_years) : json::Value(nullptr)},
                     {"wijk", p.wijk},
                     {"team", p.team},
                     {"household", p.household}});
}

Result<Profile> parse_profile_json(std::string_view text) {
    auto v = json::parse(text);
    if (!v) return v.error();
    if (!v->object() || !v->find("household")) return make_error(ErrorCode::usage, "not a profile");
    Profile p{std::nullopt, text_member(v.value(), "wijk"), text_member(v.value(), "team"),
              text_member(v.value(), "household")};
    if (auto age = int_member(v.value(), "age_years")) p.age_years = int(*age);
    return p;
}

}  // namespace kt::sync
