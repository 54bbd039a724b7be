// The overview's counts, aggregated in the database (monitoring_store.hpp): one statement for
// the levels and changes at each person's latest measurement, one for the clients per quarter.
// Both read only the selection's rows (the sealed_at index) and return a few hundred rows, so a
// page view never streams the store. PostgreSQL picks each client's latest row with window
// functions; SQLCipher's SQLite (3.15, none) with GROUP BY and joins.
#include <string>

#include "sql_monitoring_store.hpp"

namespace kt::receiver {

namespace {

// Only the newest version of a reopened assessment counts, as in the export.
constexpr std::string_view kNewest =
    " AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.assessment_uuid = a.assessment_uuid "
    "AND n.version > a.version)";

// The wijk and team conditions, their values appended to `params` ($n numbered on).
std::string where_groups(const MonitoringFilter& f, Params& params) {
    std::string sql;
    if (!f.wijk.empty()) {
        params.emplace_back(f.wijk);
        sql += " AND a.wijk = $" + std::to_string(params.size());
    }
    if (!f.teams.empty()) {
        sql += " AND a.team IN (";
        for (std::size_t i = 0; i < f.teams.size(); ++i) {
            params.emplace_back(f.teams[i]);
            sql += (i ? ", $" : "$") + std::to_string(params.size());
        }
        sql += ")";
    }
    return sql;
}

// The 13 domain positions as a table (i). SQLCipher's SQLite (3.15) has no window functions and
// no column names for VALUES, so every statement here is plain SQL both dialects run.
constexpr std::string_view kDomainPositions =
    "(SELECT 1 AS i UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 "
    "UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL "
    "SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13) d";

}  // namespace

namespace {

// The counts of each client's latest row in the selection (of the kind asked) and the levels of
// the row before it: `pick` is the SQL that yields (wijk, team, levels, prev) once per client.
std::string counts_of(const std::string& pick) {
    return "WITH latest AS (" + pick +
           "), picked AS (SELECT wijk, team, substr(levels, d.i, 1) AS lv, substr(prev, d.i, 1) "
           "AS pv, d.i AS dom FROM latest CROSS JOIN " +
           std::string(kDomainPositions) +
           ") SELECT wijk, team, dom, lv, CASE WHEN pv IS NULL OR pv = '0' OR lv = '0' THEN '' "
           "WHEN lv > pv THEN 'u' WHEN lv = pv THEN 's' ELSE 'd' END AS ch, count(*) FROM picked "
           "GROUP BY wijk, team, dom, lv, ch";
}

// PostgreSQL: one sort of the selection by client and time (LAG, DISTINCT ON).
std::string pick_postgres(const std::string& selection, const std::string& kind) {
    return "SELECT DISTINCT ON (client_ref) wijk, team, levels, prev FROM (SELECT a.client_ref, "
           "a.kind, a.wijk, a.team, a.levels, a.sealed_at, a.version, LAG(a.levels) OVER "
           "(PARTITION BY a.client_ref ORDER BY a.sealed_at, a.version) AS prev " +
           selection + ") b" + (kind.empty() ? "" : " WHERE kind = " + kind) +
           " ORDER BY client_ref, sealed_at DESC, version DESC";
}

// SQLite: sel, each row with one ordering key (seal time, then version); last: each client's
// latest row; prev: the row before it.
std::string pick_sqlite(const std::string& selection, const std::string& kind) {
    return "WITH sel AS (SELECT a.client_ref, a.kind, a.wijk, a.team, a.levels, "
           "a.sealed_at * 1000 + a.version AS k " +
           selection + "), last AS (SELECT client_ref, max(k) AS k FROM sel" +
           (kind.empty() ? "" : " WHERE kind = " + kind) +
           " GROUP BY client_ref), prev AS (SELECT s.client_ref, max(s.k) AS k FROM sel s JOIN "
           "last l ON l.client_ref = s.client_ref AND s.k < l.k GROUP BY s.client_ref) "
           "SELECT s.wijk, s.team, s.levels, p2.levels AS prev FROM last l JOIN sel s "
           "ON s.client_ref = l.client_ref AND s.k = l.k LEFT JOIN prev p ON p.client_ref = "
           "l.client_ref LEFT JOIN sel p2 ON p2.client_ref = p.client_ref AND p2.k = p.k";
}

}  // namespace

Result<std::vector<LevelCount>> SqlMonitoringStore::level_counts(const MonitoringFilter& f) {
    Params params{f.from, f.to};
    const std::string selection =
        "FROM assessments a WHERE a.sealed_at >= $1 AND a.sealed_at < $2" +
        where_groups(f, params) + std::string(kNewest);
    std::string kind;
    if (!f.kind.empty()) {
        params.emplace_back(f.kind);
        kind = "$" + std::to_string(params.size());
    }
    const std::string sql =
        counts_of(m_postgres ? pick_postgres(selection, kind) : pick_sqlite(selection, kind));
    auto rows = query(sql, params, 6);
    if (!rows) return rows.error();
    std::vector<LevelCount> out;
    out.reserve(rows->size());
    for (const Row& r : rows.value()) {
        const std::string level = as_text(r[3]), change = as_text(r[4]);
        out.push_back({as_text(r[0]), as_text(r[1]), int(as_int(r[2])) - 1,
                       level.empty() ? '0' : level[0], change.empty() ? char(0) : change[0],
                       as_int(r[5])});
    }
    return out;
}

Result<std::vector<QuarterCount>> SqlMonitoringStore::quarter_counts(
    const MonitoringFilter& f, const std::vector<std::int64_t>& bounds) {
    if (bounds.size() < 2) return std::vector<QuarterCount>();
    Params params{bounds.front(), bounds.back()};
    std::string which = bounds.size() == 2 ? "0" : "CASE";
    for (std::size_t i = 1; i + 1 < bounds.size(); ++i) {
        params.emplace_back(bounds[i]);
        which += " WHEN a.sealed_at < $" + std::to_string(params.size()) + " THEN " +
                 std::to_string(i - 1);
    }
    if (bounds.size() > 2) which += " ELSE " + std::to_string(bounds.size() - 2) + " END";
    const std::string sql =
        "SELECT q, count(*), sum(closed) FROM (SELECT " + which +
        " AS q, a.client_ref, max(CASE WHEN a.kind = 'afsluiting' THEN 1 ELSE 0 END) AS closed "
        "FROM assessments a WHERE a.sealed_at >= $1 AND a.sealed_at < $2" +
        where_groups(f, params) + std::string(kNewest) +
        " GROUP BY q, a.client_ref) t GROUP BY q ORDER BY q";
    auto rows = query(sql, params, 3);
    if (!rows) return rows.error();
    std::vector<QuarterCount> out;
    for (const Row& r : rows.value())
        out.push_back({int(as_int(r[0])), as_int(r[1]), as_int(r[2])});
    return out;
}

Result<std::optional<std::pair<std::int64_t, std::int64_t>>> SqlMonitoringStore::sealed_range() {
    using Range = std::optional<std::pair<std::int64_t, std::int64_t>>;
    auto rows = query("SELECT min(sealed_at), max(sealed_at) FROM assessments", {}, 2);
    if (!rows) return rows.error();
    if (rows->empty() || !rows->front()[0]) return Range();
    return Range(std::pair{as_int(rows->front()[0]), as_int(rows->front()[1])});
}

Result<std::vector<std::pair<std::string, std::string>>> SqlMonitoringStore::wijk_teams() {
    auto rows = query("SELECT DISTINCT wijk, team FROM assessments ORDER BY wijk, team", {}, 2);
    if (!rows) return rows.error();
    std::vector<std::pair<std::string, std::string>> out;
    for (const Row& r : rows.value())
        out.emplace_back(as_text(r[0]), as_text(r[1]));
    return out;
}

}  // namespace kt::receiver
