// Bidi and Arabic shaping for a renderer that only draws left to right (Dear ImGui 1.86):
// logical UTF-8 in, visual UTF-8 lines out, with ICU u_shapeArabic and ubidi (STYLE.md 9).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kt::i18n {

/// The paragraph direction handed to the bidi algorithm. `automatic` takes the direction of
/// the first strong letter of each paragraph (left to right when there is none); use it for
/// text the user typed, whose language the screen does not know.
enum class Direction { ltr, rtl, automatic };

/// True for locales written right to left: ar, fa, he (and iw), ur, ps, yi, ckb and any
/// locale with an Arabic or Hebrew script subtag ("az_Arab"). Both "ar_SA" and "ar-EG" work;
/// an empty locale is left to right. From ICU's likely subtags (uloc_isRightToLeft).
bool is_rtl(std::string_view locale);

/// Direction::rtl or Direction::ltr for the locale, as is_rtl decides.
Direction direction_of(std::string_view locale);

/// True when the text holds a right-to-left letter (Hebrew, Arabic and its presentation
/// forms, Syriac, Thaana, N'Ko, ...) or a bidi control character, i.e. when visual_line can
/// give something else than the input for a left-to-right paragraph.
bool needs_bidi(std::string_view text);

/// Shapes Arabic in logical order: letters become their joined presentation forms (U+FB50 to
/// U+FEFF), lam + alef becomes one ligature. Everything else passes through unchanged.
std::string shape_arabic(std::string_view logical);

/// One line in visual order, ready to draw left to right: Arabic shaped over the whole line
/// (so joining is right), then reordered by the Unicode bidi algorithm with mirrored brackets
/// and bidi controls (LRM, RLM, embeddings, isolates) removed. Numbers and Latin words inside
/// right-to-left text keep their own left-to-right order. Text without right-to-left
/// letters in a left-to-right paragraph comes back byte for byte as given. Invalid UTF-8
/// becomes U+FFFD. Arabic vowel marks (U+064B..U+0652, U+0670) are left out: shaped for a
/// glyph-by-glyph renderer they would stand apart from their letters (unvocalised Arabic is
/// the norm). Do not wrap the result: wrap logical text with visual_lines.
std::string visual_line(std::string_view logical, Direction base);

/// One line of a text field laid out for drawing with a caret and a selection while the user
/// types: the logical UTF-16 text (as the editor holds it) shaped and in visual order, each
/// visual glyph tied to its logical index, so a caret or a selected range can be placed.
struct FieldLine {
    /// Visual order, left to right: one UTF-8 glyph per logical UTF-16 unit, shaped (joined
    /// presentation forms) and mirrored at right-to-left levels; empty for a unit that draws
    /// nothing (the second half of a lam-alef ligature, bidi controls, a low surrogate, an
    /// Arabic vowel mark as in visual_line).
    std::vector<std::string> glyphs;
    std::vector<int> logical;  // per visual glyph: its index in the logical text
    std::vector<bool> rtl;     // per logical index: written right to left (odd level)
    bool base_rtl = false;     // the paragraph's direction (align right when true)
};

/// `logical` as one line (no wrapping; '\n' is not expected). Direction::automatic takes the
/// first strong letter's direction. Bidi controls typed by the user (U+202E ...) act as the
/// bidi algorithm says, inside this line only, and are never drawn.
FieldLine field_line(std::u16string_view logical, Direction base);

/// Measures the width of a line as it will be drawn (for ImGui: CalcTextSizeA(...).x).
using MeasureText = std::function<float(std::string_view)>;

/// A logical paragraph as visual lines of at most `max_width`, top to bottom.
///
/// Wrapping happens in logical order, at ICU's line-break opportunities (after spaces,
/// after hyphens, ...), greedily; only then is each line shaped and reordered, because a
/// visual string cannot be wrapped (its first word is the logical last one). Trailing
/// spaces of a line are dropped (in a right-to-left line they would show at its left end
/// and spoil the right alignment). A '\n' starts a new paragraph: an empty one gives an
/// empty line. Empty input gives no lines.
///
/// `measure` is called with the finished visual line, the very string that is returned and
/// drawn: shaped (presentation forms and the lam-alef ligature are narrower or wider than
/// the nominal letters, so the logical text would measure wrong) and reordered (which does
/// not change the width in ImGui 1.86, which has no kerning, but mirrored brackets may
/// differ by a pixel in some fonts). So every returned line L has measure(L) <= max_width.
/// The single exception: a word that alone is wider than `max_width` is split between
/// characters (grapheme clusters), and a single character wider than `max_width` gets a
/// line of its own. A word that fits on a line is never split. `max_width` <= 0: no
/// wrapping, one line per paragraph (measure is not called).
std::vector<std::string> visual_lines(std::string_view logical, float max_width,
                                      const MeasureText& measure, Direction base);

}  // namespace kt::i18n
