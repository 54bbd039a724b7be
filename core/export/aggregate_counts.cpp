// The raw counts behind the monitoring charts (declared in export/aggregates.hpp). Counts of
// people, not of assessments, wherever a level is counted: five assessments of one client are
// still one person in a cell.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "export/aggregates.hpp"
#include "model/zrm.hpp"

namespace kt::monitoring {

namespace {

const char* const kKinds[] = {"intake", "voortgang", "afsluiting"};

// Each pseudonym's rows, in the order they were measured.
using Persons = std::unordered_map<std::string, std::vector<const ExportRow*>>;

Persons by_person(const Dataset& data) {
    Persons out;
    for (const auto& row : data.rows)
        out[row.pseudonym].push_back(&row);
    for (auto& [_, rows] : out)
        std::stable_sort(rows.begin(), rows.end(), [](const ExportRow* a, const ExportRow* b) {
            return a->order < b->order;
        });
    return out;
}

CountTable from_map(std::vector<std::string> categories,
                    const std::map<std::string, std::vector<std::int64_t>>& groups) {
    CountTable out{std::move(categories), {}, {}};
    for (const auto& [label, counts] : groups) {
        out.labels.push_back(label);
        out.counts.push_back(counts);
    }
    return out;
}

std::vector<std::string> level_categories() {
    return {"1", "2", "3", "4", "5", kNotScored};
}

// The intake and the first voortgang after it, or nulls.
std::pair<const ExportRow*, const ExportRow*> intake_and_progress(
    const std::vector<const ExportRow*>& rows) {
    const ExportRow* intake = nullptr;
    for (const ExportRow* row : rows) {
        if (!intake && row->kind == "intake") intake = row;
        if (intake && row->kind == "voortgang") return {intake, row};
    }
    return {intake, nullptr};
}

std::string first_quarter_of(const Dataset& data, bool last) {
    std::string out;
    for (const auto& row : data.rows)
        if (out.empty() || (last ? row.quarter > out : row.quarter < out)) out = row.quarter;
    return out;
}

CountTable level_counts_of(const Persons& persons, std::size_t domain, Grouping by) {
    std::map<std::string, std::vector<std::int64_t>> groups;
    for (const auto& [_, rows] : persons) {
        const ExportRow& latest = *rows.back();
        auto& counts = groups[by == Grouping::wijk ? latest.wijk : latest.team];
        counts.resize(6, 0);
        const auto& level = latest.levels[domain];
        const bool valid = level && zrm::is_valid_level(*level);
        ++counts[valid ? std::size_t(*level - 1) : 5];
    }
    return from_map(level_categories(), groups);
}

CountTable change_counts_of(const Persons& persons) {
    std::map<std::string, std::vector<std::int64_t>> groups;
    for (const auto id : zrm::kDomains)
        groups[std::string(id)].assign(3, 0);
    for (const auto& [_, rows] : persons) {
        const auto [intake, progress] = intake_and_progress(rows);
        if (!progress) continue;
        for (std::size_t d = 0; d < kDomainCount; ++d) {
            const auto &from = intake->levels[d], &to = progress->levels[d];
            if (!from || !to) continue;
            auto& counts = groups[std::string(zrm::kDomains[d])];
            ++counts[*to > *from ? 0 : *to == *from ? 1 : 2];
        }
    }
    CountTable out{{kUp, kSame, kDown}, {}, {}};
    for (const auto id : zrm::kDomains) {  // matrix order, not by name or by result
        out.labels.emplace_back(id);
        out.counts.push_back(groups[std::string(id)]);
    }
    return out;
}

}  // namespace

CountTable level_counts(const Dataset& data, std::size_t domain, Grouping by) {
    return level_counts_of(by_person(data), domain, by);
}

CountTable change_counts(const Dataset& data) {
    return change_counts_of(by_person(data));
}

CountTable quarter_counts(const Dataset& data) {
    std::map<std::string, std::vector<std::int64_t>> groups;
    for (const auto& row : data.rows) {
        auto& counts = groups[row.quarter];
        counts.resize(3, 0);
        for (std::size_t i = 0; i < 3; ++i)
            if (row.kind == kKinds[i]) ++counts[i];
    }
    return from_map({kKinds[0], kKinds[1], kKinds[2]}, groups);
}

MonitoringCharts build_charts(const Dataset& data) {
    MonitoringCharts out;
    out.k = std::max(data.k, 5);
    out.first_quarter = first_quarter_of(data, false);
    out.last_quarter = first_quarter_of(data, true);
    const Persons persons = by_person(data);  // once: 28 tables read it
    out.people = std::int64_t(persons.size());
    const ProtectOptions groups{out.k, true, true};
    for (std::size_t d = 0; d < kDomainCount; ++d) {
        out.levels_by_wijk.push_back(protect(level_counts_of(persons, d, Grouping::wijk), groups));
        out.levels_by_team.push_back(protect(level_counts_of(persons, d, Grouping::team), groups));
    }
    // Rows are domains: merging them makes no sense and no column total is shown anywhere.
    out.change_by_domain = protect(change_counts_of(persons), ProtectOptions{out.k, false, false});
    out.per_quarter = protect(quarter_counts(data), groups);
    return out;
}

}  // namespace kt::monitoring
