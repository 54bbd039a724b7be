// assessments.json (streamed, one object per row) and its JSON Schema (draft 2020-12).
#include <charconv>
#include <nlohmann/json.hpp>

#include "export/chunk_buffer.hpp"
#include "export/generalise.hpp"
#include "export/writers.hpp"
#include "model/zrm.hpp"

namespace kt::monitoring {

namespace {

using Json = nlohmann::ordered_json;
constexpr const char* kNetwork[] = {"network_people", "network_supportive", "network_hindering",
                                    "network_overloaded_carers"};

// A JSON string exactly as nlohmann::json's dump() writes it: printable ASCII here, with
// '"' and '\\' escaped; anything else (control characters, UTF-8) through the library itself,
// which also refuses invalid UTF-8 as before.
void append_string(std::string& out, std::string_view text) {
    for (unsigned char c : text)
        if (c < 0x20 || c >= 0x7F) {
            // Text that is not UTF-8 (a damaged source) gets U+FFFD instead of ending the export.
            out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
            return;
        }
    out += '"';
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

void append_number(std::string& out, long long n) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

// The keys of one row in their written form ("\"pseudonym\":" …), in column order.
const std::vector<std::string>& keys() {
    static const std::vector<std::string> k = [] {
        std::vector<std::string> out;
        for (const std::string& c : assessment_columns())
            out.push_back(Json(c).dump() + ":");
        return out;
    }();
    return k;
}

// One row as nlohmann::ordered_json's dump() wrote it: the columns in order, no spaces.
void append_row(std::string& out, const ExportRow& r) {
    const auto& k = keys();
    std::size_t at = 0;
    auto key = [&] {
        out += at == 0 ? "{" : ",";
        out += k[at++];
    };
    for (const std::string* s :
         {&r.pseudonym, &r.kind, &r.quarter, &r.age_band, &r.wijk, &r.team, &r.household})
        key(), append_string(out, *s);
    for (std::size_t d = 0; d < kDomainCount; ++d) {
        key();
        if (r.levels[d])
            append_number(out, *r.levels[d]);
        else
            out += "null";
    }
    for (std::size_t d = 0; d < kDomainCount; ++d)
        key(), append_string(out, reason_code(r.level_reason[d]));
    for (std::size_t d = 0; d < kDomainCount; ++d)
        key(), out += r.goals[d] ? "true" : "false";
    for (std::size_t d = 0; d < kDomainCount; ++d)
        key(), out += r.client_agrees[d] ? (*r.client_agrees[d] ? "true" : "false") : "null";
    for (int n :
         {r.network_people, r.network_supportive, r.network_hindering, r.network_overloaded_carers})
        key(), append_number(out, n);
    out += '}';
}

Json string_enum(std::initializer_list<std::string> values, const char* description) {
    return {{"type", "string"}, {"enum", values}, {"description", description}};
}

void domain_properties(Json& props) {
    Json reasons = Json::array({""});
    for (LevelReason r :
         {LevelReason::not_discussed, LevelReason::unknown, LevelReason::not_applicable,
          LevelReason::other, LevelReason::l_diversity})
        reasons.push_back(reason_code(r));
    for (auto id : zrm::kDomains) {
        const std::string d(id);
        props[d] = {{"type", {"integer", "null"}},
                    {"minimum", 1},
                    {"maximum", 5},
                    {"description", "ZRM level of " + d + " (1 acute problems .. 5 self-reliant)"}};
        props[d + "_reason"] = {{"type", "string"},
                                {"enum", reasons},
                                {"description", "why " + d + " has no level; empty when scored"}};
        props[d + "_goal"] = {{"type", "boolean"}, {"description", "a goal was set for " + d}};
        props[d + "_client_agrees"] = {
            {"type", {"boolean", "null"}},
            {"description", "the client agreed with the " + d + " level; null when not asked"}};
    }
}

}  // namespace

bool write_assessments_json(const Dataset& data, const ChunkSink& sink) {
    detail::ChunkBuffer buf(sink);
    buf.text() += "[";
    for (std::size_t i = 0; i < data.rows.size(); ++i) {
        buf.text() += i == 0 ? "\n" : ",\n";
        append_row(buf.text(), data.rows[i]);
        if (!buf.maybe_flush()) return false;
    }
    buf.text() += "\n]\n";
    return buf.flush();
}

std::string assessments_schema_json() {
    Json props = Json::object();
    props["pseudonym"] = {{"type", "string"},
                          {"pattern", "^[0-9a-f]{24}$"},
                          {"description", "per-purpose HMAC pseudonym of the client"}};
    props["kind"] = string_enum({"intake", "voortgang", "afsluiting"}, "kind of measurement");
    props["quarter"] = {{"type", "string"},
                        {"pattern", "^[0-9]{4}(Q[1-4])?$"},
                        {"description", "quarter sealed (Europe/Amsterdam), or the year only"}};
    std::initializer_list<std::string> bands = {"0-17",  "18-26", "27-44",   "45-64",
                                                "65-79", "80+",   "onbekend"};
    props["age_band"] = string_enum(bands, "age band at the measurement");
    props["wijk"] = {{"type", "string"}, {"description", "wijk, or gemeente when generalised"}};
    props["team"] = {{"type", "string"}, {"description", "the team that made the measurement"}};
    props["household"] =
        string_enum({"alone", "partner", "children", "other", "onbekend"}, "household type");
    domain_properties(props);
    for (const char* n : kNetwork)
        props[n] = {
            {"type", "integer"}, {"minimum", 0}, {"description", "count in the network map"}};
    Json required = Json::array();
    for (const std::string& c : assessment_columns())
        required.push_back(c);
    Json schema = {
        {"$schema", "https://json-schema.org/draft/2020-12/schema"},
        {"$id", "https://keukentafel.invalid/schema/monitoring-assessments-v1.json"},
        {"title", "Keukentafel monitoring export: assessments (pseudonymised, not anonymous)"},
        {"type", "array"},
        {"items",
         {{"type", "object"},
          {"additionalProperties", false},
          {"required", required},
          {"properties", props}}}};
    return schema.dump(2) + "\n";
}

}  // namespace kt::monitoring
