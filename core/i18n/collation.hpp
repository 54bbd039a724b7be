// Dutch ordering of names with ICU's collator (CLDR has no nl tailoring; root order).
#pragma once

#include <string>
#include <vector>

namespace kt::i18n {

/// Sorts UTF-8 strings as a Dutch reader expects ("Öztürk" beside "Ozturk", case-insensitive
/// first). Returns the permutation of indices, so callers can sort records by a key.
std::vector<std::size_t> collation_order(const std::vector<std::string>& keys,
                                         const std::string& locale);

}  // namespace kt::i18n
