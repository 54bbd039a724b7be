// kt_bench_console: the console overview's work per page view on PostgreSQL: the store's
// aggregates the overview asks for (sealed range, wijken and teams, level and change counts,
// clients per quarter) for a beleid view of the last four quarters and a teamleider's view of
// one team, after filling N synthetic assessments with keukentafel-cli synth. Rendering the page
// from these few hundred rows takes milliseconds; the queries are the time to the first chart.
// N is 100 000 by default, KT_BENCH_CONSOLE_N sets it; KT_BENCH_FULL=1 runs 1 000 000.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench.hpp"
#include "export/generalise.hpp"
#include "receiver_store/monitoring_store.hpp"
#include "receiver_store/store.hpp"
#include "support/postgres_server.hpp"

namespace {

using kt::bench::fmt;
using kt::bench::row;
using kt::receiver::MonitoringFilter;

long rows_asked() {
    const char* full = std::getenv("KT_BENCH_FULL");
    if (full && std::string(full) == "1") return 1000000;
    const char* n = std::getenv("KT_BENCH_CONSOLE_N");
    return n && *n ? std::atol(n) : 100000;
}

// One page view's queries; seconds, or -1 when one failed.
double page_view(kt::receiver::MonitoringStore& m, const std::vector<std::string>& teams) {
    const auto t0 = std::chrono::steady_clock::now();
    auto range = m.sealed_range();
    if (!range || !range->has_value()) return -1;
    const int last = kt::monitoring::quarter_of(range->value().second);
    const int first = std::max(kt::monitoring::quarter_of(range->value().first), last - 3);
    MonitoringFilter f{kt::monitoring::quarter_start(first),
                       kt::monitoring::quarter_start(last + 1), "", teams, ""};
    std::vector<std::int64_t> bounds;
    for (int q = first; q <= last + 1; ++q)
        bounds.push_back(kt::monitoring::quarter_start(q));
    const auto t1 = std::chrono::steady_clock::now();
    if (!m.wijk_teams()) return -1;
    const auto t2 = std::chrono::steady_clock::now();
    if (!m.level_counts(f)) return -1;
    const auto t3 = std::chrono::steady_clock::now();
    if (!m.quarter_counts(f, bounds)) return -1;
    if (std::getenv("KT_BENCH_CONSOLE_PARTS"))
        std::printf("  range %.2f s, wijken and teams %.2f s, levels %.2f s, quarters %.2f s\n",
                    std::chrono::duration<double>(t1 - t0).count(),
                    std::chrono::duration<double>(t2 - t1).count(),
                    std::chrono::duration<double>(t3 - t2).count(), kt::bench::seconds_since(t3));
    return kt::bench::seconds_since(t0);
}

void bench(kt::receiver::Store& store, const std::string& what,
           const std::vector<std::string>& teams) {
    std::vector<double> times;
    for (int i = 0; i < 3; ++i)
        times.push_back(page_view(store.monitoring(), teams));
    if (*std::min_element(times.begin(), times.end()) < 0) return row(what, "query failed", "");
    row(what, fmt("median %.2f s", kt::bench::percentile(times, 50)), "<= 2 s @1M");
}

}  // namespace

// libpq keyword/value -> URI, as keukentafel-cli's --out takes it (the password is hex).
std::string uri_of(const kt::test::PostgresServer& pg, const std::string& db) {
    const std::string info = pg.conninfo_for(db);
    const auto at = info.find("password=") + 9;
    const std::string password = info.substr(at, info.find(' ', at) - at);
    return "postgresql://postgres:" + password + "@127.0.0.1:" + std::to_string(pg.port()) + "/" +
           db;
}

int main() {
    const long rows = rows_asked();
    auto pg = kt::test::PostgresServer::start();
    if (!pg) return std::printf("no PostgreSQL 15\n"), 0;
    auto info = pg.value()->create_database("kt_bench_console");
    if (!info) return 2;
    std::printf("| %-44s | %-22s | %-14s |\n", "measure", "figure", "target");
    const auto t0 = std::chrono::steady_clock::now();
    // Every argument is plain ASCII without spaces or quotes (the URI's password is hex).
    const std::string fill = std::string(KT_BIN_DIR) + "/keukentafel-cli synth --out " +
                             uri_of(*pg.value(), "kt_bench_console") + " --clients " +
                             std::to_string(rows / 3) +
                             " --wijken 24 --measurements 3 --seed 9 > /dev/null";
    if (std::system(fill.c_str()) != 0) return std::printf("synth failed\n"), 2;
    row("fill " + std::to_string(rows) + " assessments (synth)",
        fmt("%.1f s", kt::bench::seconds_since(t0)), "");
    kt::receiver::StoreConfig c;
    c.postgres_conninfo = info.value();
    auto store = kt::receiver::open_store(c);
    if (!store) return 2;
    bench(*store.value(), "overview queries, beleid, last 4 quarters", {});
    bench(*store.value(), "overview queries, teamleider of one team", {"Wijkteam A"});
    return 0;
}
