#include "export/aggregates.hpp"

#include <algorithm>
#include <numeric>

namespace kt::monitoring {

namespace {

constexpr std::size_t kLast = std::size_t(-1);

struct WorkRow {
    std::string label;
    std::vector<std::int64_t> counts;
    int merged = 0;
    std::size_t position = 0;  // in the raw table; kLast for "overig"
    std::int64_t total() const { return std::accumulate(counts.begin(), counts.end(), 0LL); }
};

void add_into(WorkRow& into, const WorkRow& row) {
    for (std::size_t c = 0; c < into.counts.size(); ++c)
        into.counts[c] += row.counts[c];
    into.merged += row.merged > 0 ? row.merged : 1;
}

// Rule 1 (merge): rows below k join "overig", then the smallest rows until it reaches k.
std::vector<WorkRow> merge_small(std::vector<WorkRow> rows, std::size_t width, int k) {
    WorkRow other{kOther, std::vector<std::int64_t>(width, 0), 0, kLast};
    std::vector<WorkRow> kept;
    for (auto& row : rows) {
        if (row.total() < k)
            add_into(other, row);
        else
            kept.push_back(std::move(row));
    }
    while (other.merged > 0 && other.total() < k && !kept.empty()) {
        const auto smallest =
            std::min_element(kept.begin(), kept.end(), [](const WorkRow& a, const WorkRow& b) {
                return a.total() != b.total() ? a.total() < b.total() : a.label < b.label;
            });
        add_into(other, *smallest);
        kept.erase(smallest);
    }
    if (other.merged > 0) kept.push_back(std::move(other));
    return kept;
}

using Hidden = std::vector<std::vector<bool>>;

// A primary cell (rule 2): 1 .. k-1. Zeros name nobody and stay shown.
bool small(std::int64_t v, int k) {
    return v > 0 && v < k;
}

// Which shown cell to hide next (rule 3): the smallest that is not zero (hiding a zero adds
// no doubt about the small cell it should cover), a zero only when nothing else is left.
bool less_useful(std::int64_t current, std::int64_t candidate) {
    if ((current == 0) != (candidate == 0)) return current == 0;
    return candidate < current;
}

// Rule 3 for one line of cells (a row or a column): when any is hidden, at least two are and
// they sum to at least k; else the smallest shown cell is hidden too. True when it hid one.
bool complete_line(const std::vector<std::pair<std::size_t, std::size_t>>& cells,
                   const std::vector<WorkRow>& rows, Hidden& hidden, int k) {
    bool changed = false;
    for (;;) {
        int count = 0;
        std::int64_t sum = 0;
        const std::pair<std::size_t, std::size_t>* smallest = nullptr;
        for (const auto& rc : cells) {
            const std::int64_t v = rows[rc.first].counts[rc.second];
            if (hidden[rc.first][rc.second]) {
                ++count;
                sum += v;
            } else if (!smallest ||
                       less_useful(rows[smallest->first].counts[smallest->second], v)) {
                smallest = &rc;
            }
        }
        if (count == 0 || (count >= 2 && sum >= k) || !smallest) return changed;
        hidden[smallest->first][smallest->second] = true;
        changed = true;
    }
}

// Rule 4: the column totals as a row of their own (never shown; the same in every table of
// the same people, so each table hides the same totals). A hidden total keeps at least one
// hidden cell in its column, so no table shows that column whole.
std::vector<bool> hidden_totals(const std::vector<WorkRow>& rows, std::size_t width, int k) {
    WorkRow totals{"", std::vector<std::int64_t>(width, 0), 0};
    for (const auto& row : rows)
        for (std::size_t c = 0; c < width; ++c)
            totals.counts[c] += row.counts[c];
    Hidden hidden(1, std::vector<bool>(width, false));
    std::vector<std::pair<std::size_t, std::size_t>> line;
    for (std::size_t c = 0; c < width; ++c) {
        hidden[0][c] = small(totals.counts[c], k);
        line.emplace_back(0, c);
    }
    complete_line(line, {totals}, hidden, k);
    return hidden[0];
}

bool keep_total_hidden(std::size_t c, const std::vector<WorkRow>& rows, Hidden& hidden) {
    std::size_t smallest = rows.size();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (hidden[r][c]) return false;
        if (smallest == rows.size() || less_useful(rows[smallest].counts[c], rows[r].counts[c]))
            smallest = r;
    }
    if (smallest == rows.size()) return false;
    hidden[smallest][c] = true;
    return true;
}

using Line = std::vector<std::pair<std::size_t, std::size_t>>;

Line row_line(std::size_t r, std::size_t width) {
    Line line;
    for (std::size_t c = 0; c < width; ++c)
        line.emplace_back(r, c);
    return line;
}

Line column_line(std::size_t c, std::size_t rows) {
    Line line;
    for (std::size_t r = 0; r < rows; ++r)
        line.emplace_back(r, c);
    return line;
}

Hidden suppress(const std::vector<WorkRow>& rows, std::size_t width, const ProtectOptions& o,
                int k) {
    Hidden hidden(rows.size(), std::vector<bool>(width, false));
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < width; ++c)
            hidden[r][c] = small(rows[r].counts[c], k);
    const std::vector<bool> totals = hidden_totals(rows, width, k);
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t r = 0; r < rows.size(); ++r)
            changed |= complete_line(row_line(r, width), rows, hidden, k);
        if (!o.protect_columns) continue;
        for (std::size_t c = 0; c < width; ++c) {
            if (totals[c]) changed |= keep_total_hidden(c, rows, hidden);
            changed |= complete_line(column_line(c, rows.size()), rows, hidden, k);
        }
    }
    return hidden;
}

