// The network map screen's view: people with their localised details, laid out on the rings
// of the canvas the screen gives.
#include "present/network_summary.hpp"
#include "present/views.hpp"

namespace kt::present {

namespace {

template <class E, std::size_t N, class KeyFn>
std::vector<Option> options(const E (&values)[N], const i18n::Catalog& cat, KeyFn key) {
    std::vector<Option> out;
    for (E v : values)
        out.push_back({std::string(model::to_string(v)), cat.tr(key(v))});
    return out;
}

std::string details_of(const model::NetworkPerson& p, const i18n::Catalog& cat) {
    std::vector<std::string> gives;
    for (auto g : model::kGives)
        if (p.has(g)) gives.push_back(cat.tr(model::give_name_key(g)));
    std::string out = gives.empty() ? std::string() : cat.list(gives);
    if (p.frequency != model::Frequency::none)
        out += (out.empty() ? "" : " · ") + cat.tr(model::frequency_name_key(p.frequency));
    return out;
}

NetworkPersonView person_view(const model::NetworkPerson& p, const i18n::Catalog& cat) {
    NetworkPersonView v;
    v.person = p;
    v.kind_label = cat.tr(model::kind_name_key(p.kind));
    v.details = details_of(p, cat);
    v.supportive = p.gives != 0 && !p.hinders;
    v.overloaded = p.effective_carer_load() == model::CarerLoad::overloaded;
    v.heavy = p.effective_carer_load() == model::CarerLoad::heavy;
    return v;
}

void fill_labels(NetworkView& v, const i18n::Catalog& cat) {
    auto t = [&](const char* key) { return cat.tr(std::string("network.screen.") + key); };
    v.title = t("title");
    v.client_label = t("client");
    v.add_title = t("add_title");
    v.label_field = t("label");
    v.label_hint = t("label_hint");
    v.add_button = t("add");
    v.kind_title = t("kind");
    v.drag_hint = t("drag_hint");
    v.gives_title = t("gives");
    v.frequency_title = t("frequency");
    v.could_do_more = t("could_do_more");
    v.hinders = t("hinders");
    v.carer_title = t("carer");
    v.remove = t("remove");
    v.done = t("done");
    v.reasons_title = t("reasons");
    v.other_reason = t("other_reason");
    v.note_title = t("note");
    v.back = cat.tr("nav.back");
    v.lock = cat.tr("nav.lock");
    for (int r = 0; r < model::kRingCount; ++r)
        v.ring_names[std::size_t(r)] = cat.tr(model::ring_name_key(r));
    v.kinds = options(model::kPersonKinds, cat, [](auto k) { return model::kind_name_key(k); });
    v.gives = options(model::kGives, cat, [](auto g) { return model::give_name_key(g); });
    v.frequencies =
        options(model::kFrequencies, cat, [](auto f) { return model::frequency_name_key(f); });
    v.carer_loads =
        options(model::kCarerLoads, cat, [](auto c) { return model::carer_load_name_key(c); });
    v.reasons =
        options(model::kAskReasons, cat, [](auto r) { return model::ask_reason_name_key(r); });
}

}  // namespace

NetworkView network_view(const Session& s, const i18n::Catalog& cat, const NetworkCanvas& canvas) {
    NetworkView v;
    fill_labels(v, cat);
    const model::Assessment* a = s.assessment();
    const model::Client* c = s.client();
    if (a == nullptr || c == nullptr) return v;
    v.subtitle = c->given_name + " · " + cat.tr(model::kind_name_key(a->kind));
    v.map = s.network();
    v.summary = network_summary_line(cat, model::summarise(v.map));
    v.read_only = a->status != model::AssessmentStatus::draft;
    if (v.read_only) v.read_only_note = cat.tr("network.screen.read_only");
    NetworkLayoutSpec spec{canvas.centre, canvas.radius, canvas.marker, canvas.min_marker, {}};
    for (const auto& p : v.map.people)
        spec.rings.push_back(p.ring);
    v.layout = layout_network(spec);
    for (std::size_t i = 0; i < v.map.people.size(); ++i) {
        v.people.push_back(person_view(v.map.people[i], cat));
        v.people.back().pos = v.layout.positions[i];
    }
    if (!s.error_key().empty()) v.error = cat.tr(s.error_key());
    return v;
}

}  // namespace kt::present
