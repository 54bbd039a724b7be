// T-31 (security-tests.md): a synthetic population of 2 000 clients in 8 wijken with three
// measurements each, exported for two purposes. No direct identifier in any output file,
// dates only as quarters or years, ages only as bands, every quasi-identifier class ≥ k
// distinct pseudonyms, l ≥ 2 for the sensitive domains (or blanked), no pseudonym shared
// between purposes or equal to a vault id.
#include <catch2/catch.hpp>

#include <string.h>

#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <unordered_set>

#include "export/dataset.hpp"
#include "export/synthetic.hpp"
#include "export/writers.hpp"
#include "export_helpers.hpp"
#include "model/zrm.hpp"
#include "support/test_support.hpp"

using namespace kt;
using namespace kt::monitoring;

namespace {

constexpr std::uint64_t kSeed = 31;
const SynthOptions kPopulation{2000, 8, 3, kSeed};

Dataset export_for(const std::string& purpose) {
    auto d =
        build_dataset([](const MeasurementSink& s) { return for_each_synthetic(kPopulation, s); },
                      test::options(purpose));
    REQUIRE(d.ok());
    return std::move(d).value();
}

std::string read_fast(const std::filesystem::path& path) {
    std::string out;
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
        char buf[1 << 16];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;)
            out.append(buf, n);
        std::fclose(f);
    }
    return out;
}

// The distinct cells and JSON tokens of the output files, one per line: what a reader of the
// export could see, small enough to search quickly. `data` leaves out schema.json's prose.
struct Tokens {
    std::string all, data;
};

Tokens distinct_tokens(const test::TempDir& tmp) {
    std::vector<std::string> files;
    std::unordered_set<std::string_view> all, data;
    for (const char* name : kExportFiles) {
        files.push_back(read_fast(tmp / "out" / name));
        REQUIRE_FALSE(files.back().empty());
        const bool schema = std::string_view(name) == "schema.json";
        std::string_view text = files.back();
        while (!text.empty()) {
            const std::size_t end = std::min(text.find_first_of(";,\n\r\"{}[]:"), text.size());
            all.insert(text.substr(0, end));
            if (!schema) data.insert(text.substr(0, end));
            text.remove_prefix(std::min(end + 1, text.size()));
        }
    }
    Tokens out;
    for (std::string_view t : all)
        out.all.append(t).append("\n");
    for (std::string_view t : data)
        out.data.append(t).append("\n");
    return out;
}

bool contains(const std::string& text, const std::string& needle) {
    return ::memmem(text.data(), text.size(), needle.data(), needle.size()) != nullptr;
}

// Every 9-digit run that passes the 11-proef: a BSN-like number.
std::size_t bsn_like_numbers(const std::string& text) {
    static const std::regex nine(R"((^|[^0-9A-Za-z])([0-9]{9})(?![0-9A-Za-z]))");
    std::size_t n = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), nine);
         it != std::sregex_iterator(); ++it)
        n += passes_eleven_test((*it)[2].str()) ? 1 : 0;
    return n;
}

