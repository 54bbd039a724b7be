// The Zelfredzaamheid-Matrix 2017: the 13 domain ids and their order, in one table.
// Text (names, level names, descriptors) lives in locales/ under the keys built here.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kt::zrm {

inline constexpr std::string_view kInstrumentVersion = "ZRM-2017";
inline constexpr int kDomainCount = 13;
inline constexpr int kMinLevel = 1;
inline constexpr int kMaxLevel = 5;

/// The 13 domain ids in the matrix order of shared/reference/zrm-2017.md §2.2.
inline constexpr std::array<std::string_view, kDomainCount> kDomains = {
    "financien",
    "werk_opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke_relaties",
    "geestelijke_gezondheid",
    "lichamelijke_gezondheid",
    "middelengebruik",
    "basale_adl",
    "instrumentele_adl",
    "sociaal_netwerk",
    "maatschappelijke_participatie",
    "justitie",
};

/// Index of a domain id, or nullopt for an unknown id.
std::optional<int> domain_index(std::string_view id);
bool is_valid_level(int level);

/// locales/ keys: zrm.domain.<id>.name, zrm.domain.<id>.short, zrm.domain.<id>.level<n>,
/// zrm.level<n>.name
std::string domain_name_key(std::string_view id);
/// zrm.domain.<id>.short: one word under the domain's pictogram in the matrix strip.
std::string domain_short_key(std::string_view id);
std::string descriptor_key(std::string_view id, int level);
std::string level_name_key(int level);

}  // namespace kt::zrm
