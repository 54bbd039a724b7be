#include "i18n/collation.hpp"
#include "present/views.hpp"

namespace kt::present {

UnlockView unlock_view(const Session& s, const i18n::Catalog& cat) {
    UnlockView v;
    v.app_name = cat.tr("app.name");
    v.prompt = cat.tr("unlock.prompt");
    v.hint = cat.tr("unlock.hint");
    v.button = cat.tr("unlock.button");
    if (!s.error_key().empty()) v.error = cat.tr(s.error_key());
    return v;
}

ClientsView clients_view(const Session& s, const i18n::Catalog& cat) {
    ClientsView v;
    v.title = cat.tr("clients.title");
    v.count_line = cat.format("clients.count", {{"count", std::int64_t(s.clients().size())}});
    v.empty = cat.tr("clients.empty");
    v.lock = cat.tr("nav.lock");
    std::vector<std::string> keys;
    for (const auto& c : s.clients())
        keys.push_back(model::sort_name(c));
    for (std::size_t i : i18n::collation_order(keys, cat.locale()))
        v.rows.push_back({s.clients()[i].id, keys[i]});
    return v;
}

}  // namespace kt::present
