// Bidi and shaping for a left-to-right-only renderer: Arabic joined and right to left,
// numbers and Latin words inside it in their own order, Latin scripts untouched, wrapping in
// logical order that never splits a word that fits.
#include "i18n/bidi.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

using namespace kt::i18n;

namespace {

// Code points of UTF-8 text, to compare with the values ICU 72 gives (checked in a scratch
// program against u_shapeArabic + ubidi directly).
std::vector<UChar32> cps(const std::string& s) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    std::vector<UChar32> out;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1))
        out.push_back(u.char32At(i));
    return out;
}

std::size_t codepoints(std::string_view s) {
    return cps(std::string(s)).size();
}

// A fake monospace font: every code point is 10 px wide.
float mono(std::string_view s) {
    return 10.0f * static_cast<float>(codepoints(s));
}

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

std::string join(const std::vector<std::string>& ws, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i)
        out += (i > from ? " " : "") + ws[i];
    return out;
}

const std::string kSalam = "سلام";
// "Domain 13 of the ZRM": a number and a Latin word inside an Arabic sentence.
const std::string kMixed = "مجال 13 من ZRM";
const std::string kArabicParagraph =
    "اقرأ كل جملة بهدوء ثم اختر ما يناسبك أكثر ويمكنك أن تطلب المساعدة في أي وقت";

}  // namespace

TEST_CASE("Arabic, Persian, Hebrew and Urdu locales are right to left", "[i18n]") {
    for (const char* l : {"ar", "ar_SA", "ar-EG", "fa", "he", "iw", "ur"})
        CHECK(is_rtl(l));
    for (const char* l : {"nl", "nl_NL", "en", "tr", "pl", ""})
        CHECK_FALSE(is_rtl(l));
    CHECK(direction_of("ar") == Direction::rtl);
    CHECK(direction_of("tr") == Direction::ltr);
}

TEST_CASE("shaping joins the letters of salaam with the lam-alef ligature", "[i18n]") {
    // seen initial, lam-alef final ligature, meem isolated (logical order)
    CHECK(cps(shape_arabic(kSalam)) == std::vector<UChar32>{0xFEB3, 0xFEFC, 0xFEE1});
    // and drawn left to right, the last letter comes first
    CHECK(cps(visual_line(kSalam, Direction::rtl)) == std::vector<UChar32>{0xFEE1, 0xFEFC, 0xFEB3});
    CHECK(visual_line(kSalam, Direction::ltr) == visual_line(kSalam, Direction::rtl));
    CHECK(cps(visual_line("لا", Direction::rtl)) == std::vector<UChar32>{0xFEFB});
}

TEST_CASE("a number and a Latin word inside Arabic keep their own order", "[i18n]") {
    const std::string v = visual_line(kMixed, Direction::rtl);
    CHECK(cps(v) == std::vector<UChar32>{'Z', 'R', 'M', ' ', 0xFEE6, 0xFEE3, ' ', '1', '3', ' ',
                                         0xFEDD, 0xFE8E, 0xFEA0, 0xFEE3});
    CHECK(v.find("13") != std::string::npos);
    CHECK(v.find("ZRM") != std::string::npos);
}

TEST_CASE("brackets around right-to-left text are mirrored", "[i18n]") {
    const std::string v = visual_line("(مرحبا)", Direction::rtl);
    CHECK(cps(v) == std::vector<UChar32>{'(', 0xFE8E, 0xFE92, 0xFEA3, 0xFEAE, 0xFEE3, ')'});
    CHECK(visual_line("(مرحبا)", Direction::automatic) == v);
}

TEST_CASE("Latin-script text passes through unchanged", "[i18n]") {
    for (const std::string s :
         {"Hallo, hoe gaat het met u?", "Cliënt IJsbrand van Dijk: geen schulden (3).",
          "Çıkış İstanbul ığüşöç ĞÜŞÖÇ", "Zażółć gęślą jaźń, Łódź!", "Ein Test - 12,50 €"}) {
        CHECK(visual_line(s, Direction::ltr) == s);
        CHECK(visual_line(s, Direction::automatic) == s);
        CHECK(shape_arabic(s) == s);
        CHECK_FALSE(needs_bidi(s));
        CHECK(visual_lines(s, 10000.0f, mono, Direction::ltr) == std::vector<std::string>{s});
    }
}

