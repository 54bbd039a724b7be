// The ZRM-2017 domain table: 13 unique ids in the reference order, and the key builders.
#include "model/zrm.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "i18n/catalog.hpp"
#include "support/test_support.hpp"

namespace zrm = kt::zrm;

namespace {

// shared/reference/zrm-2017.md §2.2, D1..D13, with the Dutch heading of each domain.
const std::pair<const char*, const char*> kReference[] = {
    {"financien", "Financiën"},
    {"werk_opleiding", "Werk & opleiding"},
    {"tijdsbesteding", "Tijdsbesteding"},
    {"huisvesting", "Huisvesting"},
    {"huiselijke_relaties", "Huiselijke relaties"},
    {"geestelijke_gezondheid", "Geestelijke gezondheid"},
    {"lichamelijke_gezondheid", "Lichamelijke gezondheid"},
    {"middelengebruik", "Middelengebruik"},
    {"basale_adl", "Basale ADL"},
    {"instrumentele_adl", "Instrumentele ADL"},
    {"sociaal_netwerk", "Sociaal netwerk"},
    {"maatschappelijke_participatie", "Maatschappelijke participatie"},
    {"justitie", "Justitie"},
};

}  // namespace

TEST_CASE("the matrix has 13 unique domains in the order of the ZRM-2017 reference") {
    REQUIRE(zrm::kDomainCount == 13);
    REQUIRE(std::size(kReference) == zrm::kDomains.size());
    std::set<std::string_view> unique(zrm::kDomains.begin(), zrm::kDomains.end());
    CHECK(unique.size() == 13);
    for (std::size_t i = 0; i < zrm::kDomains.size(); ++i) {
        CAPTURE(i);
        CHECK(zrm::kDomains[i] == kReference[i].first);
    }
}

TEST_CASE("each domain shows its Dutch reference name in matrix order") {
    auto nl = kt::i18n::Catalog::open(kt::test::i18n_dir(), "nl");
    REQUIRE(nl.ok());
    for (std::size_t i = 0; i < zrm::kDomains.size(); ++i) {
        CAPTURE(i);
        CHECK(nl->tr(zrm::domain_name_key(zrm::kDomains[i])) == kReference[i].second);
    }
}

TEST_CASE("a domain id maps to its index and back and unknown ids have none") {
    for (int i = 0; i < zrm::kDomainCount; ++i) {
        const auto index = zrm::domain_index(zrm::kDomains[static_cast<std::size_t>(i)]);
        REQUIRE(index.has_value());
        CHECK(*index == i);
    }
    CHECK_FALSE(zrm::domain_index("Financien").has_value());
    CHECK_FALSE(zrm::domain_index("").has_value());
    CHECK_FALSE(zrm::domain_index("opvoeding").has_value());
}

TEST_CASE("levels 1 to 5 are valid and nothing else") {
    CHECK(zrm::kMinLevel == 1);
    CHECK(zrm::kMaxLevel == 5);
    for (int level = -2; level <= 8; ++level) {
        CAPTURE(level);
        CHECK(zrm::is_valid_level(level) == (level >= 1 && level <= 5));
    }
}

TEST_CASE("the instrument is recorded as ZRM-2017") {
    CHECK(zrm::kInstrumentVersion == "ZRM-2017");
}

TEST_CASE("message keys for domains levels and descriptors follow the dotted scheme") {
    CHECK(zrm::domain_name_key("justitie") == "zrm.domain.justitie.name");
    CHECK(zrm::descriptor_key("financien", 3) == "zrm.domain.financien.level3");
    CHECK(zrm::level_name_key(5) == "zrm.level5.name");
}
