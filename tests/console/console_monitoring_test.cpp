// Monitoring for team leads and policy staff: export purposes from the server's terminal, and the
// overview and its export in Debian's Chromium (monitoring.mjs) against the real receiver on a
// synthetic population (keukentafel-cli synth), on SQLite and on PostgreSQL (there with a second
// receiver on the same database). This side makes the data, the users and the purposes, starts
// the receivers, then unzips the downloaded exports with libzip and reads them with its own CSV
// reader: every class of quasi-identifiers holds at least 5 pseudonyms, the rows match the
// filters, and the same clients get other pseudonyms under another purpose.
#include <sys/stat.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "export/synthetic.hpp"
#include "receiver_process.hpp"

namespace kt::test {
namespace {

std::string activation_link(ReceiverData& data, std::vector<std::string> args) {
    args.insert(args.begin(), {"user", "add"});
    const auto r = data.run(args);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto at = r.out.find("/activeren?token=");
    REQUIRE(at != std::string::npos);
    return r.out.substr(at, r.out.find('\n', at) - at);
}

void add_purpose(ReceiverData& data, const std::string& name, const std::string& text) {
    const auto r = data.run({"purpose", "add", name, "--description", text});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
}

// Every entry of a ZIP, read with libzip.
std::map<std::string, std::string> unzip(const fs::path& file) {
    int error = 0;
    zip_t* z = zip_open(file.c_str(), ZIP_RDONLY, &error);
    REQUIRE(z != nullptr);
    std::map<std::string, std::string> out;
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
        zip_stat_t st;
        REQUIRE(zip_stat_index(z, zip_uint64_t(i), 0, &st) == 0);
        std::string bytes(st.size, '\0');
        zip_file_t* f = zip_fopen_index(z, zip_uint64_t(i), 0);
        REQUIRE(f != nullptr);
        REQUIRE(zip_fread(f, bytes.data(), st.size) == zip_int64_t(st.size));
        zip_fclose(f);
        out[st.name] = bytes;
    }
    zip_close(z);
    return out;
}

// RFC 4180 rows of a comma CSV (quoted cells with doubled quotes, LF line ends).
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n') {
            rows.back().push_back(std::move(cell));
            cell.clear();
            rows.emplace_back();
        } else {
            cell += c;
        }
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

struct Filter {
    std::string from, to, wijk;
};

// The export's rows checked against k = 5 and the filters; returns the pseudonyms.
std::set<std::string> check_export(const std::map<std::string, std::string>& files, const Filter& f,
                                   const std::string& team) {
    for (const char* name : {"assessments.csv", "assessments_comma.csv", "assessments.json",
                             "schema.json", "changes.csv", "changes_comma.csv", "report.html"})
        CHECK(files.count(name) == 1);
    CHECK(files.at("report.html").find("Geen rapportcijfer") != std::string::npos);
    const auto rows = read_csv(files.at("assessments_comma.csv"));
    REQUIRE(rows.size() > 1);
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < rows[0].size(); ++i)
        col[rows[0][i]] = i;
    std::map<std::string, std::set<std::string>> classes;
    std::set<std::string> pseudonyms;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        REQUIRE(row.size() == rows[0].size());
        const std::string& q = row[col["quarter"]];
        const std::string& wijk = row[col["wijk"]];
        CHECK(row[col["team"]] == team);
        CHECK((wijk == f.wijk || wijk == "gemeente"));
        CHECK((q.size() == 4 || (q >= f.from && q <= f.to)));
        classes[row[col["age_band"]] + "|" + wijk + "|" + q + "|" + row[col["household"]] + "|" +
                row[col["team"]]]
            .insert(row[col["pseudonym"]]);
        pseudonyms.insert(row[col["pseudonym"]]);
    }
    for (const auto& [key, members] : classes) {
        INFO("class " << key);
        CHECK(members.size() >= 5);
    }
    std::printf("figure: export of %zu rows, %zu classes, %zu pseudonyms\n", rows.size() - 1,
                classes.size(), pseudonyms.size());
    return pseudonyms;
}

}  // namespace