TEST_CASE("bidi control characters are removed, not drawn as boxes", "[i18n]") {
    CHECK(needs_bidi("\u200Fabc"));
    CHECK(visual_line("\u200Fabc\u200E", Direction::ltr) == "abc");
    CHECK(visual_line("a\u2067b\u2069c", Direction::ltr) == "abc");
}

TEST_CASE("wrapping never splits a word and no line is wider than allowed", "[i18n]") {
    const std::string s =
        "Hoe gaat het met uw geldzaken? Kunt u rekeningen op tijd betalen en weet u waar u "
        "hulp kunt vragen als het even niet lukt?";
    for (float width : {100.0f, 120.0f, 250.0f, 400.0f}) {  // longest word: 10
        const auto lines = visual_lines(s, width, mono, Direction::ltr);
        REQUIRE(lines.size() > 1);
        std::vector<std::string> seen;
        for (const auto& l : lines) {
            CHECK(mono(l) <= width);
            CHECK(l.back() != ' ');
            for (const auto& w : words(l))
                seen.push_back(w);
        }
        CHECK(seen == words(s));  // every word whole, in order, nothing lost
    }
}

TEST_CASE("wrapping is greedy: a line takes every word that still fits", "[i18n]") {
    const auto lines = visual_lines("aaa bbb ccc ddd", 75.0f, mono, Direction::ltr);
    CHECK(lines == std::vector<std::string>{"aaa bbb", "ccc ddd"});
}

TEST_CASE("Arabic wraps in logical order before each line is shaped and reordered", "[i18n]") {
    const std::vector<std::string> ws = words(kArabicParagraph);
    const float width = 200.0f;
    const auto lines = visual_lines(kArabicParagraph, width, mono, Direction::rtl);
    REQUIRE(lines.size() > 2);
    // Each visual line is the visual form of the next run of logical words: the first line
    // holds the first words of the sentence (a visual string wrapped afterwards would not).
    std::size_t next = 0;
    for (const auto& line : lines) {
        CHECK(mono(line) <= width);
        std::size_t end = next + 1;
        while (end <= ws.size() && visual_line(join(ws, next, end), Direction::rtl) != line)
            ++end;
        REQUIRE(end <= ws.size());
        next = end;
    }
    CHECK(next == ws.size());
}

TEST_CASE("the measure sees shaped text, never the nominal Arabic letters", "[i18n]") {
    int calls = 0;
    bool nominal = false;
    const MeasureText measure = [&](std::string_view s) {
        ++calls;
        for (UChar32 c : cps(std::string(s))) {
            // letters that join (hamza does not: ICU leaves it nominal, which looks the same)
            const auto jt = u_getIntPropertyValue(c, UCHAR_JOINING_TYPE);
            if (c >= 0x0600 && c <= 0x06FF && (jt == U_JT_DUAL_JOINING || jt == U_JT_RIGHT_JOINING))
                nominal = true;
        }
        return mono(s);
    };
    const auto lines =
        visual_lines(kArabicParagraph + " " + kMixed, 150.0f, measure, Direction::rtl);
    CHECK(calls > 0);
    CHECK_FALSE(nominal);
    // the lam-alef ligature is one glyph: the shaped line is narrower than the logical one
    CHECK(mono(visual_line(kSalam, Direction::rtl)) < mono(kSalam));
}

TEST_CASE("a mixed Arabic line wraps with the number and Latin word intact", "[i18n]") {
    const auto lines = visual_lines(kMixed + " " + kMixed, 80.0f, mono, Direction::rtl);
    REQUIRE(lines.size() >= 2);
    for (const auto& l : lines)
        CHECK(mono(l) <= 80.0f);
    std::string all;
    for (const auto& l : lines)
        all += l + "|";
    CHECK(all.find("13") != std::string::npos);
    CHECK(all.find("31") == std::string::npos);
    CHECK(all.find("ZRM") != std::string::npos);
}

TEST_CASE("a word wider than the line is split between characters", "[i18n]") {
    const std::string s = "Arbeidsongeschiktheidsverzekering is duur";
    const auto lines = visual_lines(s, 100.0f, mono, Direction::ltr);
    std::string joined;
    for (const auto& l : lines) {
        CHECK(mono(l) <= 100.0f);
        joined += l;
    }
    CHECK(joined.rfind("Arbeidsongeschiktheidsverzekering", 0) == 0);
    // 10 cells a line, as much as fits; the word's tail shares its line with the next word
    CHECK(lines ==
          std::vector<std::string>{"Arbeidsong", "eschikthei", "dsverzeker", "ing is", "duur"});
}