ChartRow published_row(const WorkRow& row, const std::vector<bool>& hidden) {
    ChartRow out{row.label, false, row.total(), {}, 0, row.merged};
    std::int64_t shown = 0;
    for (std::size_t c = 0; c < row.counts.size(); ++c) {
        if (hidden[c]) {
            out.cells.emplace_back(std::nullopt);
        } else {
            out.cells.emplace_back(row.counts[c]);
            shown += row.counts[c];
        }
    }
    out.suppressed = out.total - shown;
    return out;
}

}  // namespace

ChartTable protect(const CountTable& raw, const ProtectOptions& options) {
    const int k = std::max(options.k, 5);
    const std::size_t width = raw.categories.size();
    ChartTable out{raw.categories, {}, false};
    std::vector<WorkRow> rows, withheld;
    for (std::size_t r = 0; r < raw.labels.size(); ++r) {
        WorkRow row{raw.labels[r], raw.counts[r], 0, r};
        row.counts.resize(width, 0);
        (options.merge_small_rows || row.total() >= k ? rows : withheld).push_back(row);
    }
    const std::int64_t all =
        std::accumulate(rows.begin(), rows.end(), 0LL,
                        [](std::int64_t s, const WorkRow& r) { return s + r.total(); });
    if (options.merge_small_rows) {
        if (all < k) return ChartTable{raw.categories, {}, true};
        rows = merge_small(std::move(rows), width, k);
    }
    const Hidden hidden = suppress(rows, width, options, k);
    std::vector<std::pair<std::size_t, ChartRow>> placed;
    for (std::size_t r = 0; r < rows.size(); ++r)
        placed.emplace_back(rows[r].position, published_row(rows[r], hidden[r]));
    for (const auto& row : withheld)
        placed.emplace_back(
            row.position,
            ChartRow{row.label, true, 0, std::vector<std::optional<std::int64_t>>(width), 0, 0});
    std::sort(placed.begin(), placed.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [_, row] : placed)
        out.rows.push_back(std::move(row));
    out.too_small = rows.empty();
    return out;
}

}  // namespace kt::monitoring
