// keukentafel-cli export: one command from a monitoring source to the pseudonymised tables
// and the report in a new directory. Prints counts only: never a pseudonym or id.
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

#include <thread>

#include "commands.hpp"
#include "export/dataset.hpp"
#include "export/vault_source.hpp"
#include "export/writers.hpp"
#include "progress_line.hpp"
#include "report/monitoring_report.hpp"
#include "store/vault.hpp"
#include "store_target.hpp"
#include "util/clock.hpp"
#include "util/files.hpp"

namespace kt::cli {

namespace fs = std::filesystem;

namespace {

// The shortest secret for the pseudonyms' HMAC (dataset.hpp).
constexpr std::size_t kMinSecret = 32;

// The secret file: at least 32 bytes, readable by its owner only (like the receiver's store
// key: a secret anyone on the machine can read links every pseudonym back).
Result<crypto::SecretBytes> read_export_secret(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return make_error(ErrorCode::not_found, "secret file");
    if ((st.st_mode & 0044) != 0)
        return make_error(ErrorCode::usage, "secret file readable by group or others");
    auto text = read_file(path);
    if (!text) return text.error();
    auto secret = crypto::SecretBytes::from(text.value());
    std::fill(text->begin(), text->end(), '\0');
    if (secret.size() < kMinSecret) return make_error(ErrorCode::usage, "secret file too short");
    return secret;
}

struct Period {
    std::string from, to;
};

// "2026Q1..2026Q4", or one quarter; build_dataset checks the quarters themselves.
bool parse_period(const std::string& text, Period& out) {
    const auto dots = text.find("..");
    out.from = text.substr(0, dots);
    out.to = dots == std::string::npos ? out.from : text.substr(dots + 2);
    return !out.from.empty() && !out.to.empty();
}

bool parse_k(const std::string& text, int& k) {
    try {
        std::size_t used = 0;
        k = std::stoi(text, &used);
        return used == text.size() && k >= 5;
    } catch (const std::exception&) {
        return false;
    }
}

// A new, empty output directory (an existing empty one is fine), mode 0700.
bool make_out_dir(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) return false;
    fs::create_directories(dir, ec);
    ::chmod(dir.c_str(), 0700);
    return !ec;
}

Result<monitoring::Dataset> build_from(const StoreTarget& from, const Options& opts,
                                       monitoring::ExportOptions& options) {
    if (from.kind != TargetKind::vault) {
        auto store = open_receiver_store(from, false);
        if (!store) return store.error();
        auto total = store.value()->count_assessments();  // the progress line's total
        if (!total) return total.error();
        options.expected_rows = total.value();
        return monitoring::build_dataset(store_source(*store.value()), options);
    }
    auto pw = read_passphrase(option(opts, "passphrase-file"));
    if (!pw) return pw.error();
    auto dek = store::Vault::unlock_data_key(from.where, pw->text());
    if (!dek) return dek.error();
    auto vault = store::Vault::open_with_data_key(from.where, dek.value());
    if (!vault) return vault.error();
    return monitoring::build_dataset(monitoring::vault_source(vault->db()), options);
}

void print_counts(const i18n::Catalog& cat, const monitoring::Dataset& d) {
    const monitoring::ExportReport& r = d.report;
    std::int64_t blanked = 0;
    for (auto n : r.l_diversity_blanked)
        blanked += n;
    std::printf("%s\n", cat.format("cli.export_counts", {{"read", r.read},
                                                         {"superseded", r.superseded},
                                                         {"filtered", r.filtered},
                                                         {"wijk", r.generalised_wijk},
                                                         {"year", r.generalised_year},
                                                         {"k", std::int64_t(d.k)},
                                                         {"suppressed", r.suppressed},
                                                         {"blanked", blanked},
                                                         {"written", r.written}})
                            .c_str());
}

Status write_report(const monitoring::Dataset& d, const fs::path& dir, const std::string& purpose) {
    report::MonitoringReportOptions options;
    options.purpose = purpose;
    options.now = SystemClock().now_utc();
    auto files = report::write_monitoring_report(d, dir, options);
    if (!files) return files.error();
    return {};
}

// The tables and the report at once: the report's charts are computed and drawn while the
// tables are written (write_tables itself uses two threads).
Status write_all(const monitoring::Dataset& d, const fs::path& dir, const std::string& purpose) {
    Status report_status;
    std::thread report([&] { report_status = write_report(d, dir, purpose); });
    Status tables = monitoring::write_tables(d, dir);
    report.join();
    return tables ? report_status : tables;
}

}  // namespace

int run_export(const i18n::Catalog& cat, const Options& opts) {
    auto from = parse_target(option(opts, "from"));
    if (!from || (from->kind == TargetKind::vault) != (opts.count("passphrase-file") == 1))
        return fail(cat, "cli.usage", 1);
    monitoring::ExportOptions options;
    options.purpose = option(opts, "purpose");
    options.team = option(opts, "team");
    options.wijk = option(opts, "wijk");
    Period period;
    if (opts.count("period") && !parse_period(opts.at("period"), period))
        return fail(cat, "cli.export_period", 1);
    options.from_quarter = period.from;
    options.to_quarter = period.to;
    if (opts.count("k") && !parse_k(opts.at("k"), options.k)) return fail(cat, "cli.export_k", 1);
    auto secret = read_export_secret(option(opts, "secret-file"));
    if (!secret) return fail(cat, "cli.export_secret", 1);
    options.secret = std::move(secret.value());
    const fs::path out = option(opts, "out");
    if (!make_out_dir(out)) return fail(cat, "cli.export_out_exists", 2);
    ProgressLine progress(cat);
    options.progress = [&](const monitoring::ExportProgress& p) { progress.update(p); };
    auto dataset = build_from(from.value(), opts, options);
    Status written =
        dataset ? write_all(dataset.value(), out, options.purpose) : Status(dataset.error());
    progress.finish();
    if (!written) {
        std::error_code ec;
        fs::remove_all(out, ec);  // it was new or empty: no half export stays behind
        if (!dataset && is_passphrase_file_error(dataset.error()))
            return fail_passphrase_file(cat, dataset.error());
        return report(cat, written.error());
    }
    print_counts(cat, dataset.value());
    return 0;
}

}  // namespace kt::cli
