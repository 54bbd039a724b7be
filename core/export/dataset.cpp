// build_dataset: read → newest version per assessment → filters → k → l → ExportRows.
#include "export/dataset.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <tuple>

#include "export/pipelined_source.hpp"
#include "export/rows.hpp"

namespace kt::monitoring {

namespace {

using detail::Names;
using detail::WorkRow;

// Wijk and team ids share a 64-bit class key with 20 bits each (detail::class_key).
constexpr std::size_t kMaxNames = std::size_t(1) << 20;

struct Period {
    QuarterIndex from = 0, to = 1 << 30;
};

Result<Period> check_options(const ExportOptions& o) {
    if (o.k < 5) return make_error(ErrorCode::usage, "k below 5 is refused");
    if (o.l < 2) return make_error(ErrorCode::usage, "l below 2 is refused");
    Period p;
    if (!o.from_quarter.empty()) {
        auto q = parse_quarter(o.from_quarter);
        if (!q) return q.error();
        p.from = *q;
    }
    if (!o.to_quarter.empty()) {
        auto q = parse_quarter(o.to_quarter);
        if (!q) return q.error();
        p.to = *q;
    }
    if (p.from > p.to) return make_error(ErrorCode::usage, "the period ends before it starts");
    return p;
}

struct Reading {
    std::vector<WorkRow> rows;
    Names wijken, teams;
    std::uint32_t gemeente = 0;
};

// Reports progress about every 16 384 rows read and at each stage.
class Progress {
  public:
    explicit Progress(const ExportOptions& o) : m_callback(o.progress), m_total(o.expected_rows) {}
    void row(std::int64_t read) {
        if (m_callback && (read & 16383) == 0) report(ExportProgress::Stage::reading, read);
    }
    void report(ExportProgress::Stage stage, std::int64_t done) const {
        if (!m_callback) return;
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        m_callback(ExportProgress{stage, done, m_total, seconds});
    }

