// Every client-facing text exists in all five client languages: each key
// under plain.*, review.*, copy.* (the client's PDF) and the network keys the client reviews that
// exists in nl also exists, non-empty, in the en, tr, pl and ar bundles themselves (not through the
// root fallback); tr, pl and ar are not copies of the Dutch; and every translation is a valid ICU
// MessageFormat with the Dutch argument names and the plural categories of its language.
#include <unicode/messagepattern.h>
#include <unicode/plurrule.h>
#include <unicode/strenum.h>
#include <unicode/ures.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/zrm.hpp"
#include "support/test_support.hpp"

namespace {

using Texts = std::map<std::string, std::string>;  // dotted key -> UTF-8 text

void walk(UResourceBundle* table, const std::string& prefix, Texts& out) {
    ures_resetIterator(table);
    while (ures_hasNext(table)) {
        UErrorCode st = U_ZERO_ERROR;
        UResourceBundle* child = ures_getNextResource(table, nullptr, &st);
        REQUIRE(U_SUCCESS(st));
        const std::string key =
            prefix.empty() ? ures_getKey(child) : prefix + "." + ures_getKey(child);
        if (ures_getType(child) == URES_TABLE) {
            walk(child, key, out);
        } else if (ures_getType(child) == URES_STRING) {
            int32_t len = 0;
            const UChar* s = ures_getString(child, &len, &st);
            REQUIRE(U_SUCCESS(st));
            std::string text;
            icu::UnicodeString(s, len).toUTF8String(text);
            out[key] = text;
        }
        ures_close(child);
    }
}

// The strings of one compiled bundle itself, without the parent chain.
Texts bundle_texts(const std::string& locale) {
    UErrorCode st = U_ZERO_ERROR;
    const std::string dir = kt::test::i18n_dir().string() + "/";
    UResourceBundle* b = ures_openDirect(dir.c_str(), locale.c_str(), &st);
    if (U_FAILURE(st) || b == nullptr) FAIL("no compiled bundle " << locale << " in " << dir);
    Texts out;
    walk(b, "", out);
    ures_close(b);
    return out;
}

// What the client reads: the screens of client mode and the client's copy. review.handover is
// the worker's button that starts client mode (read with the worker's catalog); the network's
// kinds and gives label the worker's network map only. The on-screen keyboard's word keys
// (done, space, backspace, shift) are read by the client while typing; its layer keys are
// symbols ("ëé", "abc").
bool client_facing(const std::string& key) {
    const auto starts = [&](const char* p) { return key.rfind(p, 0) == 0; };
    return (starts("plain.") || starts("review.") || starts("copy.") || key == "network.summary" ||
            key == "network.summary_empty" || key == "app.name" || key == "keyboard.done" ||
            key == "keyboard.space" || key == "keyboard.backspace" || key == "keyboard.shift") &&
           key != "review.handover";
}

const std::vector<std::string> kClientLocales = {"nl", "en", "tr", "pl", "ar"};

struct Pattern {
    bool ok = false;
    std::set<std::string> args;
    std::vector<std::set<std::string>> plural_keywords;  // per plural argument, =N left out
};

Pattern parse(const std::string& text) {
    Pattern out;
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe{};
    icu::MessagePattern mp(icu::UnicodeString::fromUTF8(text), &pe, st);
    if (U_FAILURE(st)) return out;
    out.ok = true;
    std::vector<UMessagePatternArgType> open;  // the argument each selector belongs to
    std::vector<std::size_t> plural_index;
    for (int32_t i = 0; i < mp.countParts(); ++i) {
        const auto& part = mp.getPart(i);
        std::string s;
        switch (part.getType()) {
            case UMSGPAT_PART_TYPE_ARG_START:
                open.push_back(part.getArgType());
                if (part.getArgType() == UMSGPAT_ARG_TYPE_PLURAL) {
                    plural_index.push_back(out.plural_keywords.size());
                    out.plural_keywords.emplace_back();
                }
                break;
            case UMSGPAT_PART_TYPE_ARG_LIMIT:
                if (!open.empty() && open.back() == UMSGPAT_ARG_TYPE_PLURAL)
                    plural_index.pop_back();
                if (!open.empty()) open.pop_back();
                break;
            case UMSGPAT_PART_TYPE_ARG_NAME:
            case UMSGPAT_PART_TYPE_ARG_NUMBER:
                mp.getSubstring(part).toUTF8String(s);
                out.args.insert(s);
                break;
            case UMSGPAT_PART_TYPE_ARG_SELECTOR:
                mp.getSubstring(part).toUTF8String(s);
                if (!open.empty() && open.back() == UMSGPAT_ARG_TYPE_PLURAL && s[0] != '=')
                    out.plural_keywords[plural_index.back()].insert(s);
                break;
            default:
                break;
        }
    }
    return out;
}

std::set<std::string> plural_categories(const std::string& locale) {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::PluralRules> rules(
        icu::PluralRules::forLocale(icu::Locale(locale.c_str()), st));
    REQUIRE(U_SUCCESS(st));
    std::unique_ptr<icu::StringEnumeration> words(rules->getKeywords(st));
    REQUIRE(U_SUCCESS(st));
    std::set<std::string> out;
    while (const char* w = words->next(nullptr, st))
        out.insert(w);
    return out;
}

bool has_arabic_letter(const std::string& text) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    for (int32_t i = 0; i < u.length(); ++i)
        if (u[i] >= 0x0620 && u[i] <= 0x064A) return true;
    return false;
}

}  // namespace

