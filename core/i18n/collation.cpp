#include "i18n/collation.hpp"

#include <unicode/coll.h>

#include <algorithm>
#include <memory>
#include <numeric>

namespace kt::i18n {

std::vector<std::size_t> collation_order(const std::vector<std::string>& keys,
                                         const std::string& locale) {
    std::vector<std::size_t> order(keys.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> coll(
        icu::Collator::createInstance(icu::Locale(locale.c_str()), st));
    if (U_FAILURE(st) || !coll) {
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
        return order;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        UErrorCode s = U_ZERO_ERROR;
        return coll->compareUTF8(keys[a], keys[b], s) == UCOL_LESS;
    });
    return order;
}

}  // namespace kt::i18n
