#include "store/demo_data.hpp"

#include <array>

#include "crypto/pin.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/settings.hpp"

namespace kt::store {

namespace {

struct DemoClient {
    model::Client client;
    int intake_days_ago;                        // 0: no earlier intake
    std::array<int, zrm::kDomainCount> levels;  // the earlier intake's scores
};

const std::array<DemoClient, 8>& demo_clients() {
    static const std::array<DemoClient, 8> list = {{
        {{"", "IJsbrand", "van", "Dijk", "1958-03-14", "Centrum", "", {}, {}},
         182,
         {2, 3, 3, 4, 4, 3, 2, 5, 4, 3, 2, 3, 5}},
        {{"", "Özlem", "", "Yılmaz", "1979-11-02", "Noord", "", {}, {}},
         95,
         {1, 2, 3, 2, 3, 3, 4, 5, 5, 3, 3, 2, 5}},
        {{"", "Agnieszka", "", "Wójcik", "1986-06-21", "Oost", "", {}, {}}, 0, {}},
        {{"", "Johannes", "de", "Vries", "1944-01-30", "West", "", {}, {}},
         200,
         {4, 5, 3, 4, 5, 4, 2, 5, 3, 2, 3, 3, 5}},
        {{"", "Fatima", "el", "Amrani", "1991-09-08", "Zuid", "", {}, {}}, 0, {}},
        {{"", "Ria", "ter", "Horst", "1950-12-12", "Centrum", "", {}, {}},
         120,
         {3, 4, 2, 4, 3, 2, 3, 5, 4, 3, 1, 2, 5}},
        {{"", "Sanne", "", "Bakker", "2001-04-17", "Noord", "", {}, {}}, 0, {}},
        {{"", "Mohamed", "", "Bouzid", "1969-07-05", "Oost", "", {}, {}}, 0, {}},
    }};
    return list;
}

// Invented households: a partner, children of school age, a lodger.
std::vector<model::HouseholdMember> demo_household(int n) {
    using R = model::Relation;
    switch (n % 4) {
        case 0:
            return {{R::partner, 67}};
        case 1:
            return {{R::child, 9}, {R::child, 12}, {R::partner, 44}};
        case 2:
            return {};
        default:
            return {{R::child, 16}, {R::housemate, 30}};
    }
}

// Who sat at the table at the demo intakes, matching demo_household(n).
std::vector<model::Participant> demo_present(int n) {
    using P = model::ParticipantRole;
    switch (n % 4) {
        case 0:
        case 1:
            return {{P::client, ""}, {P::partner, ""}};
        case 2:
            return {{P::client, ""}};
        default:
            return {{P::client, ""}, {P::family, ""}, {P::representative, "bewindvoerder"}};
    }
}

}  // namespace

Result<DemoCounts> fill_demo(Vault& vault, std::int64_t now) {
    DemoCounts counts;
    auto& db = vault.db();
    int n = 0;
    for (const auto& d : demo_clients()) {
        const std::int64_t since = now - std::int64_t(d.intake_days_ago) * 86400;
        model::Client c = d.client;
        c.team = n % 2 == 0 ? "Wijkteam 1" : "Wijkteam 2";
        const int k = n++;
        c.household = demo_household(k);
        c.consents = {
            {model::ConsentPurpose::store_on_device, true, since, model::ConsentGiver::client},
            {model::ConsentPurpose::send_to_municipality, true, since, model::ConsentGiver::client},
            {model::ConsentPurpose::monitoring, n % 3 != 0, since, model::ConsentGiver::client}};
        auto id = add_client(db, c, d.intake_days_ago ? since - 86400 : now);
        if (!id) return id.error();
        ++counts.clients;
        if (d.intake_days_ago == 0) continue;
        auto a = start_assessment(db, id.value(), model::AssessmentKind::intake, since);
        if (!a) return a.error();
        if (auto s = set_participants(db, a.value(), demo_present(k)); !s) return s.error();
        for (int i = 0; i < zrm::kDomainCount; ++i)
            if (auto s = set_score(db, a.value(), i, d.levels[std::size_t(i)], since); !s)
                return s.error();
        if (auto s = finish_assessment(db, a.value(), since + 3600); !s) return s.error();
        ++counts.assessments;
    }
    Settings settings;
    settings.pin_hash = crypto::hash_pin(kDemoPin);
    if (auto s = save_settings(db, settings); !s) return s.error();
    if (auto s = vault.checkpoint(); !s) return s.error();
    return counts;
}

}  // namespace kt::store