TEST_CASE("the Dutch bundle has every client-facing key the model needs") {
    const Texts nl = bundle_texts("nl");
    std::vector<std::string> keys = {"app.name", "network.summary", "network.summary_empty"};
    for (int level = 1; level <= 5; ++level)
        keys.push_back("plain.level" + std::to_string(level));
    for (const auto& id : kt::zrm::kDomains) {
        const std::string base = "plain.domain." + std::string(id);
        keys.push_back(base + ".name");
        for (int level = 1; level <= 5; ++level)
            keys.push_back(base + ".level" + std::to_string(level));
    }
    for (const char* k :
         {"review.title", "review.sign_intro", "review.topic_of", "copy.title", "copy.seal_line"})
        keys.push_back(k);
    for (const auto& key : keys) {
        CAPTURE(key);
        REQUIRE(nl.count(key) == 1);
        CHECK(client_facing(key));
    }
    // The worker's ZRM descriptors are a different text from the client's plain words.
    CHECK(nl.at("plain.domain.financien.level1") != nl.at("zrm.domain.financien.level1"));
}

TEST_CASE("every client-facing key of nl exists non-empty in all five bundles") {
    const Texts nl = bundle_texts("nl");
    std::size_t count = 0;
    for (const auto& locale : kClientLocales) {
        const Texts own = bundle_texts(locale);
        for (const auto& [key, dutch] : nl) {
            if (!client_facing(key)) continue;
            ++count;
            CAPTURE(locale, key);
            const auto it = own.find(key);
            CHECK(it != own.end());
            if (it != own.end()) CHECK(!it->second.empty());
        }
    }
    // 13 domains x 6 + 5 level names + review + copy + network: far more than 100 each.
    CHECK(count > 5 * 100);
}

TEST_CASE("tr pl and ar are translations and carry no other keys") {
    const Texts nl = bundle_texts("nl");
    for (const std::string locale : {"tr", "pl", "ar"}) {
        for (const auto& [key, text] : bundle_texts(locale)) {
            CAPTURE(locale, key, text);
            // Only client-facing tables; everything else comes from root (Dutch).
            CHECK(client_facing(key));
            if (key == "app.name" || nl.count(key) == 0) continue;
            CHECK(text != nl.at(key));
            if (locale == "ar") CHECK(has_arabic_letter(text));
        }
    }
}

TEST_CASE("translations keep the Dutch MessageFormat arguments and their language's plurals") {
    const Texts nl = bundle_texts("nl");
    for (const auto& locale : kClientLocales) {
        const auto categories = plural_categories(locale);
        const Texts own = bundle_texts(locale);
        for (const auto& [key, dutch] : nl) {
            if (!client_facing(key) || own.count(key) == 0) continue;
            const std::string& text = own.at(key);
            CAPTURE(locale, key, text);
            const Pattern want = parse(dutch);
            const Pattern got = parse(text);
            REQUIRE(want.ok);
            REQUIRE(got.ok);
            CHECK(got.args == want.args);
            for (const auto& keywords : got.plural_keywords) {
                CHECK(keywords.count("other") == 1);
                for (const auto& k : keywords) {
                    CAPTURE(k);
                    CHECK(categories.count(k) == 1);
                }
                // The new languages spell out every category of their language
                // (Arabic zero..many, Polish one/few/many, Turkish one).
                if (locale == "tr" || locale == "pl" || locale == "ar")
                    CHECK(keywords == categories);
            }
        }
    }
}

TEST_CASE("a client language falls back to Dutch root for worker-only keys") {
    // The ICU parent chain: tr -> root. root is built from nl.txt.
    UErrorCode st = U_ZERO_ERROR;
    const std::string dir = kt::test::i18n_dir().string() + "/";
    for (const char* locale : {"tr", "pl", "ar"}) {
        CAPTURE(locale);
        UResourceBundle* b = ures_open(dir.c_str(), locale, &st);
        REQUIRE(U_SUCCESS(st));
        // zrm is not in the tr bundle: ures_getByKey finds it in the parent, root.
        UResourceBundle* zrm = ures_getByKey(b, "zrm", nullptr, &st);
        UResourceBundle* domain = ures_getByKey(zrm, "domain", nullptr, &st);
        UResourceBundle* fin = ures_getByKey(domain, "financien", nullptr, &st);
        int32_t len = 0;
        const UChar* s = ures_getStringByKey(fin, "name", &len, &st);
        REQUIRE(U_SUCCESS(st));
        std::string text;
        icu::UnicodeString(s, len).toUTF8String(text);
        CHECK(text == "Financiën");
        ures_close(fin);
        ures_close(domain);
        ures_close(zrm);
        ures_close(b);
    }
}
