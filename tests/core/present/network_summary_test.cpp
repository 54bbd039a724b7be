// The network summary line beside Sociaal netwerk, and every network label in nl and en.
#include "present/network_summary.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/test_support.hpp"

using kt::i18n::Catalog;
using kt::model::NetworkSummary;
namespace model = kt::model;

namespace {

Catalog open(const char* locale) {
    auto c = Catalog::open(kt::test::i18n_dir(), locale);
    REQUIRE(c.ok());
    return std::move(c).value();
}

std::vector<std::string> network_keys() {
    std::vector<std::string> keys = {"network.summary", "network.summary_empty",
                                     model::frequency_name_key(model::Frequency::none),
                                     model::carer_load_name_key(model::CarerLoad::none)};
    for (auto k : model::kPersonKinds)
        keys.push_back(model::kind_name_key(k));
    for (auto g : model::kGives)
        keys.push_back(model::give_name_key(g));
    for (auto f : model::kFrequencies)
        keys.push_back(model::frequency_name_key(f));
    for (auto l : model::kCarerLoads)
        keys.push_back(model::carer_load_name_key(l));
    for (auto r : model::kAskReasons)
        keys.push_back(model::ask_reason_name_key(r));
    for (int ring = 0; ring < model::kRingCount; ++ring)
        keys.push_back(model::ring_name_key(ring));
    return keys;
}

}  // namespace

TEST_CASE("every network label exists in root nl and en") {
    const auto keys = network_keys();
    CHECK(keys.size() == 4 + 8 + 4 + 4 + 3 + 4 + 3);
    const auto root = kt::test::bundle_keys(kt::test::i18n_dir(), "root");
    for (const char* locale : {"nl", "en"}) {
        const auto c = open(locale);
        const auto own = c.own_keys();
        const std::set<std::string> have(own.begin(), own.end());
        for (const auto& key : keys) {
            CAPTURE(locale, key);
            CHECK(have.count(key) == 1);
            CHECK(root.count(key) == 1);
        }
    }
}

TEST_CASE("the Dutch summary reads like the worker says it") {
    const auto nl = open("nl");
    CHECK(kt::present::network_summary_line(nl, NetworkSummary{6, 4, 1, 1, 0}) ==
          "6 mensen, 4 steunend, 1 belemmerend, 1 overbelaste mantelzorger");
    CHECK(kt::present::network_summary_line(nl, NetworkSummary{1, 1, 0, 0, 0}) ==
          "1 persoon, 1 steunend");
    CHECK(kt::present::network_summary_line(nl, NetworkSummary{5, 2, 2, 0, 2}) ==
          "5 mensen, 2 steunend, 2 belemmerend, 2 zwaarbelaste mantelzorgers");
    CHECK(kt::present::network_summary_line(nl, NetworkSummary{}) ==
          "Nog niemand op de netwerkkaart");
}

TEST_CASE("the English summary uses English plurals") {
    const auto en = open("en");
    CHECK(kt::present::network_summary_line(en, NetworkSummary{1, 0, 1, 0, 0}) ==
          "1 person, 0 supportive, 1 hindering");
    CHECK(kt::present::network_summary_line(en, NetworkSummary{3, 2, 0, 2, 1}) ==
          "3 people, 2 supportive, 2 overburdened carers, 1 heavily burdened carer");
}
