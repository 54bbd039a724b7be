#include "export_jobs.hpp"

#include <sys/stat.h>
#include <zip.h>

#include <cstdio>
#include <ctime>

#include "export/dataset.hpp"
#include "export/writers.hpp"
#include "purposes.hpp"
#include "receiver_store/config.hpp"
#include "receiver_store/monitoring_source.hpp"
#include "report_file.hpp"

namespace kt::receiver::console {

namespace fs = std::filesystem;

namespace {

const char* stage_name(monitoring::ExportProgress::Stage s) {
    switch (s) {
        case monitoring::ExportProgress::Stage::reading:
            return "reading";
        case monitoring::ExportProgress::Stage::building:
            return "building";
        case monitoring::ExportProgress::Stage::writing:
        case monitoring::ExportProgress::Stage::done:  // the ZIP follows
            return "writing";
    }
    return "reading";
}

// The export options of a request: the purpose's secret, the selection's filters.
Result<monitoring::ExportOptions> options_for(Site& site, Store& store, const JobRequest& r) {
    auto purpose = store.monitoring().purpose(r.purpose);
    if (!purpose) return purpose.error();
    if (!purpose->has_value()) return make_error(ErrorCode::not_found, "no such purpose");
    auto box = open_purpose_box(site.data_dir, false);
    if (!box) return box.error();
    auto secret = purpose_secret(box.value(), purpose->value());
    if (!secret) return secret.error();
    monitoring::ExportOptions o;
    o.purpose = r.purpose;
    o.secret = std::move(secret.value());
    o.team = r.selection.team;
    o.wijk = r.selection.wijk;
    o.from_quarter = monitoring::quarter_name(r.selection.from);
    o.to_quarter = monitoring::quarter_name(r.selection.to);
    return o;
}

// Reads the store with a stop check between rows.
monitoring::MeasurementSource stoppable(Store& store, const std::atomic<bool>& stop) {
    return [&store, &stop](const monitoring::MeasurementSink& sink) {
        return store_source(store)([&](const monitoring::Measurement& m) {
            return !stop.load(std::memory_order_relaxed) && sink(m);
        });
    };
}

Status write_files(Site& site, const JobRequest& r, const monitoring::Dataset& data,
                   const fs::path& dir) {
    if (auto s = monitoring::write_tables(data, dir); !s) return s;
    const std::string html = report_html(site, r.lang, data, r.purpose, std::time(nullptr));
    FILE* f = std::fopen((dir / "report.html").c_str(), "wbx");
    if (!f) return make_error(ErrorCode::io, "report.html");
    const bool ok = std::fwrite(html.data(), 1, html.size(), f) == html.size();
    if (std::fclose(f) != 0 || !ok) return make_error(ErrorCode::io, "report.html");
    return {};
}

Status run(Site& site, const JobRequest& r, const std::atomic<bool>& stop, std::int64_t& rows,
           fs::path& zip) {
    StoreConfig sc = store_config(site.data_dir, site.config);
    sc.postgres_pool_size = 1;  // its own connection: the device API's pool stays free
    auto store = open_store(sc);
    if (!store) return store.error();
    MonitoringStore& jobs = store.value()->monitoring();
    auto options = options_for(site, *store.value(), r);
    if (!options) return options.error();
    auto total = store.value()->count_assessments();
    if (!total) return total.error();
    options->expected_rows = total.value();
    std::int64_t last_write = 0;
    options->progress = [&](const monitoring::ExportProgress& p) {
        const std::int64_t now = std::time(nullptr);
        if (now == last_write && p.stage == monitoring::ExportProgress::Stage::reading) return;
        last_write = now;
        (void)jobs.job_progress(r.id, stage_name(p.stage), p.done, p.total, now);
    };
    auto data = monitoring::build_dataset(stoppable(*store.value(), stop), options.value());
    if (!data) return data.error();
    if (stop) return make_error(ErrorCode::invalid_state, "stopped");
    const fs::path exports = site.data_dir / "exports";
    const fs::path dir = exports / (r.id + ".d");
    std::error_code ec;
    fs::create_directories(exports, ec);
    ::chmod(exports.c_str(), 0700);
    (void)jobs.job_progress(r.id, "writing", 0, 0, std::time(nullptr));
    Status written = write_files(site, r, data.value(), dir);
    if (written) {
        (void)jobs.job_progress(r.id, "zipping", 0, 0, std::time(nullptr));
        std::vector<std::string> names(std::begin(monitoring::kExportFiles),
                                       std::end(monitoring::kExportFiles));
        names.emplace_back("report.html");
        zip = exports / (r.id + ".zip");
        written = write_zip(dir, names, zip);
    }
    fs::remove_all(dir, ec);
    rows = data->report.written;
    return written;
}

}  // namespace

JobThreads::~JobThreads() {
    m_stop = true;
    std::lock_guard lock(m_mutex);
    for (auto& t : m_threads)
        if (t.joinable()) t.join();
}

void JobThreads::start(std::function<void(const std::atomic<bool>& stop)> work) {
    std::lock_guard lock(m_mutex);
    m_threads.emplace_back([this, w = std::move(work)] { w(m_stop); });
}

void run_export_job(Site& site, const JobRequest& r, const std::atomic<bool>& stop) {
    std::int64_t rows = 0;
    fs::path zip;
    Status s;
    try {
        s = run(site, r, stop, rows, zip);
    } catch (const std::exception& e) {
        s = make_error(ErrorCode::internal, e.what());
    }
    auto& jobs = site.store.monitoring();
    if (!s) {
        std::fprintf(stderr, "console export job %s: %s\n", r.id.c_str(), s.error().detail.c_str());
        std::error_code ec;
        if (!zip.empty()) fs::remove(zip, ec);
        (void)jobs.finish_job(r.id, "failed", 0, "", std::time(nullptr));
        return;
    }
    (void)jobs.finish_job(r.id, "done", rows, zip.string(), std::time(nullptr));
}

void sweep_jobs(Site& site, std::int64_t now) {
    auto old = site.store.monitoring().jobs_before(now - kJobLifetime);
    if (!old) return;
    for (const auto& j : old.value()) {
        const bool busy = j.state == "queued" || j.state == "running";
        if (busy && j.updated_at > now - kJobLifetime) continue;  // still being written
        std::error_code ec;
        if (!j.file.empty()) fs::remove(j.file, ec);
        (void)site.store.monitoring().delete_job(j.id);
    }
}

Status write_zip(const fs::path& dir, const std::vector<std::string>& files, const fs::path& zip) {
    int error = 0;
    zip_t* z = zip_open(zip.c_str(), ZIP_CREATE | ZIP_EXCL, &error);
    if (!z) return make_error(ErrorCode::io, "cannot create the ZIP");
    ::chmod(zip.c_str(), 0600);
    for (const auto& name : files) {
        zip_source_t* src = zip_source_file(z, (dir / name).c_str(), 0, -1);
        if (!src || zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
            if (src) zip_source_free(src);
            zip_discard(z);
            return make_error(ErrorCode::io, "cannot add " + name + " to the ZIP");
        }
    }
    if (zip_close(z) != 0) {
        zip_discard(z);
        return make_error(ErrorCode::io, "cannot write the ZIP");
    }
    ::chmod(zip.c_str(), 0600);
    return {};
}

}  // namespace kt::receiver::console
