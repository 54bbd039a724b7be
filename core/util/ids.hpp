// Record ids: random UUIDv4 strings (122 random bits from libsodium).
#pragma once

#include <string>

namespace kt {

/// A new random UUIDv4 in lower-case canonical form.
std::string new_uuid();

}  // namespace kt
