#include "export/changes.hpp"

namespace kt::monitoring {

void for_each_change(const Dataset& data, const std::function<void(const Change&)>& visit) {
    for (std::size_t i = 1; i < data.rows.size(); ++i) {
        const ExportRow& from = data.rows[i - 1];
        const ExportRow& to = data.rows[i];
        if (from.pseudonym != to.pseudonym) continue;
        for (std::size_t d = 0; d < kDomainCount; ++d) {
            if (!from.levels[d] || !to.levels[d]) continue;
            visit(Change{&from, &to, d, *to.levels[d] - *from.levels[d]});
        }
    }
}

}  // namespace kt::monitoring
