// The message catalog: complete ZRM text in every bundle, plurals, fallbacks and errors.
#include "i18n/catalog.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "model/assessment.hpp"
#include "model/zrm.hpp"
#include "support/test_support.hpp"

using kt::i18n::Catalog;
namespace zrm = kt::zrm;
namespace fs = std::filesystem;

namespace {

Catalog open(const char* locale) {
    auto c = Catalog::open(kt::test::i18n_dir(), locale);
    REQUIRE(c.ok());
    return std::move(c).value();
}

std::set<std::string> own(const Catalog& c) {
    const auto keys = c.own_keys();
    return {keys.begin(), keys.end()};
}

// Every key the matrix needs, built from zrm::kDomains.
std::vector<std::string> zrm_keys() {
    std::vector<std::string> keys;
    for (const auto id : zrm::kDomains) {
        keys.push_back(zrm::domain_name_key(id));
        for (int level = zrm::kMinLevel; level <= zrm::kMaxLevel; ++level)
            keys.push_back(zrm::descriptor_key(id, level));
    }
    for (int level = zrm::kMinLevel; level <= zrm::kMaxLevel; ++level)
        keys.push_back(zrm::level_name_key(level));
    return keys;
}

}  // namespace

TEST_CASE("every domain name level name and descriptor exists in root nl and en") {
    const auto keys = zrm_keys();
    REQUIRE(keys.size() == 13 + 65 + 5);
    const auto root = kt::test::bundle_keys(kt::test::i18n_dir(), "root");
    const auto nl = open("nl");
    const auto en = open("en");
    const auto nl_own = own(nl), en_own = own(en);
    for (const auto& key : keys) {
        CAPTURE(key);
        CHECK(root.count(key) == 1);
        CHECK(nl_own.count(key) == 1);
        CHECK(en_own.count(key) == 1);
        CHECK_FALSE(nl.tr(key).empty());
        CHECK_FALSE(en.tr(key).empty());
    }
}

TEST_CASE("the 65 Dutch descriptors are all different") {
    const auto nl = open("nl");
    std::set<std::string> texts;
    for (const auto id : zrm::kDomains)
        for (int level = zrm::kMinLevel; level <= zrm::kMaxLevel; ++level)
            texts.insert(nl.tr(zrm::descriptor_key(id, level)));
    CHECK(texts.size() == 65);
}

TEST_CASE("every assessment kind and status and start button has a label") {
    using K = kt::model::AssessmentKind;
    for (const char* locale : {"nl", "en"}) {
        const auto c = open(locale);
        const auto keys = own(c);
        for (K k : {K::intake, K::voortgang, K::afsluiting}) {
            const std::string kind(kt::model::to_string(k));
            CAPTURE(locale, kind);
            CHECK(keys.count(kt::model::kind_name_key(k)) == 1);
            CHECK(keys.count("client.start." + kind) == 1);
        }
        for (const char* status : {"draft", "finished"})
            CHECK(keys.count(std::string("assessment.status.") + status) == 1);
    }
}

TEST_CASE("Dutch counts one client and two clients with the right plural") {
    const auto nl = open("nl");
    CHECK(nl.format("clients.count", {{"count", std::int64_t{1}}}) == "1 cliënt");
    CHECK(nl.format("clients.count", {{"count", std::int64_t{2}}}) == "2 cliënten");
    CHECK(nl.format("clients.count", {{"count", std::int64_t{0}}}) == "Geen cliënten");
    const auto en = open("en");
    CHECK(en.format("clients.count", {{"count", std::int64_t{1}}}) == "1 client");
    CHECK(en.format("clients.count", {{"count", std::int64_t{2}}}) == "2 clients");
}

TEST_CASE("named text arguments are filled in") {
    const auto nl = open("nl");
    CHECK(nl.format("client.born", {{"date", std::string("1958-03-14")}}) == "Geboren 1958-03-14");
}

TEST_CASE("a missing key shows as the key in brackets") {
    const auto nl = open("nl");
    CHECK(nl.tr("zrm.domain.opvoeding.name") == "[zrm.domain.opvoeding.name]");
    CHECK(nl.format("no.such.key", {{"count", std::int64_t{1}}}) == "[no.such.key]");
    CHECK_FALSE(nl.has("zrm.domain.opvoeding.name"));
    CHECK(nl.has("app.name"));
}

TEST_CASE("an unknown locale is a usage error") {
    for (const char* locale : {"de", "", "root", "NL", "nl_NL"}) {
        CAPTURE(locale);
        auto c = Catalog::open(kt::test::i18n_dir(), locale);
        REQUIRE_FALSE(c.ok());
        CHECK(c.error().code == kt::ErrorCode::usage);
    }
}

TEST_CASE("a directory without bundles is reported as not found") {
    kt::test::TempDir empty;
    auto c = Catalog::open(empty.path(), "nl");
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == kt::ErrorCode::not_found);
}

TEST_CASE("the nl and en bundles define the same keys") {
    const auto nl = own(open("nl"));
    const auto en = own(open("en"));
    std::vector<std::string> only_nl, only_en;
    for (const auto& k : nl)
        if (!en.count(k)) only_nl.push_back(k);
    for (const auto& k : en)
        if (!nl.count(k)) only_en.push_back(k);
    CAPTURE(only_nl, only_en);
    CHECK(only_nl.empty());
    CHECK(only_en.empty());
    CHECK(nl.size() > 80);
}