std::size_t matches(const std::string& text, const char* pattern) {
    const std::regex re(pattern);
    return std::size_t(
        std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

void print_report(const ExportReport& r) {
    WARN("T-31 report: read " << r.read << ", superseded " << r.superseded << ", wijk→gemeente "
                              << r.generalised_wijk << ", quarter→year " << r.generalised_year
                              << ", suppressed " << r.suppressed << ", l-diversity blanked "
                              << r.l_diversity_blanked[0] << "/" << r.l_diversity_blanked[1] << "/"
                              << r.l_diversity_blanked[2] << ", written " << r.written);
}

}  // namespace

TEST_CASE("T-31 the export of a synthetic population holds no direct identifier", "[security]") {
    const Dataset d = export_for("monitoring-2026");
    print_report(d.report);
    test::TempDir tmp;
    REQUIRE(write_tables(d, tmp / "out").ok());
    const Tokens tokens = distinct_tokens(tmp);
    const std::string& out = tokens.all;
    const std::string& data = tokens.data;  // schema.json has prose

    std::size_t found = 0;
    for (const SyntheticIdentity& id : synthetic_identities(kSeed, kPopulation.clients)) {
        for (const std::string* s : {&id.family_name, &id.bsn, &id.birth_date, &id.postcode,
                                     &id.phone, &id.email, &id.note, &id.client_ref})
            found += contains(out, *s) ? 1 : 0;
        found += contains(out, id.given_name + " ") ? 1 : 0;
    }
    CHECK(found == 0);
    CHECK(bsn_like_numbers(out) == 0);
    CHECK(matches(out, R"([0-9]{2}-[0-9]{2}-[0-9]{4})") == 0);           // dd-mm-yyyy
    CHECK(matches(out, R"([0-9]{4}-[0-9]{2}-[0-9]{2})") == 0);           // ISO dates
    CHECK(matches(out, R"(\b[1-9][0-9]{3} ?[A-Z]{2}\b)") == 0);          // postcodes
    CHECK(matches(out, R"(\b06-?[0-9]{8}\b|@example)") == 0);            // phones, e-mail
    CHECK(matches(data, R"([A-Za-z]+ [a-z]+ [a-z]+ [a-z]+)") == 0);      // sentences
    CHECK(matches(out, R"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4})") == 0);  // uuids
}

TEST_CASE("T-31 dates are quarters or years and ages are bands", "[security]") {
    const Dataset d = export_for("monitoring-2026");
    const std::regex period(R"([0-9]{4}(Q[1-4])?)");
    const std::set<std::string> bands = {"0-17",  "18-26", "27-44",   "45-64",
                                         "65-79", "80+",   "onbekend"};
    for (const ExportRow& r : d.rows) {
        CHECK(std::regex_match(r.quarter, period));
        CHECK(bands.count(r.age_band) == 1);
    }
}

TEST_CASE("T-31 every quasi-identifier class holds k pseudonyms and l sensitive levels",
          "[security]") {
    const Dataset d = export_for("monitoring-2026");
    std::map<std::string, std::set<std::string>> pseudonyms;
    std::map<std::string, std::array<std::set<int>, kSensitiveDomains.size()>> levels;
    for (const ExportRow& r : d.rows) {
        const std::string cls =
            r.age_band + "|" + r.wijk + "|" + r.quarter + "|" + r.household + "|" + r.team;
        pseudonyms[cls].insert(r.pseudonym);
        for (std::size_t s = 0; s < kSensitiveDomains.size(); ++s) {
            const int dom = *zrm::domain_index(kSensitiveDomains[s]);
            if (r.levels[dom]) levels[cls][s].insert(*r.levels[dom]);
        }
    }
    std::size_t smallest = d.rows.size();
    for (const auto& [cls, set] : pseudonyms)
        smallest = std::min(smallest, set.size());
    WARN("T-31: " << pseudonyms.size() << " classes, the smallest with " << smallest
                  << " pseudonyms");
    CHECK(smallest >= 5);
    for (const auto& [cls, per_domain] : levels)
        for (const auto& set : per_domain)
            CHECK((set.empty() || set.size() >= 2));
}

TEST_CASE("T-31 two purposes share no pseudonym and none equals a vault id", "[security]") {
    const Dataset a = export_for("monitoring-2026");
    const Dataset b = export_for("research-2026");
    std::set<std::string> in_a;
    for (const ExportRow& r : a.rows)
        in_a.insert(r.pseudonym);
    std::size_t shared = 0;
    for (const ExportRow& r : b.rows)
        shared += in_a.count(r.pseudonym);
    CHECK(shared == 0);
    std::set<std::string> vault_ids;
    std::size_t equal = 0;
    for_each_synthetic(kPopulation, [&](const Measurement& m) {
        equal += in_a.count(m.client_ref) + in_a.count(m.assessment_uuid);
        return true;
    }).ok();
    CHECK(equal == 0);
    CHECK(in_a.size() > 1900);
}
