// T-27: the monitoring export writers, round trip. Two rows of one pseudonym get their text
// fields (pseudonym, kind, quarter, age band, wijk, team, household; separated by 0x1f) and
// their levels, reasons, goals and agreements from the input. Both CSV dialects read back with
// an RFC 4180 reader to one row per record, every record as wide as the header, every text
// cell exactly neutralise_cell(field) (no cell starts with = + - @ tab or CR); changes.csv
// reads back as wide as its header; assessments.json is JSON with each UTF-8 field as given.
#include <nlohmann/json.hpp>

#include "export/writers.hpp"
#include "fuzz_support.hpp"
#include "util/canonical_json.hpp"

namespace {

namespace km = kt::monitoring;
using Record = std::vector<std::string>;

// RFC 4180 with the dialect's separator; records end at LF or CRLF.
std::vector<Record> read_csv(std::string_view text, char sep) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<Record> out;
    Record rec;
    std::string cell;
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c != '"') {
                cell += c;
            } else if (i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"', ++i;
            } else {
                quoted = false;
            }
        } else if (c == '"') {
            KT_FUZZ_CHECK(cell.empty() && !was_quoted);  // a quote only opens a cell
            quoted = was_quoted = true;
        } else if (c == sep) {
            rec.push_back(std::move(cell)), cell.clear(), was_quoted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;  // CRLF: a CR of a cell's own is always quoted
        } else if (c == '\n') {
            rec.push_back(std::move(cell)), cell.clear(), was_quoted = false;
            out.push_back(std::move(rec)), rec.clear();
        } else {
            KT_FUZZ_CHECK(!was_quoted);  // nothing after a closing quote but sep or newline
            cell += c;
        }
    }
    KT_FUZZ_CHECK(!quoted && cell.empty() && rec.empty());  // the file ends with a line end
    return out;
}

std::string collect(const std::function<bool(const km::ChunkSink&)>& write) {
    std::string out;
    KT_FUZZ_CHECK(write([&](std::string_view chunk) {
        out += chunk;
        return true;
    }));
    return out;
}

km::Dataset dataset_of(std::string_view input, std::vector<std::string>& fields) {
    const auto parts = kt::fuzz::split(input, "\x1f", 8);
    for (std::size_t i = 0; i < 7; ++i)
        fields.emplace_back(i < parts.size() ? parts[i] : std::string_view());
    const std::string_view bits = parts.size() == 8 ? parts[7] : std::string_view();
    auto bit = [&](std::size_t i) { return i < bits.size() ? std::uint8_t(bits[i]) : 0; };
    km::Dataset d;
    for (int r = 0; r < 2; ++r) {
        km::ExportRow row{fields[0], fields[1], fields[2], fields[3],
                          fields[4], fields[5], fields[6]};
        for (std::size_t k = 0; k < km::kDomainCount; ++k) {
            const std::uint8_t b = bit(std::size_t(r) * km::kDomainCount + k);
            if (b % 6) row.levels[k] = b % 6;
            row.level_reason[k] = b % 6 ? km::LevelReason::scored : km::LevelReason(1 + b / 6 % 5);
            if (b & 0x40) row.client_agrees[k] = (b & 0x80) != 0;
            row.goals[k] = (b & 0x20) != 0;
        }
        row.network_people = bit(30), row.network_supportive = bit(31);
        row.order = r;
        d.rows.push_back(std::move(row));
    }
    return d;
}

void check_csv(const km::Dataset& d, const std::vector<std::string>& fields, km::CsvDialect dl) {
    const char sep = dl == km::CsvDialect::excel_nl ? ';' : ',';
    const auto records = read_csv(
        collect([&](const km::ChunkSink& s) { return km::write_assessments_csv(d, dl, s); }), sep);
    const auto columns = km::assessment_columns();
    KT_FUZZ_CHECK(records.size() == d.rows.size() + 1 && records[0] == columns);
    for (std::size_t r = 1; r < records.size(); ++r) {
        KT_FUZZ_CHECK(records[r].size() == columns.size());
        for (const std::string& cell : records[r])
            KT_FUZZ_CHECK(cell.empty() ||
                          std::string_view("=+-@\t\r").find(cell[0]) == std::string_view::npos);
        for (std::size_t i = 0; i < fields.size(); ++i)
            KT_FUZZ_CHECK(records[r][i] == km::neutralise_cell(fields[i]));
    }
    const auto changes = read_csv(
        collect([&](const km::ChunkSink& s) { return km::write_changes_csv(d, dl, s); }), sep);
    KT_FUZZ_CHECK(!changes.empty() && changes[0] == km::change_columns());
    for (const Record& rec : changes)
        KT_FUZZ_CHECK(rec.size() == changes[0].size());
}

void check_json(const km::Dataset& d, const std::vector<std::string>& fields) {
    const std::string text =
        collect([&](const km::ChunkSink& s) { return km::write_assessments_json(d, s); });
    const auto parsed = nlohmann::json::parse(text, nullptr, false);
    KT_FUZZ_CHECK(!parsed.is_discarded() && parsed.is_array() && parsed.size() == d.rows.size());
    const auto columns = km::assessment_columns();
    for (const auto& row : parsed) {
        KT_FUZZ_CHECK(row.size() == columns.size());
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const bool utf8 = kt::json::canonical(kt::json::Value(fields[i])).ok();
            KT_FUZZ_CHECK(!utf8 || row.at(columns[i]) == fields[i]);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> fields;
    const km::Dataset d = dataset_of(kt::fuzz::text_of(data, size), fields);
    check_csv(d, fields, km::CsvDialect::excel_nl);
    check_csv(d, fields, km::CsvDialect::comma);
    check_json(d, fields);
    return 0;
}
