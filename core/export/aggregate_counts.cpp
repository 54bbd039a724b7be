// The raw counts behind the monitoring charts (declared in export/aggregates.hpp). Counts of
// people, not of assessments, wherever a level is counted: five assessments of one client are
// still one person in a cell. One pass over the people fills every table: a million rows take
// a fraction of a second.
#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <string_view>
#include <tuple>

#include "export/aggregates.hpp"
#include "model/zrm.hpp"

namespace kt::monitoring {

namespace {

const char* const kKinds[] = {"intake", "voortgang", "afsluiting"};
constexpr std::size_t kLevelColumns = 6;  // levels 1..5 and kNotScored

using Person = std::span<const ExportRow* const>;

bool by_person_then_time(const ExportRow* a, const ExportRow* b) {
    if (a->pseudonym != b->pseudonym) return a->pseudonym < b->pseudonym;
    return a->order < b->order;
}

// The rows grouped by pseudonym, each person's in the order measured. Dataset::rows is
// already in that order; any other order is sorted first.
std::vector<const ExportRow*> person_order(const Dataset& data) {
    std::vector<const ExportRow*> rows;
    rows.reserve(data.rows.size());
    for (const auto& row : data.rows)
        rows.push_back(&row);
    if (!std::is_sorted(rows.begin(), rows.end(), by_person_then_time))
        std::stable_sort(rows.begin(), rows.end(), by_person_then_time);
    return rows;
}

// Calls f(Person) for each pseudonym's run of rows.
template <class F>
void for_each_person(const std::vector<const ExportRow*>& rows, F&& f) {
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t j = i + 1;
        while (j < rows.size() && rows[j]->pseudonym == rows[i]->pseudonym)
            ++j;
        f(Person(rows.data() + i, j - i));
        i = j;
    }
}

// Group labels (wijken or teams) numbered in the order first seen; the tables list them by
// name. The last label is remembered: neighbours mostly share one.
class Groups {
  public:
    std::size_t index(const std::string& label) {
        if (m_last < m_labels.size() && m_labels[m_last] == label) return m_last;
        auto [it, added] = m_index.try_emplace(label, m_labels.size());
        if (added) m_labels.push_back(label);
        m_last = it->second;
        return m_last;
    }
    std::size_t size() const { return m_labels.size(); }
    // (label, index) by label.
    const std::map<std::string, std::size_t, std::less<>>& by_name() const { return m_index; }

  private:
    std::map<std::string, std::size_t, std::less<>> m_index;
    std::vector<std::string> m_labels;
    std::size_t m_last = 0;
};

std::vector<std::string> level_categories() {
    return {"1", "2", "3", "4", "5", kNotScored};
}

// Per domain, per group, per level column: counts of people at their latest measurement.
struct LevelCounts {
    Groups groups;
    std::vector<std::array<std::array<std::int64_t, kLevelColumns>, kDomainCount>> counts;

    void add(const ExportRow& latest, const std::string& label) {
        const std::size_t g = groups.index(label);
        if (g == counts.size()) counts.emplace_back();
        for (std::size_t d = 0; d < kDomainCount; ++d) {
            const auto& level = latest.levels[d];
            const bool valid = level && zrm::is_valid_level(*level);
            ++counts[g][d][valid ? std::size_t(*level - 1) : kLevelColumns - 1];
        }
    }
    CountTable table(std::size_t domain) const {
        CountTable out{level_categories(), {}, {}};
        for (const auto& [label, g] : groups.by_name()) {
            out.labels.push_back(label);
            out.counts.emplace_back(counts[g][domain].begin(), counts[g][domain].end());
        }
        return out;
    }
};

// The intake and the first voortgang after it, or nulls.
std::pair<const ExportRow*, const ExportRow*> intake_and_progress(Person rows) {
    const ExportRow* intake = nullptr;
    for (const ExportRow* row : rows) {
        if (!intake && row->kind == "intake") intake = row;
        if (intake && row->kind == "voortgang") return {intake, row};
    }
    return {intake, nullptr};
}

// Per domain: up, same, down from the intake to the first voortgang after it.
struct ChangeCounts {
    std::array<std::array<std::int64_t, 3>, kDomainCount> counts{};

    void add(Person rows) {
        const auto [intake, progress] = intake_and_progress(rows);
        if (!progress) return;
        for (std::size_t d = 0; d < kDomainCount; ++d) {
            const auto &from = intake->levels[d], &to = progress->levels[d];
            if (!from || !to) continue;
            ++counts[d][*to > *from ? 0 : *to == *from ? 1 : 2];
        }
    }
    CountTable table() const {
        CountTable out{{kUp, kSame, kDown}, {}, {}};
        for (std::size_t d = 0; d < kDomainCount; ++d) {  // matrix order, not by result
            out.labels.emplace_back(zrm::kDomains[d]);
            out.counts.emplace_back(counts[d].begin(), counts[d].end());
        }
        return out;
    }
};

struct PeopleCounts {
    LevelCounts by_wijk, by_team;
    ChangeCounts change;
    std::int64_t people = 0;
};

PeopleCounts count_people(const Dataset& data) {
    PeopleCounts out;
    for_each_person(person_order(data), [&](Person rows) {
        const ExportRow& latest = *rows.back();
        out.by_wijk.add(latest, latest.wijk);
        out.by_team.add(latest, latest.team);
        out.change.add(rows);
        ++out.people;
    });
    return out;
}

std::pair<std::string, std::string> quarter_range(const Dataset& data) {
    std::string first, last;
    for (const auto& row : data.rows) {
        if (first.empty() || row.quarter < first) first = row.quarter;
        if (last.empty() || row.quarter > last) last = row.quarter;
    }
    return {first, last};
}

}  // namespace

CountTable level_counts(const Dataset& data, std::size_t domain, Grouping by) {
    const PeopleCounts counts = count_people(data);
    return (by == Grouping::wijk ? counts.by_wijk : counts.by_team).table(domain);
}

CountTable change_counts(const Dataset& data) {
    return count_people(data).change.table();
}

CountTable quarter_counts(const Dataset& data) {
    Groups quarters;
    std::vector<std::array<std::int64_t, 3>> counts;
    for (const auto& row : data.rows) {
        const std::size_t q = quarters.index(row.quarter);
        if (q == counts.size()) counts.emplace_back();
        for (std::size_t i = 0; i < 3; ++i)
            if (row.kind == kKinds[i]) ++counts[q][i];
    }
    CountTable out{{kKinds[0], kKinds[1], kKinds[2]}, {}, {}};
    for (const auto& [label, q] : quarters.by_name()) {
        out.labels.push_back(label);
        out.counts.emplace_back(counts[q].begin(), counts[q].end());
    }
    return out;
}

MonitoringCharts build_charts(const Dataset& data) {
    MonitoringCharts out;
    out.k = std::max(data.k, 5);
    std::tie(out.first_quarter, out.last_quarter) = quarter_range(data);
    const PeopleCounts counts = count_people(data);  // once: 28 tables read it
    out.people = counts.people;
    const ProtectOptions groups{out.k, true, true};
    for (std::size_t d = 0; d < kDomainCount; ++d) {
        out.levels_by_wijk.push_back(protect(counts.by_wijk.table(d), groups));
        out.levels_by_team.push_back(protect(counts.by_team.table(d), groups));
    }
    // Rows are domains: merging them makes no sense and no column total is shown anywhere.
    out.change_by_domain = protect(counts.change.table(), ProtectOptions{out.k, false, false});
    out.per_quarter = protect(quarter_counts(data), groups);
    return out;
}

}  // namespace kt::monitoring
