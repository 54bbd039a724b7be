// k-anonymity by local recoding and l-diversity for the sensitive domains (security-tests.md
// finding 10). Each round sorts the live rows by (class, pseudonym) once: O(n log n).
#include <algorithm>
#include <bit>

#include "export/rows.hpp"
#include "model/zrm.hpp"

namespace kt::monitoring::detail {

namespace {

struct Entry {
    std::uint64_t key;
    PseudonymKey pseudonym;
    std::uint32_t index;
};

bool entry_less(const Entry& a, const Entry& b) {
    if (a.key != b.key) return a.key < b.key;
    return a.pseudonym < b.pseudonym;
}

std::vector<Entry> sorted_entries(const std::vector<WorkRow>& rows, std::uint32_t gemeente) {
    std::vector<Entry> entries;
    entries.reserve(rows.size());
    for (std::uint32_t i = 0; i < rows.size(); ++i)
        if (!rows[i].dropped)
            entries.push_back({class_key(rows[i], gemeente), pseudonym_key(rows[i].pseudonym), i});
    std::sort(entries.begin(), entries.end(), entry_less);
    return entries;
}

// Calls `op(class_begin, class_end)` for every run of one class in sorted entries.
template <typename Op>
void for_each_class(const std::vector<Entry>& entries, Op op) {
    std::size_t begin = 0;
    while (begin < entries.size()) {
        std::size_t end = begin + 1;
        while (end < entries.size() && entries[end].key == entries[begin].key)
            ++end;
        op(begin, end);
        begin = end;
    }
}

std::size_t distinct_pseudonyms(const std::vector<Entry>& e, std::size_t begin, std::size_t end) {
    std::size_t n = 0;
    for (std::size_t i = begin; i < end; ++i)
        if (i == begin || e[i].pseudonym != e[i - 1].pseudonym) ++n;
    return n;
}

// Applies `recode` to every row of a class with fewer than k distinct pseudonyms; returns
// how many rows it changed.
template <typename Recode>
std::int64_t recode_small_classes(std::vector<WorkRow>& rows, int k, std::uint32_t gemeente,
                                  Recode recode) {
    const std::vector<Entry> entries = sorted_entries(rows, gemeente);
    std::int64_t changed = 0;
    for_each_class(entries, [&](std::size_t begin, std::size_t end) {
        if (distinct_pseudonyms(entries, begin, end) >= std::size_t(k)) return;
        for (std::size_t i = begin; i < end; ++i)
            changed += recode(rows[entries[i].index]) ? 1 : 0;
    });
    return changed;
}

}  // namespace

std::uint64_t class_key(const WorkRow& row, std::uint32_t gemeente) {
    const std::uint32_t wijk = row.wijk_generalised ? gemeente : row.wijk;
    const std::uint64_t year = std::uint64_t(row.quarter / 4);
    const std::uint64_t period = year * 8 + (row.year_only ? 4 : std::uint64_t(row.quarter % 4));
    return (std::uint64_t(row.age_band) << 60) | (std::uint64_t(row.household) << 57) |
           (std::uint64_t(wijk & 0xFFFFF) << 37) | (std::uint64_t(row.team & 0xFFFFF) << 17) |
           (period & 0x1FFFF);
}

void enforce_k(std::vector<WorkRow>& rows, int k, std::uint32_t gemeente, ExportReport& report) {
    report.generalised_wijk += recode_small_classes(rows, k, gemeente, [&](WorkRow& r) {
        if (r.wijk_generalised || r.wijk == gemeente) return false;
        r.wijk_generalised = true;
        return true;
    });
    report.generalised_year += recode_small_classes(rows, k, gemeente, [](WorkRow& r) {
        if (r.year_only) return false;
        r.year_only = true;
        return true;
    });
    report.suppressed += recode_small_classes(rows, k, gemeente, [](WorkRow& r) {
        r.dropped = true;
        return true;
    });
}

void enforce_l(std::vector<WorkRow>& rows, int l, std::uint32_t gemeente, ExportReport& report) {
    const std::vector<Entry> entries = sorted_entries(rows, gemeente);
    for (std::size_t s = 0; s < kSensitiveDomains.size(); ++s) {
        const int d = *zrm::domain_index(kSensitiveDomains[s]);
        for_each_class(entries, [&](std::size_t begin, std::size_t end) {
            unsigned seen = 0;
            for (std::size_t i = begin; i < end; ++i)
                seen |= 1u << rows[entries[i].index].levels[d];
            seen &= ~1u;  // bit 0: no level
            if (seen == 0 || std::popcount(seen) >= l) return;
            for (std::size_t i = begin; i < end; ++i) {
                WorkRow& r = rows[entries[i].index];
                if (r.levels[d] == 0) continue;
                r.levels[d] = 0;
                r.reasons[d] = LevelReason::l_diversity;
                ++report.l_diversity_blanked[s];
            }
        });
    }
}

}  // namespace kt::monitoring::detail
