// The network map's summary as one localised line, shown beside Sociaal netwerk.
#pragma once

#include <string>

#include "i18n/catalog.hpp"
#include "model/network.hpp"

namespace kt::present {

/// "6 mensen, 4 steunend, 1 belemmerend, 1 overbelaste mantelzorger": hindering and carer
/// counts appear only when not zero; an empty map says that nobody is on it yet.
std::string network_summary_line(const i18n::Catalog& cat, const model::NetworkSummary& s);

}  // namespace kt::present
