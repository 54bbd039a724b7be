// The export's read: one pass over the assessments table (SQLite: one statement stepped in
// storage order; PostgreSQL: COPY ... TO STDOUT), one row per assessment, no copies.
#include <charconv>

#include "sql_store.hpp"

namespace kt::receiver {

namespace {

constexpr int kScanColumns = 17;

std::int64_t int_of(const CellView& cell) {
    std::int64_t v = 0;
    if (cell) std::from_chars(cell->data(), cell->data() + cell->size(), v);
    return v;
}

std::string_view text_of(const CellView& cell) {
    return cell.value_or(std::string_view());
}

void fill(const CellView* c, ScannedAssessment& a) {
    a.assessment_uuid = text_of(c[0]);
    a.version = int_of(c[1]);
    a.client_ref = text_of(c[2]);
    a.kind = text_of(c[3]);
    a.sealed_at = int_of(c[4]);
    a.age_years.reset();
    if (c[5]) a.age_years = static_cast<int>(int_of(c[5]));
    a.wijk = text_of(c[6]);
    a.team = text_of(c[7]);
    a.household = text_of(c[8]);
    a.network = {static_cast<int>(int_of(c[9])), static_cast<int>(int_of(c[10])),
                 static_cast<int>(int_of(c[11])), static_cast<int>(int_of(c[12]))};
    a.levels = text_of(c[13]);
    a.agrees = text_of(c[14]);
    a.goals = text_of(c[15]);
    a.reasons = text_of(c[16]);
}

}  // namespace

Status SqlStore::scan_assessments(const std::function<bool(const ScannedAssessment&)>& callback) {
    auto l = lease();
    if (!l) return l.error();
    ScannedAssessment row;
    return (*l)->conn().stream(
        "SELECT assessment_uuid, version, client_ref, kind, sealed_at, age_years, wijk, team, "
        "household, network_people, network_supportive, network_hindering, "
        "network_overloaded_carers, levels, agrees, goals, reasons FROM assessments",
        kScanColumns, [&](const CellView* cells) {
            fill(cells, row);
            return callback(row);
        });
}

Result<std::int64_t> SqlStore::count_assessments() {
    auto l = lease();
    if (!l) return l.error();
    return count_rows((*l)->conn(), "SELECT count(*) FROM assessments");
}

}  // namespace kt::receiver
