// Test helpers for core/export: hand-made measurements, a vector as a source, and our own
// small CSV reader (RFC 4180, either separator, BOM, CRLF or LF).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "export/dataset.hpp"
#include "export/generalise.hpp"
#include "export/writers.hpp"

namespace kt::test {

/// 2026-02-15 12:00 UTC, in 2026Q1.
inline constexpr std::int64_t kMidQ1 = 1771156800;
inline constexpr std::int64_t kQuarterSeconds = 91 * 86400;

/// A scored measurement (every level 3) of client `client` in wijk/team.
inline monitoring::Measurement measurement(const std::string& client, const std::string& wijk,
                                           std::int64_t sealed_at = kMidQ1,
                                           const std::string& team = "Team A") {
    monitoring::Measurement m;
    m.client_ref = client;
    m.assessment_uuid = client + "-" + std::to_string(sealed_at);
    m.kind = "intake";
    m.sealed_at = sealed_at;
    m.age_years = 40;
    m.wijk = wijk;
    m.team = team;
    m.household = "alone";
    for (auto& level : m.levels)
        level = 3;
    return m;
}

inline monitoring::MeasurementSource source_of(const std::vector<monitoring::Measurement>& ms) {
    return [&ms](const monitoring::MeasurementSink& sink) {
        for (const auto& m : ms)
            if (!sink(m)) break;
        return Status{};
    };
}

inline monitoring::ExportOptions options(const std::string& purpose = "monitoring-2026") {
    monitoring::ExportOptions o;
    o.purpose = purpose;
    o.secret = crypto::SecretBytes::from("a test secret of at least 32 bytes, kept by the lead");
    return o;
}

/// Parses CSV text: a leading UTF-8 BOM is skipped, fields may be quoted ("" inside quotes is
/// one quote), records end in LF or CRLF.
inline std::vector<std::vector<std::string>> parse_csv(std::string_view text, char separator) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, in_quotes = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                cell += '"', ++i;
            else if (c == '"')
                in_quotes = false;
            else
                cell += c;
        } else if (c == '"' && cell.empty() && !quoted) {
            in_quotes = quoted = true;
        } else if (c == separator) {
            row.push_back(cell), cell.clear(), quoted = false;
        } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            if (c == '\r') ++i;
            row.push_back(cell), cell.clear(), quoted = false;
            rows.push_back(std::move(row)), row.clear();
        } else {
            cell += c;
        }
    }
    if (!cell.empty() || !row.empty()) row.push_back(cell), rows.push_back(row);
    return rows;
}

template <typename Writer>
std::string collect(Writer write) {
    std::string out;
    write([&out](std::string_view chunk) {
        out += chunk;
        return true;
    });
    return out;
}

}  // namespace kt::test
