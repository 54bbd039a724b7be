#include "store/demo_data.hpp"

#include <array>

#include "crypto/pin.hpp"
#include "i18n/catalog.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/network.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"
#include "store/settings.hpp"

namespace kt::store {

namespace {

// The first demo client's intake was reviewed in Dutch, co-signed and sealed.
Status seal_demo_intake(Database& db, const std::string& id, std::int64_t at) {
    using model::Agreement;
    if (auto s = set_review_locale(db, id, "nl", at); !s) return s;
    if (auto s = set_answer(db, id, 0, {Agreement::agree, {}, ""}, at); !s) return s;
    const model::DomainAnswer own{Agreement::disagree, 3, "Het gaat al iets beter dan dat."};
    if (auto s = set_answer(db, id, 1, own, at); !s) return s;
    if (auto s = set_network_agreement(db, id, Agreement::agree, at); !s) return s;
    if (auto s = set_goals_agreement(db, id, Agreement::agree, at); !s) return s;
    model::Signature client;
    client.signer = model::Signer::client;
    client.strokes = {{{{0.1f, 0.6f}, {0.2f, 0.3f}, {0.3f, 0.7f}, {0.45f, 0.35f}}},
                      {{{0.5f, 0.6f}, {0.8f, 0.55f}}}};
    model::Signature worker;
    worker.signer = model::Signer::worker;
    worker.strokes = {{{{0.15f, 0.5f}, {0.4f, 0.3f}, {0.6f, 0.6f}, {0.85f, 0.4f}}}};
    for (const auto& sig : {client, worker})
        if (auto s = save_signature(db, id, sig, at); !s) return s;
    auto bundle = locale_bundle_sha256(i18n::default_bundle_dir(), "nl");
    if (!bundle) return bundle.error();
    const SealContext context{std::string(app_version()), bundle.value(),
                              std::string(zrm::kInstrumentVersion), "passphrase"};
    auto sealed = seal_assessment(db, id, context, at + 60);
    if (!sealed) return sealed.error();
    return {};
}

// van Dijk's network at the intake: a progress measurement starts from this map (prefill).
Status demo_network(Database& db, const std::string& id, std::int64_t at) {
    using model::Give;
    using model::PersonKind;
    struct P {
        const char* label;
        PersonKind kind;
        int ring;
        unsigned gives;
        bool hinders;
        model::CarerLoad load;
    };
    const unsigned practical = unsigned(Give::practical), emotional = unsigned(Give::emotional),
                   care = unsigned(Give::care);
    const P people[] = {
        {"Ans", PersonKind::partner, 0, care | emotional, false, model::CarerLoad::heavy},
        {"dochter", PersonKind::child, 1, practical | emotional, false, model::CarerLoad::none},
        {"buurman", PersonKind::neighbour, 1, practical, false, model::CarerLoad::none},
        {"broer", PersonKind::other_family, 2, 0, true, model::CarerLoad::none},
        {"huisarts", PersonKind::professional, 2, unsigned(Give::advice), false,
         model::CarerLoad::none},
    };
    for (const auto& p : people) {
        model::NetworkPerson person;
        person.label = p.label;
        person.kind = p.kind;
        person.ring = p.ring;
        person.gives = p.gives;
        person.hinders = p.hinders;
        person.carer_load = p.load;
        if (auto s = add_person(db, id, person, at); !s) return s.error();
    }
    return set_network_reasons(db, id, unsigned(model::AskReason::no_burden), "", at);
}

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
        if (counts.assessments == 0)  // van Dijk: a network map to start the next one from
            if (auto s = demo_network(db, a.value(), since); !s) return s.error();
        if (auto s = finish_assessment(db, a.value(), since + 3600); !s) return s.error();
        if (counts.assessments == 0)  // van Dijk, the first with an intake
            if (auto s = seal_demo_intake(db, a.value(), since + 3900); !s) return s.error();
        ++counts.assessments;
    }
    Settings settings;
    settings.pin_hash = crypto::hash_pin(kDemoPin);
    if (auto s = save_settings(db, settings); !s) return s.error();
    if (auto s = vault.checkpoint(); !s) return s.error();
    return counts;
}

}  // namespace kt::store