TEST_CASE("root holds exactly the Dutch text") {
    const auto root = kt::test::bundle_keys(kt::test::i18n_dir(), "root");
    const auto nl = own(open("nl"));
    CHECK(root == nl);
}

TEST_CASE("English text replaces Dutch where it exists") {
    const auto en = open("en");
    const auto nl = open("nl");
    CHECK(en.locale() == "en");
    CHECK(en.tr("nav.back") == "Back");
    CHECK(nl.tr("nav.back") == "Terug");
    CHECK(en.tr("error.vault.wrong_passphrase") != nl.tr("error.vault.wrong_passphrase"));
}

TEST_CASE("a date is written out in the catalog's language") {
    const std::int64_t noon_24_nov_2026 = 1'795'521'600;  // 2026-11-24 12:00 UTC
    CHECK(open("nl").date(noon_24_nov_2026) == "24 november 2026");
    CHECK(open("en").date(noon_24_nov_2026) == "24 November 2026");  // British order
}

TEST_CASE("an ISO birth date is written out and a malformed one is shown as it is") {
    const auto nl = open("nl");
    CHECK(nl.date_iso("1958-03-14") == "14 maart 1958");
    CHECK(open("en").date_iso("1958-03-14") == "14 March 1958");
    for (const char* odd : {"", "14-03-1958", "1958-13-01", "1958-03-00", "1958-02-31", "1958-3-14",
                            "1958-03-14x", "onbekend"}) {
        CAPTURE(odd);
        CHECK(nl.date_iso(odd) == odd);
    }
}

TEST_CASE("the bundle directory follows KEUKENTAFEL_DATA_DIR when it is set") {
    const char* old = std::getenv("KEUKENTAFEL_DATA_DIR");
    const std::string saved = old ? old : "";
    ::setenv("KEUKENTAFEL_DATA_DIR", "/srv/keukentafel", 1);
    CHECK(kt::i18n::default_bundle_dir() == std::filesystem::path("/srv/keukentafel/i18n"));
    ::unsetenv("KEUKENTAFEL_DATA_DIR");
    CHECK(kt::i18n::default_bundle_dir().filename() == "i18n");
    if (old) ::setenv("KEUKENTAFEL_DATA_DIR", saved.c_str(), 1);
}

TEST_CASE("the worker languages are Dutch first then English") {
    CHECK(kt::i18n::worker_locales() == std::vector<std::string>{"nl", "en"});
}

TEST_CASE("a client reads Turkish, Polish or Arabic with Latin digits, the rest in Dutch") {
    CHECK(kt::i18n::client_locales() == std::vector<std::string>{"nl", "en", "tr", "pl", "ar"});
    auto ar = kt::i18n::Catalog::open(kt::test::i18n_dir(), "ar");
    REQUIRE(ar.ok());
    const std::string topic =
        ar->format("review.topic_of", {{"n", std::int64_t(3)}, {"count", std::int64_t(13)}});
    CHECK(topic.find("13") != std::string::npos);
    CHECK(ar->tr("settings.title") == "Instellingen");  // worker-only: Dutch root
    auto tr = kt::i18n::Catalog::open(kt::test::i18n_dir(), "tr");
    REQUIRE(tr.ok());
    CHECK(tr->tr("review.agree") != "Dit klopt");
    CHECK_FALSE(kt::i18n::Catalog::open(kt::test::i18n_dir(), "de").ok());
}

namespace {

// A copy of this build's compiled bundles with their manifest, to damage one file of.
fs::path copy_bundles(const kt::test::TempDir& tmp) {
    const fs::path dir = tmp / "i18n";
    fs::copy(kt::test::i18n_dir(), dir, fs::copy_options::recursive);
    return dir;
}

}  // namespace

TEST_CASE("T-40 a malformed bundle is refused with not_found before ICU reads it") {
    kt::test::TempDir tmp;
    const fs::path dir = copy_bundles(tmp);
    REQUIRE(Catalog::open(dir, "pl").ok());
    const std::string intact = kt::test::read_bytes(dir / "pl.res");
    const std::vector<std::pair<const char*, std::string>> damaged = {
        {"truncated", intact.substr(0, intact.size() / 2)},
        {"empty", ""},
        {"one byte flipped",
         [&] {
             std::string b = intact;
             b[b.size() / 3] = char(b[b.size() / 3] ^ 0x40);
             return b;
         }()},
        {"another bundle", kt::test::read_bytes(dir / "tr.res")},
        {"text", "pl{ plain{ title{\"x\"} } }"},
    };
    for (const auto& [what, bytes] : damaged) {
        INFO(what);
        kt::test::write_bytes(dir / "pl.res", bytes);
        auto c = Catalog::open(dir, "pl");
        REQUIRE_FALSE(c.ok());
        CHECK(c.error().code == kt::ErrorCode::not_found);
    }
    kt::test::write_bytes(dir / "pl.res", intact);
    CHECK(Catalog::open(dir, "pl").ok());
    fs::remove(dir / kt::i18n::kBundleManifest);
    CHECK_FALSE(Catalog::open(dir, "pl").ok());
}

TEST_CASE("T-40 a damaged root bundle refuses every language") {
    kt::test::TempDir tmp;
    const fs::path dir = copy_bundles(tmp);
    std::string root = kt::test::read_bytes(dir / "root.res");
    root.back() = char(root.back() ^ 1);
    kt::test::write_bytes(dir / "root.res", root);
    for (const auto& locale : kt::i18n::client_locales()) {
        INFO(locale);
        CHECK_FALSE(Catalog::open(dir, locale).ok());
    }
}
