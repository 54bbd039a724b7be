// The client's copy: a PDF of a sealed assessment in the client's language (its view model
// from core, present/client_copy.cpp; drawn by report/), read back with poppler's pdftotext;
// refused for an assessment that is not sealed; never written over an existing file.
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>
#include <string>

#include "i18n/catalog.hpp"
#include "present/client_copy.hpp"
#include "report/client_copy.hpp"
#include "report_fixture.hpp"
#include "store/audit.hpp"
#include "store/review.hpp"
#include "store/seal.hpp"

using kt::test::DemoVault;
namespace fs = std::filesystem;

namespace {

std::string tr(const char* locale, const std::string& key) {
    auto cat = kt::i18n::Catalog::open(kt::test::i18n_dir(), locale);
    REQUIRE(cat.ok());
    return cat->tr(key);
}

std::string domain_name(const char* locale, std::size_t i) {
    return tr(locale, "plain.domain." + std::string(kt::zrm::kDomains[i]) + ".name");
}

// As the kiosk and the CLI make a copy: the view model from the vault, the PDF at `out`, the
// audit row.
kt::Status copy_to(kt::store::Database& db, const std::string& id, std::string_view locale,
                   const fs::path& out, std::int64_t now) {
    auto copy = kt::present::client_copy(db, id, locale, now);
    if (!copy) return copy.error();
    if (auto s = kt::report::write_client_copy(copy.value(), out, now); !s) return s;
    kt::present::note_copy_saved(db, id, now);
    return {};
}

// KT_COPY_SAMPLES=<dir> keeps a copy of each PDF there, to render and look at by hand.
void keep_sample(const fs::path& pdf) {
    const char* dir = std::getenv("KT_COPY_SAMPLES");
    if (dir == nullptr) return;
    fs::copy_file(pdf, fs::path(dir) / pdf.filename(), fs::copy_options::overwrite_existing);
}

fs::path write_copy(DemoVault& demo, const std::string& id, const char* locale) {
    const fs::path out = demo.dir / ("kopie-" + std::string(locale) + ".pdf");
    const auto s = copy_to(demo.vault.db(), id, locale, out, demo.kNow);
    INFO((s ? "" : s.error().detail));
    REQUIRE(s.ok());
    keep_sample(out);
    return out;
}

// Arabic as pdftotext gives it back is in logical order, but with bidi marks, spaces inside
// words where glyphs are far apart, and the letters of a ligature (lam-alef) reversed. Both
// sides are brought to one form: NFKC (presentation forms to letters), no marks, no spaces,
// and every run of lam and alef letters sorted, so a reversed ligature compares equal.
std::u16string arabic_key(const std::string& utf8) {
    UErrorCode st = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(st);
    REQUIRE(U_SUCCESS(st));
    const icu::UnicodeString n = nfkc->normalize(icu::UnicodeString::fromUTF8(utf8), st);
    REQUIRE(U_SUCCESS(st));
    const std::u16string lam_alef = u"\u0644\u0627\u0623\u0625\u0622\u0649";
    std::u16string out;
    std::size_t run = 0;  // where the current lam/alef run starts in `out`
    for (int32_t i = 0; i < n.length(); ++i) {
        const char16_t ch = n[i];
        const bool mark = (ch >= 0x200E && ch <= 0x200F) || (ch >= 0x202A && ch <= 0x202E) ||
                          (ch >= 0x2066 && ch <= 0x2069);
        if (mark || u_isUWhiteSpace(ch)) continue;
        if (lam_alef.find(ch) == std::u16string::npos) run = out.size() + 1;
        out += ch;
        std::sort(out.begin() + std::ptrdiff_t(std::min(run, out.size())), out.end());
    }
    return out;
}

}  // namespace

TEST_CASE("the copy of a sealed intake is a PDF with the client's plain domain names") {
    DemoVault demo;
    const std::string id = demo.assessment_of("IJsbrand");
    auto seal = kt::store::latest_seal(demo.vault.db(), id);
    REQUIRE(seal.ok());
    REQUIRE(seal->has_value());
    for (const char* locale : {"nl", "en", "tr", "pl"}) {
        CAPTURE(locale);
        const fs::path pdf = write_copy(demo, id, locale);
        CHECK(kt::test::read_bytes(pdf).rfind("%PDF-", 0) == 0);
        const std::string text = kt::test::pdf_text(pdf);
        for (std::size_t i = 0; i < kt::zrm::kDomainCount; ++i)
            CHECK(text.find(domain_name(locale, i)) != std::string::npos);
        CHECK(text.find("IJsbrand van Dijk") != std::string::npos);
        CHECK(text.find((*seal)->content_hash.substr(0, 8)) != std::string::npos);
        CHECK(text.find(tr(locale, "copy.title")) != std::string::npos);
        CHECK(text.find(tr(locale, "plain.level3")) != std::string::npos);
    }
}

