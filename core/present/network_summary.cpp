#include "present/network_summary.hpp"

namespace kt::present {

std::string network_summary_line(const i18n::Catalog& cat, const model::NetworkSummary& s) {
    if (s.people == 0) return cat.tr("network.summary_empty");
    return cat.format("network.summary", {{"people", std::int64_t{s.people}},
                                          {"supportive", std::int64_t{s.supportive}},
                                          {"hindering", std::int64_t{s.hindering}},
                                          {"overloaded", std::int64_t{s.overloaded_carers}},
                                          {"heavy", std::int64_t{s.heavy_carers}}});
}

}  // namespace kt::present