TEST_CASE("export purposes from the terminal: add, list, retire, the secret never shown",
          "[console]") {
    ReceiverData data;
    const auto added = data.run(
        {"purpose", "add", "monitoring-2026", "--description", "Monitoring wijkteams 2026"});
    INFO(added.out << added.err);
    REQUIRE(added.exit_code == 0);
    CHECK(data.run({"purpose", "add", "monitoring-2026", "--description", "x"}).exit_code == 4);
    CHECK(data.run({"purpose", "add", "Geen Naam", "--description", "x"}).exit_code == 1);
    CHECK(data.run({"purpose", "add", "zonder-uitleg"}).exit_code == 1);
    struct stat st {};
    REQUIRE(::stat((data.dir / "keys" / "purpose.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const auto row = raw_receiver_query(
        data, "SELECT secret_sealed FROM export_purposes WHERE name = 'monitoring-2026'", 1);
    REQUIRE(row.size() == 1);
    CHECK(row[0][0].rfind("x1:", 0) == 0);
    const std::string sealed = row[0][0];
    CHECK(added.out.find(sealed.substr(3, 16)) == std::string::npos);
    CHECK(data.run({"purpose", "list"}).out ==
          "monitoring-2026\tactive\tMonitoring wijkteams 2026\n");
    REQUIRE(data.run({"purpose", "retire", "monitoring-2026"}).exit_code == 0);
    CHECK(raw_receiver_query(data, "SELECT secret_sealed FROM export_purposes", 1)[0][0].empty());
    CHECK(data.run({"purpose", "retire", "monitoring-2026"}).exit_code == 3);
    CHECK(data.run({"purpose", "list"}).out ==
          "monitoring-2026\tretired\tMonitoring wijkteams 2026\n");
    CHECK(data.run({"purpose", "add", "monitoring-2026", "--description", "again"}).exit_code == 4);
}

TEST_CASE("the monitoring overview in Chromium: filters, charts, tables, export, roles",
          "[console][browser]") {
    const ReceiverDb db = GENERATE(ReceiverDb::sqlite, ReceiverDb::postgres);
    const bool pg = db == ReceiverDb::postgres;
    INFO("backend " << (pg ? "postgres" : "sqlite"));
    use_fast_kdf_for_children();
    ReceiverData data(db);
    data.console = "127.0.0.1:0";
    const auto synth = run_program({std::string(KT_BIN_DIR) + "/keukentafel-cli", "synth", "--out",
                                    "receiver:" + data.dir.string(), "--clients", "1500",
                                    "--wijken", "6", "--measurements", "3", "--seed", "7"});
    INFO(synth.out << synth.err);
    REQUIRE(synth.exit_code == 0);
    add_purpose(data, "monitoring-2026", "Monitoring wijkteams 2026");
    add_purpose(data, "evaluatie-2026", "Evaluatie van de aanpak 2026");
    const auto teamleider =
        activation_link(data, {"--name", "tl", "--role", "teamleider", "--team", "Wijkteam A"});
    const auto beleid = activation_link(data, {"--name", "pol", "--role", "beleid"});
    ReceiverProcess a(data);
    REQUIRE(a.console_port() > 0);
    std::unique_ptr<ReceiverProcess> b;
    if (pg) b = std::make_unique<ReceiverProcess>(data);

    const fs::path shots =
        fs::path(KT_BIN_DIR).parent_path() / "console-screenshots" / (pg ? "postgres" : "sqlite");
    const fs::path downloads = data.tmp / "downloads";
    fs::create_directories(shots);
    fs::create_directories(downloads);
    const std::map<std::string, std::string> env{
        {"KT_CONSOLE_URL", "https://127.0.0.1:" + std::to_string(a.console_port())},
        {"KT_CONSOLE_URL_2", b ? "https://127.0.0.1:" + std::to_string(b->console_port()) : ""},
        {"KT_ACTIVATE_TEAMLEIDER", teamleider},
        {"KT_ACTIVATE_BELEID", beleid},
        {"KT_OTHER_WIJK", monitoring::synthetic_wijken(6)[2]},
        {"KT_SCREENSHOTS", shots.string()},
        {"KT_DOWNLOADS", downloads.string()}};
    const auto r = run_program(
        {"/usr/bin/node", std::string(KT_SOURCE_DIR) + "/tests/console/monitoring.mjs"}, env);
    std::printf("---- monitoring.mjs (%s) ----\n%s", pg ? "postgres" : "sqlite", r.out.c_str());
    INFO(r.out << r.err << a.errors());
    REQUIRE(r.exit_code == 0);

    Filter f;
    std::istringstream filter(read_bytes(downloads / "filter.txt"));  // "FROM TO WIJK NAME"
    filter >> f.from >> f.to >> std::ws;
    std::getline(filter, f.wijk);
    const auto first = check_export(unzip(downloads / "monitoring-2026.zip"), f, "Wijkteam A");
    const auto second = check_export(unzip(downloads / "evaluatie-2026.zip"), f, "Wijkteam A");
    CHECK(first.size() == second.size());
    std::size_t shared = 0;
    for (const auto& p : first)
        shared += second.count(p);
    CHECK(shared == 0);  // the same clients, other pseudonyms under another purpose

    auto store = open_receiver_store(data);
    const auto downloaded = store->audit_entries("export_downloaded").value();
    REQUIRE(downloaded.size() == 2);
    CHECK(downloaded[0].actor == "tl");
    CHECK(downloaded[0].object.find("monitoring-2026 van=" + f.from) == 0);
    CHECK(downloaded[0].result.rfind("rows=", 0) == 0);
    bool refused_team = false;
    const auto refusals = store->audit_entries("console_refused").value();
    for (const auto& e : refusals)
        refused_team |= e.actor == "tl" && e.object.find("team=Wijkteam B") != std::string::npos;
    CHECK(refused_team);
    CHECK(a.alive());
    if (b) CHECK(b->alive());
}

}  // namespace kt::test