TEST_CASE("a single character wider than the line still gets a line", "[i18n]") {
    const auto lines = visual_lines("ab", 5.0f, mono, Direction::ltr);
    CHECK(lines == std::vector<std::string>{"a", "b"});
}

TEST_CASE("new lines start paragraphs, empty input gives no lines", "[i18n]") {
    CHECK(visual_lines("", 100.0f, mono, Direction::ltr).empty());
    CHECK(visual_lines("a\n\nb", 100.0f, mono, Direction::ltr) ==
          std::vector<std::string>{"a", "", "b"});
    CHECK(visual_lines("a\r\nb", 0.0f, mono, Direction::ltr) == std::vector<std::string>{"a", "b"});
    const auto two = visual_lines(kSalam + "\n" + kSalam, 0.0f, nullptr, Direction::rtl);
    CHECK(two == std::vector<std::string>(2, visual_line(kSalam, Direction::rtl)));
}

TEST_CASE("automatic direction follows each paragraph's first strong letter", "[i18n]") {
    // A Dutch sentence with an Arabic word stays left to right; the period stays at the end.
    const std::string dutch = "Taal: العربية.";
    const std::string v = visual_line(dutch, Direction::automatic);
    CHECK(v.rfind("Taal: ", 0) == 0);
    CHECK(v.back() == '.');
    // The same in a right-to-left paragraph: the period goes to the left end.
    CHECK(visual_line(dutch, Direction::rtl).front() == '.');
}

TEST_CASE("Arabic vowel marks are left out, never drawn beside their letters", "[i18n]") {
    // "jiddan" with tanwin and "tadabbur" with shadda: as drawn, the same as unvocalised.
    for (const auto& [marked, bare] :
         {std::pair<std::string, std::string>{"جدًا", "جدا"}, {"تدبّر", "تدبر"}, {"عالٍ", "عال"}}) {
        CAPTURE(marked);
        const std::string v = visual_line(marked, Direction::rtl);
        CHECK(v == visual_line(bare, Direction::rtl));
        for (UChar32 c : cps(v))
            CHECK_FALSE((c >= 0xFE70 && c <= 0xFE7F));  // spacing harakat, shadda with tatweel
        CHECK(visual_lines(marked, 1000.0f, mono, Direction::rtl) == std::vector<std::string>{v});
    }
}

TEST_CASE("a typed field line joins Arabic across vowel marks and draws no mark", "[i18n]") {
    const icu::UnicodeString marked = icu::UnicodeString::fromUTF8("جدًا");
    const std::u16string text(reinterpret_cast<const char16_t*>(marked.getBuffer()),
                              static_cast<std::size_t>(marked.length()));
    const FieldLine f = field_line(text, Direction::rtl);
    REQUIRE(f.glyphs.size() == text.size());
    CHECK(f.base_rtl);
    std::string drawn;
    for (const auto& g : f.glyphs)
        drawn += g;
    // The letters as drawn are exactly the unvocalised visual line: joined forms, no mark.
    CHECK(drawn == visual_line("جدا", Direction::rtl));
    // Each glyph keeps its logical index (the mark's slot is empty, at index 2).
    for (std::size_t v = 0; v < f.glyphs.size(); ++v)
        if (f.logical[v] == 2) CHECK(f.glyphs[v].empty());
}

TEST_CASE("a typed field line of mixed text keeps each glyph's logical index", "[i18n]") {
    const icu::UnicodeString s = icu::UnicodeString::fromUTF8("سلام 12 ok");
    const std::u16string text(reinterpret_cast<const char16_t*>(s.getBuffer()),
                              static_cast<std::size_t>(s.length()));
    const FieldLine f = field_line(text, Direction::automatic);
    CHECK(f.base_rtl);
    std::vector<int> seen(f.logical.begin(), f.logical.end());
    std::sort(seen.begin(), seen.end());
    for (std::size_t i = 0; i < seen.size(); ++i)
        CHECK(seen[i] == int(i));  // a permutation: every logical unit exactly once
    std::string drawn;
    for (const auto& g : f.glyphs)
        drawn += g;
    CHECK(drawn == visual_line("سلام 12 ok", Direction::rtl));
    CHECK_FALSE(f.rtl[9]);  // "k" of "ok" is left to right inside the Arabic line
    CHECK(f.rtl[0]);
}
