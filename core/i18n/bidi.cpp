#include "i18n/bidi.hpp"

#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>
#include <unicode/ushape.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

namespace kt::i18n {

namespace {

using Text = icu::UnicodeString;

Text to16(std::string_view s) {
    return Text::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to8(const UChar* p, int32_t n) {
    std::string out;
    Text(false, p, n).toUTF8String(out);  // read-only alias, no copy of the UTF-16
    return out;
}

bool rtl_or_control(UChar32 c) {
    return (c >= 0x0590 && c <= 0x08FF)     // Hebrew, Arabic, Syriac, Thaana, N'Ko, ...
           || (c >= 0xFB1D && c <= 0xFDFF)  // Hebrew and Arabic presentation forms A
           || (c >= 0xFE70 && c <= 0xFEFF)  // Arabic presentation forms B
           || (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF) || c == 0x200E ||
           c == 0x200F                       // LRM, RLM
           || (c >= 0x202A && c <= 0x202E)   // embeddings and overrides
           || (c >= 0x2066 && c <= 0x2069);  // isolates
}

// Arabic vowel marks (harakat: tanwin, fatha to sukun, superscript alef). u_shapeArabic
// turns them into spacing presentation forms (U+FE70..U+FE7F), which a glyph-by-glyph
// renderer draws as loose marks in a gap beside their letter, so the kiosk drops them.
bool is_haraka(UChar c) {
    return (c >= 0x064B && c <= 0x0652) || c == 0x0670;
}

std::vector<UChar> without_harakat(const UChar* src, int32_t n) {
    std::vector<UChar> out;
    out.reserve(static_cast<std::size_t>(n));
    for (int32_t i = 0; i < n; ++i)
        if (!is_haraka(src[i])) out.push_back(src[i]);
    return out;
}

// Shaping never grows the text (lam + alef shrinks to one ligature), so n units suffice;
// a preflight on overflow keeps this right should ICU ever decide otherwise. Harakat are
// dropped before shaping (the letters join as if they were not there).
std::vector<UChar> shape16(const UChar* src_in, int32_t n_in) {
    const std::vector<UChar> bare = without_harakat(src_in, n_in);
    const UChar* src = bare.data();
    const auto n = static_cast<int32_t>(bare.size());
    constexpr uint32_t kOptions =
        U_SHAPE_LETTERS_SHAPE | U_SHAPE_LENGTH_GROW_SHRINK | U_SHAPE_TEXT_DIRECTION_LOGICAL;
    std::vector<UChar> out(static_cast<std::size_t>(n) + 1);
    UErrorCode st = U_ZERO_ERROR;
    int32_t len =
        u_shapeArabic(src, n, out.data(), static_cast<int32_t>(out.size()), kOptions, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        out.resize(static_cast<std::size_t>(len) + 1);
        st = U_ZERO_ERROR;
        len = u_shapeArabic(src, n, out.data(), static_cast<int32_t>(out.size()), kOptions, &st);
    }
    if (U_FAILURE(st)) return {src, src + n};  // unshaped beats nothing
    out.resize(static_cast<std::size_t>(len));
    return out;
}

struct BidiDeleter {
    void operator()(UBiDi* b) const { ubidi_close(b); }
};

UBiDi* bidi_object() {
    thread_local std::unique_ptr<UBiDi, BidiDeleter> bidi(ubidi_open());
    return bidi.get();
}

// Visual order of one line; removing controls and mirroring never lengthen it.
std::vector<UChar> reorder16(const std::vector<UChar>& line, UBiDiLevel level) {
    if (line.empty()) return {};
    UBiDi* bidi = bidi_object();
    UErrorCode st = U_ZERO_ERROR;
    const auto n = static_cast<int32_t>(line.size());
    ubidi_setPara(bidi, line.data(), n, level, nullptr, &st);
    std::vector<UChar> out(line.size() + 1);
    const int32_t len = ubidi_writeReordered(bidi, out.data(), static_cast<int32_t>(out.size()),
                                             UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &st);
    if (U_FAILURE(st)) return line;
    out.resize(static_cast<std::size_t>(len));
    return out;
}

UBiDiLevel level_for(const Text& paragraph, Direction base) {
    if (base == Direction::rtl) return UBIDI_RTL;
    if (base == Direction::ltr) return UBIDI_LTR;
    return ubidi_getBaseDirection(paragraph.getBuffer(), paragraph.length()) == UBIDI_RTL
               ? UBIDI_RTL
               : UBIDI_LTR;
}

// One paragraph of UTF-16 with what it needs to become visual lines.
struct Paragraph {
    Text text;
    UBiDiLevel level = UBIDI_LTR;
    bool plain = false;  // left to right without RTL letters: visual == logical

    // The visual UTF-8 line of [a, b), trailing white space dropped.
    std::string line(int32_t a, int32_t b) const {
        const UChar* p = text.getBuffer();
        while (b > a && u_isUWhiteSpace(p[b - 1]))
            --b;
        if (plain) return to8(p + a, b - a);
        const std::vector<UChar> visual = reorder16(shape16(p + a, b - a), level);
        return to8(visual.data(), static_cast<int32_t>(visual.size()));
    }
};

struct Break {
    int32_t pos;
    bool hard;  // a mandatory break (CR, VT, FF, U+2028, ...)
};

std::vector<Break> line_breaks(const Text& text) {
    UErrorCode st = U_ZERO_ERROR;
    thread_local std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), st));
    std::vector<Break> out;
    if (!it) {  // no ICU data: the paragraph is one unbreakable piece
        out.push_back({text.length(), false});
        return out;
    }
    it->setText(text);
    for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next()) {
        const int32_t status = it->getRuleStatus();
        out.push_back({p, status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT});
    }
    if (out.empty() || out.back().pos != text.length()) out.push_back({text.length(), false});
    return out;
}

