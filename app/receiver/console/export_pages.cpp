// The export pages: start a job for the overview's filters and a purpose (POST), its progress
// (from the store: a reload, or the same page on another receiver, shows how far it is; no
// automatic refresh, which would move a screen reader's place and fails WCAG 2.2.1), and the
// download of the finished ZIP (an audit row: who, purpose, filters, rows). A job belongs to the
// account that started it.
#include <ctime>
#include <fstream>
#include <sstream>

#include "credentials.hpp"
#include "export_jobs.hpp"
#include "http_util.hpp"

namespace kt::receiver::console {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kStale = 10 * 60;  // a running job silent this long has died

std::string q(const std::map<std::string, std::string>& m, const char* name) {
    auto it = m.find(name);
    return it == m.end() || it->second.size() > 128 ? "" : it->second;
}

// The team the export is for: a teamleider exports one of their own teams at a time.
std::string export_team(const Visit& v, const Selection& s) {
    if (!s.team.empty() || v.account->role != "teamleider") return s.team;
    return v.account->teams.size() == 1 ? v.account->teams.front() : "";
}

std::optional<ExportJob> own_job(Site& site, const Visit& v) {
    auto job = site.store.monitoring().job(q(v.query, "id"));
    if (!job || !job->has_value() || job->value().account != v.account->name) return std::nullopt;
    return job->value();
}

std::string seconds_text(const Visit& v, std::int64_t seconds) {
    return v.words().format("console.export.seconds", {{"seconds", seconds}});
}

bool job_busy(const ExportJob& j, std::int64_t now) {
    return (j.state == "running" || j.state == "queued") && now - j.updated_at <= kStale;
}

Data progress_data(const Visit& v, const ExportJob& j, std::int64_t now) {
    Data d;
    d.set("purpose", v.words().format("console.export.purpose_line", {{"purpose", j.purpose}}));
    d.set("filters", v.words().format("console.export.filters_line", {{"filters", j.filters}}));
    const bool busy = job_busy(j, now);
    d.set("busy", busy);
    d.set("done", j.state == "done");
    d.set("failed", j.state == "failed" || (!busy && j.state != "done"));
    if (busy) {
        d.set("self", "/monitoring/export?id=" + j.id);
        const bool reading = j.stage.empty() || j.stage == "reading";
        d.set("reading", reading && j.total > 0);
        d.set("max", std::to_string(std::max<std::int64_t>(j.total, 1)));
        d.set("value", std::to_string(std::min(j.done, j.total)));
        std::string left;
        const std::int64_t spent = now - j.started_at;
        if (reading && j.done > 0 && j.total > j.done)
            left = seconds_text(v, spent * (j.total - j.done) / j.done);
        d.set(
            "status",
            reading && j.total > 0
                ? v.words().format("console.export.reading", {{"done", j.done}, {"total", j.total}})
                : v.tr("console.export.stage." + (j.stage.empty() ? "reading" : j.stage)));
        d.set("left",
              left.empty() ? "" : v.words().format("console.export.left", {{"left", left}}));
    }
    if (j.state == "done") {
        d.set("rows", v.words().format("console.export.rows", {{"rows", j.rows_written}}));
        d.set("href", "/monitoring/export/download?id=" + j.id);
        d.set("expires", v.words().format("console.export.expires",
                                          {{"time", format_time(j.started_at + kJobLifetime)}}));
    }
    return d;
}

}  // namespace

Data export_form(Site& site, const Visit& v, const Selection& s) {
    Data d;
    auto purposes = site.store.monitoring().purposes();
    Data list{Data::type::list};
    if (purposes)
        for (const auto& p : purposes.value()) {
            if (p.retired_at) continue;
            Data o;
            o.set("value", p.name);
            o.set("label", p.name + " – " + p.description);
            list.push_back(o);
        }
    d.set("purposes", list);
    d.set("no_purpose", !purposes || list.is_empty_list());
    d.set("needs_team", export_team(v, s).empty() && v.account->role == "teamleider");
    d.set("csrf", v.csrf);
    d.set("van", monitoring::quarter_name(s.from));
    d.set("tot", monitoring::quarter_name(s.to));
    d.set("wijk", s.wijk);
    d.set("team", s.team);
    d.set("soort", s.kind);
    return d;
}

HttpAnswer export_start(Site& site, Visit& v) {
    v.query = v.form;  // the selection comes as the form's hidden fields
    Selection s;
    if (auto refused = monitoring_selection(site, v, s)) return *refused;
    s.team = export_team(v, s);
    const std::string purpose = q(v.form, "doel");
    auto p = site.store.monitoring().purpose(purpose);
    if (!p || !p->has_value() || p->value().retired_at ||
        (v.account->role == "teamleider" && s.team.empty()))
        return message(site, v, 400, "console.message.form_invalid", v.tr("console.export.invalid"),
                       "/monitoring", "console.link.monitoring");
    const std::int64_t now = std::time(nullptr);
    sweep_jobs(site, now);
    ExportJob job;
    job.id = new_token().substr(0, 32);
    job.account = v.account->name;
    job.purpose = purpose;
    job.filters = describe(s);
    job.state = "queued";
    job.started_at = now;
    if (auto st = site.store.monitoring().add_job(job); !st)
        return message(site, v, 500, "console.message.failure", v.tr("console.message.try_again"));
    audit(site, "export_started", purpose + " " + job.filters, "ok", v.account->name);
    JobRequest request{job.id, purpose, v.account->name, v.lang->cat.locale(), s};
    site.jobs->start(
        [&site, request](const std::atomic<bool>& stop) { run_export_job(site, request, stop); });
    return redirect("/monitoring/export?id=" + job.id);
}

HttpAnswer export_page(Site& site, Visit& v) {
    const std::int64_t now = std::time(nullptr);
    sweep_jobs(site, now);
    auto job = own_job(site, v);
    if (!job)
        return message(site, v, 404, "console.export.not_found_title",
                       v.tr("console.export.not_found"), "/monitoring", "console.link.monitoring");
    Data d = progress_data(v, *job, now);
    return page(site, v, 200, v.tr("console.export.heading"), render(site, v, "export", d));
}

HttpAnswer export_download(Site& site, Visit& v) {
    auto job = own_job(site, v);
    std::error_code ec;
    if (!job || job->state != "done" || job->file.empty() || !fs::exists(job->file, ec))
        return message(site, v, 404, "console.export.not_found_title", v.tr("console.export.gone"),
                       "/monitoring", "console.link.monitoring");
    std::ifstream in(job->file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    audit(site, "export_downloaded", job->purpose + " " + job->filters,
          "rows=" + std::to_string(job->rows_written), v.account->name);
    HttpAnswer a;
    a.body = bytes.str();
    a.content_type = "application/zip";
    add_security_headers(a);
    const std::string date = format_time(job->started_at).substr(0, 10);
    a.headers.emplace_back("Content-Disposition", "attachment; filename=\"keukentafel-" +
                                                      job->purpose + "-" + date + ".zip\"");
    return a;
}

}  // namespace kt::receiver::console
