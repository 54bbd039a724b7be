#include "present/views.hpp"

namespace kt::present {

ClientFormView client_form_view(const Session& s, const i18n::Catalog& cat) {
    ClientFormView v;
    const bool editing = s.client() != nullptr;
    v.title = cat.tr(editing ? "form.edit_title" : "form.new_title");
    v.given = cat.tr("form.given");
    v.tussenvoegsel = cat.tr("form.tussenvoegsel");
    v.family = cat.tr("form.family");
    v.birth_date = cat.tr("form.birth_date");
    v.birth_hint = cat.tr("form.birth_hint");
    v.wijk = cat.tr("form.wijk");
    v.team = cat.tr("form.team");
    v.household = cat.tr("form.household");
    v.add_member = cat.tr("form.add_member");
    v.remove = cat.tr("form.remove");
    v.age = cat.tr("form.age");
    v.consent = cat.tr("form.consent");
    v.consent_given = cat.tr("form.consent_given");
    v.consent_by_client = cat.tr("form.by_client");
    v.consent_by_representative = cat.tr("form.by_representative");
    v.save = cat.tr("form.save");
    v.cancel = cat.tr("form.cancel");
    if (!s.error_key().empty()) v.error = cat.tr(s.error_key());
    if (editing) v.initial = *s.client();
    v.wijken = s.settings().wijken;
    for (auto r : model::kRelations)
        v.relations.push_back({std::string(model::to_string(r)),
                               cat.tr("relation." + std::string(model::to_string(r)))});
    for (auto p : model::kConsentPurposes)
        v.purposes.push_back({std::string(model::to_string(p)),
                              cat.tr("consent." + std::string(model::to_string(p)))});
    return v;
}

SetupView setup_view(const Session& s, const i18n::Catalog& cat) {
    SetupView v;
    v.title = cat.tr("setup.title");
    v.subtitle = cat.tr(model::kind_name_key(s.state().kind));
    if (const auto* c = s.client()) v.subtitle = c->given_name + " \u00b7 " + v.subtitle;
    v.hint = cat.tr("setup.hint");
    v.detail_label = cat.tr("setup.detail");
    v.start = cat.tr("setup.start");
    v.back = cat.tr("nav.back");
    v.lock = cat.tr("nav.lock");
    for (auto r : model::kParticipantRoles)
        v.roles.push_back(
            {std::string(model::to_string(r)), cat.tr("role." + std::string(model::to_string(r)))});
    return v;
}

}  // namespace kt::present
