#include "packed_domains.hpp"

#include "model/zrm.hpp"

namespace kt::receiver {

namespace {

constexpr std::size_t kCount = std::size_t(zrm::kDomainCount);

void append_escaped(std::string& out, std::string_view text) {
    for (char c : text) {
        if (c == '%')
            out += "%25";
        else if (c == '|')
            out += "%7C";
        else
            out += c;
    }
}

void append_unescaped(std::string& out, std::string_view field) {
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '%' && field.substr(i, 3) == "%25") {
            out += '%';
            i += 2;
        } else if (field[i] == '%' && field.substr(i, 3) == "%7C") {
            out += '|';
            i += 2;
        } else {
            out += field[i];
        }
    }
}

// "coalesce((SELECT <expr> FROM assessment_domains d WHERE <this row> AND domain_id = 'x'),
// <none>)"
std::string domain_value(std::string_view expr, std::string_view domain, std::string_view none) {
    std::string sql = "coalesce((SELECT ";
    sql += expr;
    sql +=
        " FROM assessment_domains d WHERE d.assessment_uuid = assessments.assessment_uuid AND "
        "d.version = assessments.version AND d.domain_id = '";
    sql += domain;
    sql += "'), ";
    sql += none;
    sql += ")";
    return sql;
}

std::string packed_column(std::string_view expr, std::string_view none, std::string_view join) {
    std::string sql;
    for (std::size_t d = 0; d < kCount; ++d) {
        if (d > 0) sql += join;
        sql += domain_value(expr, zrm::kDomains[d], none);
    }
    return sql;
}

}  // namespace

PackedDomains pack_domains(const std::vector<DomainRow>& domains) {
    PackedDomains p{
        std::string(kCount, '0'), std::string(kCount, '-'), std::string(kCount, '0'), {}};
    std::vector<const std::string*> reasons(kCount, nullptr);
    for (const DomainRow& row : domains) {
        const auto at = zrm::domain_index(row.domain_id);
        if (!at) continue;
        const auto d = std::size_t(*at);
        if (row.level) p.levels[d] = char('0' + *row.level);
        if (row.client_agrees) p.agrees[d] = *row.client_agrees ? '1' : '0';
        if (row.is_goal) p.goals[d] = '1';
        reasons[d] = &row.unscored_reason;
    }
    for (std::size_t d = 0; d < kCount; ++d) {
        if (d > 0) p.reasons += '|';
        if (reasons[d]) append_escaped(p.reasons, *reasons[d]);
    }
    return p;
}

bool scanned_reason(std::string_view reasons, std::size_t index, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < index; ++i) {
        const auto bar = reasons.find('|');
        if (bar == std::string_view::npos) return false;
        reasons.remove_prefix(bar + 1);
    }
    const std::string_view field = reasons.substr(0, reasons.find('|'));
    if (field.find('%') == std::string_view::npos)
        out.assign(field);
    else
        append_unescaped(out, field);
    return true;
}

Result<std::vector<DomainRow>> unpack_domains(std::string_view levels, std::string_view agrees,
                                              std::string_view goals, std::string_view reasons) {
    if (levels.size() != kCount || agrees.size() != kCount || goals.size() != kCount)
        return make_error(ErrorCode::invalid_state, "packed domains of the wrong length");
    std::vector<DomainRow> out(kCount);
    for (std::size_t d = 0; d < kCount; ++d) {
        DomainRow& row = out[d];
        row.domain_id = std::string(zrm::kDomains[d]);
        if (levels[d] >= '1' && levels[d] <= '5') row.level = levels[d] - '0';
        if (agrees[d] == '0' || agrees[d] == '1') row.client_agrees = agrees[d] == '1';
        row.is_goal = goals[d] == '1';
        const auto bar = reasons.find('|');
        const std::string_view field = reasons.substr(0, bar);
        append_unescaped(row.unscored_reason, field);
        if (bar == std::string_view::npos && d + 1 < kCount)
            return make_error(ErrorCode::invalid_state, "packed reasons of the wrong length");
        reasons.remove_prefix(bar == std::string_view::npos ? reasons.size() : bar + 1);
    }
    return out;
}

std::string pack_domains_sql() {
    std::string sql = "UPDATE assessments SET levels = ";
    sql += packed_column("CAST(d.level AS TEXT)", "'0'", " || ");
    sql += ", agrees = ";
    sql += packed_column(
        "CASE WHEN d.client_agrees IS NULL THEN '-' ELSE CAST(d.client_agrees AS TEXT) END", "'-'",
        " || ");
    sql += ", goals = ";
    sql += packed_column("CAST(d.is_goal AS TEXT)", "'0'", " || ");
    sql += ", reasons = ";
    sql += packed_column("replace(replace(d.unscored_reason, '%', '%25'), '|', '%7C')", "''",
                         " || '|' || ");
    return sql;
}

}  // namespace kt::receiver