std::vector<int32_t> grapheme_breaks(const Text& text, int32_t a, int32_t b) {
    UErrorCode st = U_ZERO_ERROR;
    thread_local std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), st));
    std::vector<int32_t> out;
    if (!it) {
        for (int32_t p = a + 1; p <= b; ++p)
            out.push_back(p);
        return out;
    }
    it->setText(text);
    for (int32_t p = it->following(a); p != icu::BreakIterator::DONE && p <= b; p = it->next())
        out.push_back(p);
    if (out.empty() || out.back() != b) out.push_back(b);
    return out;
}

// A word wider than the whole line: split between graphemes, greedily. All pieces but the
// last become lines; returns where the last piece starts, so the next words may join it.
int32_t split_word(const Paragraph& par, int32_t a, int32_t b, float max_width,
                   const MeasureText& measure, std::vector<std::string>& out) {
    const std::vector<int32_t> ends = grapheme_breaks(par.text, a, b);
    int32_t start = a;
    std::size_t k = 0;
    while (k < ends.size()) {
        std::string best = par.line(start, ends[k]);  // at least one grapheme per line
        std::size_t best_k = k;
        for (std::size_t j = k + 1; j < ends.size(); ++j) {
            std::string cand = par.line(start, ends[j]);
            if (measure(cand) > max_width) break;
            best = std::move(cand);
            best_k = j;
        }
        if (best_k + 1 == ends.size() && measure(best) <= max_width) return start;
        out.push_back(std::move(best));
        start = ends[best_k];
        k = best_k + 1;
    }
    return b;
}

void wrap(const Paragraph& par, float max_width, const MeasureText& measure,
          std::vector<std::string>& out) {
    const std::vector<Break> breaks = line_breaks(par.text);
    const int32_t len = par.text.length();
    int32_t start = 0;
    while (start < len) {
        // The first break after `start` (start may sit inside a word that was split).
        auto first = std::upper_bound(breaks.begin(), breaks.end(), start,
                                      [](int32_t s, const Break& b) { return s < b.pos; });
        std::string best;
        auto best_it = breaks.end();
        for (auto it = first; it != breaks.end(); ++it) {
            std::string cand = par.line(start, it->pos);
            if (measure(cand) > max_width) break;
            best = std::move(cand);
            best_it = it;
            if (it->hard) break;
        }
        if (best_it == breaks.end()) {
            // Not even the first word fits. When its last piece fits, the loop goes on from
            // that piece, so the next words may share its line.
            const int32_t next = split_word(par, start, first->pos, max_width, measure, out);
            if (next <= start) {  // only with a measure that changes its mind: move on
                out.push_back(par.line(start, first->pos));
                start = first->pos;
            } else {
                start = next;
            }
            continue;
        }
        out.push_back(std::move(best));
        start = best_it->pos;
    }
}

template <typename F>
void for_each_paragraph(std::string_view text, F&& f) {
    std::size_t a = 0;
    while (true) {
        const std::size_t nl = text.find('\n', a);
        std::string_view p = text.substr(a, nl == std::string_view::npos ? text.npos : nl - a);
        if (!p.empty() && p.back() == '\r') p.remove_suffix(1);
        f(p);
        if (nl == std::string_view::npos) return;
        a = nl + 1;
    }
}

Paragraph make_paragraph(std::string_view p, Direction base) {
    Paragraph par;
    par.text = to16(p);
    par.plain = base != Direction::rtl && !needs_bidi(p);
    par.level = par.plain ? UBiDiLevel{UBIDI_LTR} : level_for(par.text, base);
    return par;
}

