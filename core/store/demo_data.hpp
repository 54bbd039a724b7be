// Fictional demo clients with Dutch names, some with an earlier finished intake, so a
// progress measurement has previous scores to stand beside the cards.
#pragma once

#include <cstdint>

#include "store/vault.hpp"

namespace kt::store {

struct DemoCounts {
    int clients = 0;
    int assessments = 0;
};

/// The demo vault's PIN (a real vault's PIN is chosen at first unlock).
inline constexpr const char* kDemoPin = "123456";

/// Fills an empty vault. Every name and score is invented; the PIN is kDemoPin.
Result<DemoCounts> fill_demo(Vault& vault, std::int64_t now);

}  // namespace kt::store