TEST_CASE("the Arabic copy holds every Arabic domain name, shaped right to left") {
    // Checked: the Arabic names through pdftotext in a normalised form (arabic_key), the Latin
    // parts exactly, and the Arabic font embedded as glyphs (CID), which is how HarfBuzz's
    // shaped, joined forms reach the PDF. The joining and the direction were looked at in
    // pdftoppm renderings.
    DemoVault demo;
    const std::string id = demo.assessment_of("IJsbrand");
    const fs::path pdf = write_copy(demo, id, "ar");
    CHECK(kt::test::read_bytes(pdf).rfind("%PDF-", 0) == 0);
    const std::string text = kt::test::pdf_text(pdf);
    CHECK(text.find("IJsbrand van Dijk") != std::string::npos);
    const std::u16string key = arabic_key(text);
    for (std::size_t i = 0; i < kt::zrm::kDomainCount; ++i) {
        CAPTURE(domain_name("ar", i));
        CHECK(key.find(arabic_key(domain_name("ar", i))) != std::u16string::npos);
    }
    CHECK(key.find(arabic_key(tr("ar", "copy.title"))) != std::u16string::npos);
    CHECK(key.find(arabic_key(tr("ar", "copy.client_agrees"))) != std::u16string::npos);
    // The comparison is not loose enough to find words that are not there ("giraffe", "the
    // garden").
    CHECK(key.find(arabic_key("\u0632\u0631\u0627\u0641\u0629")) == std::u16string::npos);
    CHECK(key.find(arabic_key("\u0627\u0644\u062d\u062f\u064a\u0642\u0629")) ==
          std::u16string::npos);
    const std::string fonts = kt::test::command_output("pdffonts '" + pdf.string() + "'");
    CHECK(fonts.find("NotoSansArabic") != std::string::npos);
    CHECK(fonts.find("DejaVu") == std::string::npos);
}

TEST_CASE("every page says its number and the count in the copy's language") {
    DemoVault demo;
    const std::string id = demo.assessment_of("IJsbrand");
    for (const char* locale : {"nl", "ar"}) {
        const fs::path pdf = write_copy(demo, id, locale);
        const int pages = kt::test::pdf_pages(pdf);
        CHECK(pages >= 2);
        auto cat = kt::i18n::Catalog::open(kt::test::i18n_dir(), locale);
        REQUIRE(cat.ok());
        const std::string last = cat->format(
            "copy.page", {{"page", std::int64_t(pages)}, {"count", std::int64_t(pages)}});
        if (std::string(locale) == "nl")
            CHECK(kt::test::pdf_text(pdf).find(last) != std::string::npos);
        else
            CHECK(arabic_key(kt::test::pdf_text(pdf)).find(arabic_key(last)) !=
                  std::u16string::npos);
    }
}

TEST_CASE("an assessment that is not sealed gets no copy and no file") {
    DemoVault demo;
    const std::string id = demo.assessment_of("Özlem");  // finished, not sealed
    const fs::path out = demo.dir / "kopie.pdf";
    const auto s = copy_to(demo.vault.db(), id, "tr", out, demo.kNow);
    REQUIRE(!s.ok());
    CHECK(s.error().code == kt::ErrorCode::invalid_state);
    CHECK(!fs::exists(out));
    CHECK(!fs::exists(demo.dir / "kopie.pdf.tmp"));
    const auto none = copy_to(demo.vault.db(), "no-such-id", "", out, 1);
    CHECK(none.error().code == kt::ErrorCode::not_found);
}

TEST_CASE("an existing file at the chosen place is never overwritten") {
    DemoVault demo;
    const std::string id = demo.assessment_of("IJsbrand");
    const fs::path out = demo.dir / "kopie.pdf";
    kt::test::write_bytes(out, "not a copy");
    const auto s = copy_to(demo.vault.db(), id, "nl", out, demo.kNow);
    REQUIRE(!s.ok());
    CHECK(s.error().code == kt::ErrorCode::already_exists);
    CHECK(kt::test::read_bytes(out) == "not a copy");
    fs::create_directory(demo.dir / "map.pdf");
    CHECK(copy_to(demo.vault.db(), id, "nl", demo.dir / "map.pdf", 1).error().code ==
          kt::ErrorCode::already_exists);
}