bool is_bidi_control(UChar c) {
    return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

// Shaped with the length kept: a lam-alef ligature takes the lam's place and leaves a space
// where the alef was, so every logical index still has exactly one shaped unit.
std::vector<UChar> shape_fixed(const UChar* src, int32_t n) {
    constexpr uint32_t kOptions =
        U_SHAPE_LETTERS_SHAPE | U_SHAPE_LENGTH_FIXED_SPACES_NEAR | U_SHAPE_TEXT_DIRECTION_LOGICAL;
    std::vector<UChar> out(static_cast<std::size_t>(n));
    UErrorCode st = U_ZERO_ERROR;
    const int32_t len = u_shapeArabic(src, n, out.data(), n, kOptions, &st);
    if (U_FAILURE(st) || len != n) return {src, src + n};
    return out;
}

}  // namespace

FieldLine field_line(std::u16string_view logical, Direction base) {
    FieldLine out;
    const auto n = static_cast<int32_t>(logical.size());
    const auto* src = reinterpret_cast<const UChar*>(logical.data());
    const Text text(false, src, n);
    const UBiDiLevel level = level_for(text, base);
    out.base_rtl = level == UBIDI_RTL;
    out.rtl.assign(logical.size(), false);
    if (n == 0) return out;
    const std::vector<UChar> shaped = shape_fixed(src, n);
    UBiDi* bidi = bidi_object();
    UErrorCode st = U_ZERO_ERROR;
    ubidi_setPara(bidi, src, n, level, nullptr, &st);
    std::vector<int32_t> map(logical.size());
    ubidi_getVisualMap(bidi, map.data(), &st);
    if (U_FAILURE(st)) {  // never on valid input; draw logical order rather than nothing
        for (int32_t i = 0; i < n; ++i)
            map[std::size_t(i)] = i;
    }
    for (int32_t i = 0; i < n; ++i)
        out.rtl[std::size_t(i)] = U_SUCCESS(st) && (ubidi_getLevelAt(bidi, i) & 1) != 0;
    for (int32_t v = 0; v < n; ++v) {
        const int32_t i = map[std::size_t(v)];
        const UChar c = src[i];
        std::string glyph;
        const bool lamalef_half = shaped[std::size_t(i)] == u' ' && c != u' ';
        if (U16_IS_LEAD(c) && i + 1 < n && U16_IS_TRAIL(src[i + 1])) {
            Text(src + i, 2).toUTF8String(glyph);
        } else if (!U16_IS_SURROGATE(c) && !is_bidi_control(c) && !lamalef_half && !is_haraka(c)) {
            UChar32 g = shaped[std::size_t(i)];
            if (out.rtl[std::size_t(i)]) g = u_charMirror(g);
            Text(g).toUTF8String(glyph);
        }
        out.glyphs.push_back(std::move(glyph));
        out.logical.push_back(i);
    }
    return out;
}

bool is_rtl(std::string_view locale) {
    if (locale.empty()) return false;  // "" would mean ICU's default locale
    const std::string id(locale);
    return uloc_isRightToLeft(id.c_str()) != 0;
}

Direction direction_of(std::string_view locale) {
    return is_rtl(locale) ? Direction::rtl : Direction::ltr;
}

bool needs_bidi(std::string_view text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        UChar32 c = 0;
        U8_NEXT(s, i, n, c);
        if (rtl_or_control(c)) return true;
    }
    return false;
}

std::string shape_arabic(std::string_view logical) {
    const Text t = to16(logical);
    const std::vector<UChar> shaped = shape16(t.getBuffer(), t.length());
    return to8(shaped.data(), static_cast<int32_t>(shaped.size()));
}

std::string visual_line(std::string_view logical, Direction base) {
    if (base != Direction::rtl && !needs_bidi(logical)) return std::string(logical);
    std::string out;
    bool first = true;
    for_each_paragraph(logical, [&](std::string_view p) {
        if (!first) out += '\n';
        first = false;
        const Text t = to16(p);
        const std::vector<UChar> visual =
            reorder16(shape16(t.getBuffer(), t.length()), level_for(t, base));
        out += to8(visual.data(), static_cast<int32_t>(visual.size()));
    });
    return out;
}

std::vector<std::string> visual_lines(std::string_view logical, float max_width,
                                      const MeasureText& measure, Direction base) {
    std::vector<std::string> out;
    if (logical.empty()) return out;
    for_each_paragraph(logical, [&](std::string_view p) {
        if (p.empty()) {
            out.emplace_back();
            return;
        }
        const Paragraph par = make_paragraph(p, base);
        if (max_width <= 0.0f || !measure)
            out.push_back(par.line(0, par.text.length()));
        else
            wrap(par, max_width, measure, out);
    });
    return out;
}

}  // namespace kt::i18n
