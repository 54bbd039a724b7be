// The sync indicator and the enrollment section: figures and sentences, no network.
#include "present/session.hpp"
#include "present/views.hpp"

namespace kt::present {

namespace {

std::string status_line(const Session::SyncPanel& p, const i18n::Catalog& cat) {
    if (!p.enrolled) return cat.tr("sync.not_enrolled_short");
    std::string line = p.pending == 0
                           ? cat.tr("sync.all_sent")
                           : cat.format("sync.pending", {{"count", std::int64_t(p.pending)}});
    if (p.last_success > 0)
        line += " · " + cat.format("sync.last_success", {{"when", cat.date_time(p.last_success)}});
    return line;
}

}  // namespace

SyncView sync_view(const Session& s, const i18n::Catalog& cat) {
    const auto& p = s.sync_panel();
    SyncView v;
    v.enrolled = p.enrolled;
    v.running = p.running;
    v.failed = p.failed;
    v.can_send = p.enrolled && !p.running && !p.blocked && p.pending > 0 && s.vault_open();
    v.status = status_line(p, cat);
    if (!p.message_key.empty()) v.message = cat.tr(p.message_key);
    v.send = cat.tr(p.running ? (p.enrolling ? "sync.enrolling" : "sync.sending") : "sync.send");
    v.title = cat.tr("sync.title");
    v.hint = cat.tr(p.enrolled ? "sync.enrolled_hint" : "sync.enroll_hint");
    v.url_label = cat.tr("sync.url");
    v.url_hint = cat.tr("sync.url_hint");
    v.code_label = cat.tr("sync.code");
    v.code_hint = cat.tr("sync.code_hint");
    v.enroll = cat.tr(p.enrolled ? "sync.enroll_again" : "sync.enroll");
    if (p.enrolled)
        v.enrolled_line =
            cat.format("sync.enrolled_line", {{"device", p.device_name}, {"team", p.team}});
    v.url = p.url;
    return v;
}

}  // namespace kt::present
