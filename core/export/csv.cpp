// assessments.csv and changes.csv in the Dutch Excel and the comma dialect.
#include <array>
#include <charconv>
#include <string>

#include "export/changes.hpp"
#include "export/chunk_buffer.hpp"
#include "export/writers.hpp"
#include "model/zrm.hpp"

namespace kt::monitoring {

namespace {

using detail::ChunkBuffer;

struct Dialect {
    char separator;
    const char* line_end;
};

Dialect dialect_of(CsvDialect d) {
    return d == CsvDialect::excel_nl ? Dialect{';', "\r\n"} : Dialect{',', "\n"};
}

// A cell a spreadsheet would run as a formula (neutralise_cell's rule).
bool risky_start(std::string_view text) {
    if (text.empty()) return false;
    const char c = text[0];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// The bytes that make a cell need quotes (RFC 4180): the separator, a quote, CR or LF.
struct QuoteBytes {
    std::array<bool, 256> quote{};
    explicit constexpr QuoteBytes(char separator) {
        for (const char c : {separator, '"', '\r', '\n'})
            quote[static_cast<unsigned char>(c)] = true;
    }
};
constexpr QuoteBytes kSemicolonQuotes{';'}, kCommaQuotes{','};

bool needs_quotes(std::string_view cell, char separator) {
    const auto& bytes = separator == ';' ? kSemicolonQuotes.quote : kCommaQuotes.quote;
    for (const char c : cell)
        if (bytes[static_cast<unsigned char>(c)]) return true;
    return false;
}

// RFC 4180: quote when the cell holds the separator, a quote, CR or LF; double the quotes.
// The cell is neutralised first (a leading ' for a risky start), without a copy.
void append_cell(std::string& out, std::string_view cell, char separator) {
    const bool risky = risky_start(cell);
    if (!needs_quotes(cell, separator)) {
        if (risky) out += '\'';
        out += cell;
        return;
    }
    out += '"';
    if (risky) out += '\'';
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_number(std::string& out, long long n) {
    if (n >= 0 && n <= 9) {  // every level, most counts
        out += static_cast<char>('0' + n);
        return;
    }
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

class Line {
  public:
    Line(std::string& out, Dialect d) : m_out(out), m_d(d) {}
    void text(std::string_view cell) { next(), append_cell(m_out, cell, m_d.separator); }
    void number(long long n) { next(), append_number(m_out, n); }
    void optional_level(const std::optional<int>& n) {
        next();
        if (n) append_number(m_out, *n);
    }
    void end() { m_out += m_d.line_end; }

  private:
    void next() {
        if (!m_first) m_out += m_d.separator;
        m_first = false;
    }
    std::string& m_out;
    Dialect m_d;
    bool m_first = true;
};

const char* yes_no(bool b) {
    return b ? "ja" : "nee";
}

void header(std::string& out, Dialect d, const std::vector<std::string>& columns) {
    Line line(out, d);
    for (const std::string& c : columns)
        line.text(c);
    line.end();
}

void assessment_line(std::string& out, Dialect d, const ExportRow& r) {
    Line line(out, d);
    for (const std::string* s :
         {&r.pseudonym, &r.kind, &r.quarter, &r.age_band, &r.wijk, &r.team, &r.household})
        line.text(*s);
    for (const auto& level : r.levels)
        line.optional_level(level);
    for (LevelReason reason : r.level_reason)
        line.text(reason_code(reason));
    for (bool goal : r.goals)
        line.text(yes_no(goal));
    for (const auto& agrees : r.client_agrees)
        line.text(agrees ? yes_no(*agrees) : "");
    for (int n :
         {r.network_people, r.network_supportive, r.network_hindering, r.network_overloaded_carers})
        line.number(n);
    line.end();
}

void change_line(std::string& out, Dialect d, const Change& c) {
    Line line(out, d);
    line.text(c.from->pseudonym);
    line.text(zrm::kDomains[c.domain]);
    line.text(c.from->kind);
    line.text(c.to->kind);
    line.text(c.from->quarter);
    line.text(c.to->quarter);
    line.number(*c.from->levels[c.domain]);
    line.number(*c.to->levels[c.domain]);
    line.number(c.change);
    line.end();
}

void start_file(std::string& out, CsvDialect dialect) {
    if (dialect == CsvDialect::excel_nl) out += "\xEF\xBB\xBF";  // the BOM makes Excel read UTF-8
}

}  // namespace

std::vector<std::string> assessment_columns() {
    std::vector<std::string> c = {"pseudonym", "kind", "quarter",  "age_band",
                                  "wijk",      "team", "household"};
    for (auto d : zrm::kDomains)
        c.emplace_back(d);
    for (auto d : zrm::kDomains)
        c.push_back(std::string(d) + "_reason");
    for (auto d : zrm::kDomains)
        c.push_back(std::string(d) + "_goal");
    for (auto d : zrm::kDomains)
        c.push_back(std::string(d) + "_client_agrees");
    for (const char* n :
         {"network_people", "network_supportive", "network_hindering", "network_overloaded_carers"})
        c.emplace_back(n);
    return c;
}

std::vector<std::string> change_columns() {
    return {"pseudonym",  "domain",     "from_kind", "to_kind", "from_quarter",
            "to_quarter", "from_level", "to_level",  "change"};
}

std::string neutralise_cell(std::string_view text) {
    if (risky_start(text)) return "'" + std::string(text);
    return std::string(text);
}

bool write_assessments_csv(const Dataset& data, CsvDialect dialect, const ChunkSink& sink) {
    ChunkBuffer buf(sink);
    const Dialect d = dialect_of(dialect);
    start_file(buf.text(), dialect);
    header(buf.text(), d, assessment_columns());
    for (const ExportRow& r : data.rows) {
        assessment_line(buf.text(), d, r);
        if (!buf.maybe_flush()) return false;
    }
    return buf.flush();
}

bool write_changes_csv(const Dataset& data, CsvDialect dialect, const ChunkSink& sink) {
    ChunkBuffer buf(sink);
    const Dialect d = dialect_of(dialect);
    start_file(buf.text(), dialect);
    header(buf.text(), d, change_columns());
    bool ok = true;
    for_each_change(data, [&](const Change& c) {
        change_line(buf.text(), d, c);
        ok = ok && buf.maybe_flush();
    });
    return ok && buf.flush();
}

}  // namespace kt::monitoring