  private:
    const ProgressCallback& m_callback;
    std::int64_t m_total;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

Status read_source(const MeasurementSource& source, const Pseudonymiser& pseudonyms,
                   Reading& reading, ExportReport& report, Progress& progress) {
    reading.gemeente = reading.wijken.intern(kWholeMunicipality);
    detail::PseudonymCache cache(pseudonyms);
    progress.report(ExportProgress::Stage::reading, 0);
    Status st = detail::read_pipelined(source, [&](const Measurement& m) {
        progress.row(++report.read);
        auto kind = detail::kind_code(m.kind);
        if (!kind) {
            ++report.invalid;
            return true;
        }
        reading.rows.push_back(
            detail::to_work_row(m, *kind, cache.of(m.client_ref), reading.wijken, reading.teams));
        return reading.wijken.size() < kMaxNames && reading.teams.size() < kMaxNames;
    });
    if (!st) return st;
    if (reading.wijken.size() >= kMaxNames || reading.teams.size() >= kMaxNames)
        return make_error(ErrorCode::usage, "more than a million distinct wijk or team names");
    return {};
}

// Newest version per assessment (ties: the later seal); the others are superseded. Sorts
// small keys, not the rows.
void keep_newest(std::vector<WorkRow>& rows, ExportReport& report) {
    struct Key {
        std::uint64_t a, b;
        std::int32_t version;
        std::int64_t sealed_at;
        std::uint32_t index;
    };
    std::vector<Key> keys(rows.size());
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
        std::memcpy(&keys[i].a, rows[i].uuid_key.data(), 8);
        std::memcpy(&keys[i].b, rows[i].uuid_key.data() + 8, 8);
        keys[i].version = rows[i].version;
        keys[i].sealed_at = rows[i].sealed_at;
        keys[i].index = i;
    }
    std::sort(keys.begin(), keys.end(), [](const Key& x, const Key& y) {
        return std::tie(x.a, x.b, y.version, y.sealed_at) <
               std::tie(y.a, y.b, x.version, x.sealed_at);
    });
    for (std::size_t i = 1; i < keys.size(); ++i) {
        if (keys[i].a != keys[i - 1].a || keys[i].b != keys[i - 1].b) continue;
        rows[keys[i].index].dropped = true;
        ++report.superseded;
    }
}

void apply_filters(std::vector<WorkRow>& rows, const ExportOptions& o, const Period& period,
                   const Reading& reading, ExportReport& report) {
    const auto team = o.team.empty() ? std::nullopt : reading.teams.find(o.team);
    const auto wijk = o.wijk.empty() ? std::nullopt : reading.wijken.find(o.wijk);
    for (WorkRow& r : rows) {
        if (r.dropped) continue;
        const bool out = (!o.team.empty() && (!team || r.team != *team)) ||
                         (!o.wijk.empty() && (!wijk || r.wijk != *wijk)) ||
                         r.quarter < period.from || r.quarter > period.to;
        if (!out) continue;
        r.dropped = true;
        ++report.filtered;
    }
}

void remove_dropped(std::vector<WorkRow>& rows) {
    rows.erase(std::remove_if(rows.begin(), rows.end(), [](const WorkRow& r) { return r.dropped; }),
               rows.end());
}

// Ordered by pseudonym, then time (kind, then the assessment's hashed uuid break a tie of
// equal seal times, so the order never depends on the order the source gave).
std::vector<ExportRow> export_rows(const std::vector<WorkRow>& rows, const Reading& reading) {
    struct Key {
        detail::PseudonymKey pseudonym;
        std::int64_t sealed_at;
        std::uint8_t kind;
        std::array<std::uint8_t, 16> uuid;
        std::uint32_t index;
    };
    std::vector<Key> keys(rows.size());
    for (std::uint32_t i = 0; i < keys.size(); ++i)
        keys[i] = {detail::pseudonym_key(rows[i].pseudonym), rows[i].sealed_at, rows[i].kind,
                   rows[i].uuid_key, i};
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        return std::tie(a.pseudonym, a.sealed_at, a.kind, a.uuid) <
               std::tie(b.pseudonym, b.sealed_at, b.kind, b.uuid);
    });
    std::vector<ExportRow> out;
    out.reserve(rows.size());
    std::int64_t order = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        order = (i > 0 && keys[i].pseudonym == keys[i - 1].pseudonym) ? order + 1 : 0;
        out.push_back(detail::to_export_row(rows[keys[i].index], reading.wijken, reading.teams));
        out.back().order = order;
    }
    return out;
}

}  // namespace

Result<Dataset> build_dataset(const MeasurementSource& source, const ExportOptions& options) {
    auto period = check_options(options);
    if (!period) return period.error();
    auto pseudonyms = Pseudonymiser::create(options.secret, options.purpose);
    if (!pseudonyms) return pseudonyms.error();

    Dataset data;
    data.k = options.k;
    Reading reading;
    if (options.expected_rows > 0)  // no doubling of a million rows' vector while reading
        reading.rows.reserve(std::size_t(std::min<std::int64_t>(options.expected_rows, 1 << 26)));
    Progress progress(options);
    if (Status st = read_source(source, *pseudonyms, reading, data.report, progress); !st)
        return st.error();
    progress.report(ExportProgress::Stage::building, data.report.read);
    keep_newest(reading.rows, data.report);
    apply_filters(reading.rows, options, *period, reading, data.report);
    remove_dropped(reading.rows);
    detail::enforce_k(reading.rows, options.k, reading.gemeente, data.report);
    remove_dropped(reading.rows);
    detail::enforce_l(reading.rows, options.l, reading.gemeente, data.report);
    data.rows = export_rows(reading.rows, reading);
    data.report.written = std::int64_t(data.rows.size());
    progress.report(ExportProgress::Stage::writing, 0);
    return data;
}

}  // namespace kt::monitoring
