#include <cmath>
#include <ctime>

#include "crypto/pin.hpp"
#include "i18n/collation.hpp"
#include "i18n/names.hpp"
#include "present/views.hpp"

namespace kt::present {

std::string error_text(const Session& s, const i18n::Catalog& cat) {
    const double wait = s.unlock_wait_seconds();
    if (wait > 0 &&
        (s.error_key() == "error.unlock.wait" || s.error_key() == "error.vault.wrong_passphrase" ||
         s.error_key() == "settings.passphrase.wrong_old"))
        return cat.format("error.unlock.wait", {{"seconds", std::int64_t(std::ceil(wait))}});
    if (s.error_key() == "settings.passphrase.too_short" ||
        s.error_key().rfind("passphrase.rule.", 0) == 0)
        return cat.format(s.error_key(), {{"min", std::int64_t(Session::kMinPassphraseLength)}});
    if (s.error_key().empty() || s.error_key() == "error.unlock.wait") return {};
    return cat.tr(s.error_key());
}

UnlockView unlock_view(const Session& s, const i18n::Catalog& cat) {
    UnlockView v;
    v.app_name = cat.tr("app.name");
    v.prompt = cat.tr("unlock.prompt");
    v.hint = cat.tr("unlock.hint");
    v.button = cat.tr("unlock.button");
    v.waiting = s.unlock_wait_seconds() > 0;
    v.error = error_text(s, cat);
    v.wiped = s.sync_panel().wiped;
    if (v.wiped) v.error = cat.tr("error.sync.revoked");
    return v;
}

PinSetupView pin_setup_view(const Session& s, const i18n::Catalog& cat) {
    PinSetupView v;
    v.title = cat.tr("pin.title");
    v.hint = cat.tr("pin.hint");
    v.first_label = cat.tr("pin.first");
    v.repeat_label = cat.tr("pin.repeat");
    v.button = cat.tr("pin.button");
    if (!s.error_key().empty()) v.error = cat.tr(s.error_key());
    return v;
}

LockView lock_view(const Session& s, const i18n::Catalog& cat) {
    LockView v;
    v.app_name = cat.tr("app.name");
    const time_t now = static_cast<time_t>(s.clock().now_utc());
    tm parts{};
    localtime_r(&now, &parts);
    char hhmm[8];
    std::strftime(hhmm, sizeof hhmm, "%H:%M", &parts);
    v.time = hhmm;
    v.prompt = cat.tr("lock.prompt");
    v.button = cat.tr("lock.button");
    v.full_lock = cat.tr("lock.full");
    if (s.error_key() == "lock.pin_wrong") {
        v.error = cat.format("lock.pin_wrong",
                             {{"left", std::int64_t(crypto::kMaxPinFailures - s.pin_failures())}});
    } else if (!s.error_key().empty()) {
        v.error = cat.tr(s.error_key());
    }
    return v;
}

ClientsView clients_view(const Session& s, const i18n::Catalog& cat, std::string_view query) {
    ClientsView v;
    v.title = cat.tr("clients.title");
    v.count_line = cat.format("clients.count", {{"count", std::int64_t(s.clients().size())}});
    v.empty = cat.tr("clients.empty");
    v.no_match = cat.tr("clients.no_match");
    v.lock = cat.tr("nav.lock");
    v.search_hint = cat.tr("clients.search");
    v.new_client = cat.tr("clients.new");
    v.settings = cat.tr("settings.title");
    if (s.audit_break_seq() > 0)
        v.warning = cat.format("error.audit.chain_broken", {{"seq", s.audit_break_seq()}});
    std::vector<std::string> keys;
    for (const auto& c : s.clients())
        keys.push_back(model::sort_name(c));
    for (std::size_t i : i18n::collation_order(keys, cat.locale()))
        if (i18n::name_matches(query, s.clients()[i]))
            v.rows.push_back({s.clients()[i].id, keys[i]});
    return v;
}

SettingsView settings_view(const Session& s, const i18n::Catalog& cat) {
    SettingsView v;
    v.title = cat.tr("settings.title");
    v.interval = cat.tr("settings.interval");
    v.idle = cat.tr("settings.idle");
    v.wijken = cat.tr("settings.wijken");
    v.wijken_hint = cat.tr("settings.wijken_hint");
    v.save = cat.tr("form.save");
    v.back = cat.tr("nav.back");
    v.lock = cat.tr("nav.lock");
    const Outcome& last = s.outcome();
    if (last.shown_at(flow::Step::settings, Area::screen))
        (last.failed ? v.save_error : v.saved) = cat.tr(last.key);
    for (int m : {3, 6})
        v.intervals.push_back(
            {std::to_string(m), cat.format("settings.months", {{"count", std::int64_t(m)}})});
    for (int sec : {60, 120, 300, 600})
        v.idle_options.push_back(
            {std::to_string(sec),
             cat.format("settings.minutes", {{"count", std::int64_t(sec / 60)}})});
    v.current = s.settings();
    v.current.pin_hash.clear();  // the PIN verifier is the session's, never the screen's
    v.passphrase_title = cat.tr("settings.passphrase.title");
    v.passphrase_hint = cat.format("settings.passphrase.hint",
                                   {{"min", std::int64_t(Session::kMinPassphraseLength)}});
    v.old_passphrase = cat.tr("settings.passphrase.old");
    v.new_passphrase = cat.tr("settings.passphrase.new");
    v.repeat_passphrase = cat.tr("settings.passphrase.repeat");
    v.change_passphrase = cat.tr("settings.passphrase.button");
    if (last.shown_at(flow::Step::settings, Area::passphrase) && last.failed)
        v.passphrase_error = error_text(s, cat);  // the wait's countdown, the minimum length
    else if (last.shown_at(flow::Step::settings, Area::passphrase))
        v.passphrase_done = cat.tr(last.key);
    v.passphrase_waiting = s.unlock_wait_seconds() > 0;
    return v;
}

}  // namespace kt::present
