// assessments.json (streamed, one object per row) and its JSON Schema (draft 2020-12).
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

Json row_object(const ExportRow& r) {
    Json o = {{"pseudonym", r.pseudonym}, {"kind", r.kind}, {"quarter", r.quarter},
              {"age_band", r.age_band},   {"wijk", r.wijk}, {"team", r.team},
              {"household", r.household}};
    const auto& ids = zrm::kDomains;
    for (std::size_t d = 0; d < kDomainCount; ++d)
        o[std::string(ids[d])] = r.levels[d] ? Json(*r.levels[d]) : Json(nullptr);
    for (std::size_t d = 0; d < kDomainCount; ++d)
        o[std::string(ids[d]) + "_reason"] = reason_code(r.level_reason[d]);
    for (std::size_t d = 0; d < kDomainCount; ++d)
        o[std::string(ids[d]) + "_goal"] = r.goals[d];
    for (std::size_t d = 0; d < kDomainCount; ++d)
        o[std::string(ids[d]) + "_client_agrees"] =
            r.client_agrees[d] ? Json(*r.client_agrees[d]) : Json(nullptr);
    const int network[] = {r.network_people, r.network_supportive, r.network_hindering,
                           r.network_overloaded_carers};
    for (int i = 0; i < 4; ++i)
        o[kNetwork[i]] = network[i];
    return o;
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
        // Text that is not UTF-8 (a damaged source) gets U+FFFD instead of ending the export.
        buf.text() += row_object(data.rows[i]).dump(-1, ' ', false, Json::error_handler_t::replace);
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
