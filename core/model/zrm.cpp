#include "model/zrm.hpp"

namespace kt::zrm {

std::optional<int> domain_index(std::string_view id) {
    for (int i = 0; i < kDomainCount; ++i)
        if (kDomains[static_cast<std::size_t>(i)] == id) return i;
    return std::nullopt;
}

bool is_valid_level(int level) {
    return level >= kMinLevel && level <= kMaxLevel;
}

std::string domain_name_key(std::string_view id) {
    return "zrm.domain." + std::string(id) + ".name";
}

std::string domain_short_key(std::string_view id) {
    return "zrm.domain." + std::string(id) + ".short";
}

std::string descriptor_key(std::string_view id, int level) {
    return "zrm.domain." + std::string(id) + ".level" + std::to_string(level);
}

std::string level_name_key(int level) {
    return "zrm.level" + std::to_string(level) + ".name";
}

}  // namespace kt::zrm