TEST_CASE("the copy is written only at the chosen path and leaves nothing beside it") {
    DemoVault demo;
    const std::string id = demo.assessment_of("IJsbrand");
    fs::create_directory(demo.dir / "usb");
    const fs::path out = demo.dir / "usb" / "kopie.pdf";
    REQUIRE(copy_to(demo.vault.db(), id, "", out, demo.kNow).ok());
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(demo.dir / "usb"))
        names.insert(e.path().filename().string());
    CHECK(names == std::set<std::string>{"kopie.pdf"});
    CHECK((fs::status(out).permissions() & fs::perms::others_read) == fs::perms::none);
    // The copy leaving the device is in the audit log: the assessment id, no name, no path.
    auto rows = kt::store::read_audit(demo.vault.db());
    REQUIRE(rows.ok());
    REQUIRE_FALSE(rows->empty());
    CHECK(rows->back().action == "export");
    CHECK(rows->back().object_id == id);
    // Without --lang the copy is in the language the client reviewed in (Dutch for van Dijk).
    CHECK(kt::test::pdf_text(out).find(tr("nl", "copy.title")) != std::string::npos);
    const auto missing = copy_to(demo.vault.db(), id, "nl", demo.dir / "gone" / "kopie.pdf", 1);
    CHECK(missing.error().code == kt::ErrorCode::not_found);
    CHECK(copy_to(demo.vault.db(), id, "de", demo.dir / "de.pdf", 1).error().code ==
          kt::ErrorCode::usage);
}

TEST_CASE("a progress copy shows the intake as an outline and the client's own level") {
    DemoVault demo;
    auto& db = demo.vault.db();
    const std::string intake = demo.assessment_of("IJsbrand");
    auto first = kt::store::load_assessment(db, intake);
    REQUIRE(first.ok());
    const std::int64_t at = demo.kNow - 3600;
    auto id =
        kt::store::start_assessment(db, first->client_id, kt::model::AssessmentKind::voortgang, at);
    REQUIRE(id.ok());
    for (int d = 0; d < kt::zrm::kDomainCount; ++d)
        REQUIRE(kt::store::set_score(db, id.value(), d, 1 + (d + 2) % 5, at).ok());
    kt::model::DomainDetail goal;
    goal.goal = true;
    REQUIRE(kt::store::set_domain_detail(db, id.value(), 0, goal, at).ok());
    REQUIRE(kt::store::finish_assessment(db, id.value(), at + 60).ok());
    const kt::model::DomainAnswer own{kt::model::Agreement::disagree, 4, "Gaat beter."};
    REQUIRE(kt::store::set_answer(db, id.value(), 2, own, at).ok());
    kt::model::Signature client{kt::model::Signer::representative,
                                "bewindvoerder",
                                {{{{0.1f, 0.5f}, {0.9f, 0.5f}}}},
                                false,
                                "",
                                0};
    kt::model::Signature worker{
        kt::model::Signer::worker, "", {{{{0.2f, 0.2f}, {0.8f, 0.8f}}}}, false, "", 0};
    REQUIRE(kt::store::save_signature(db, id.value(), client, at).ok());
    REQUIRE(kt::store::save_signature(db, id.value(), worker, at).ok());
    const kt::store::SealContext context{"0.1.0", std::string(64, 'a'), "ZRM-2017", "pin"};
    REQUIRE(kt::store::seal_assessment(db, id.value(), context, at + 120).ok());
    for (const char* locale : {"nl", "pl"}) {
        const fs::path pdf = write_copy(demo, id.value(), locale);
        const std::string text = kt::test::pdf_text(pdf);
        auto cat = kt::i18n::Catalog::open(kt::test::i18n_dir(), locale);
        REQUIRE(cat.ok());
        const std::string previous =
            cat->format("copy.previous", {{"date", cat->date(first->started_at)}});
        CHECK(text.find(previous) != std::string::npos);
        CHECK(text.find(cat->tr("copy.client_disagrees")) != std::string::npos);
        CHECK(text.find("Gaat beter.") != std::string::npos);
        CHECK(text.find("bewindvoerder") != std::string::npos);
        // The goals list each goal's domain by name beside its pictogram (no bullet).
        const auto goals_at = text.find(cat->tr("review.goals_title"));
        REQUIRE(goals_at != std::string::npos);
        CHECK(text.find(domain_name(locale, 0), goals_at) != std::string::npos);
    }
}
