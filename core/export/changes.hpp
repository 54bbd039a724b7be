// Per pseudonym and domain the change between consecutive measurements (changes.csv, and the
// chart of change between intake and progress).
#pragma once

#include <cstddef>
#include <functional>

#include "export/dataset.hpp"

namespace kt::monitoring {

struct Change {
    const ExportRow* from = nullptr;
    const ExportRow* to = nullptr;  // the next measurement of the same pseudonym
    std::size_t domain = 0;         // index in zrm::kDomains
    int change = 0;                 // to level − from level
};

/// Every change, pseudonym by pseudonym, in time order and matrix order of the domains; only
/// where both measurements have a level. `data.rows` must be in build_dataset's order.
void for_each_change(const Dataset& data, const std::function<void(const Change&)>& visit);

}  // namespace kt::monitoring
