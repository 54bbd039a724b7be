// Dutch names as people type them: capitals (IJ, hyphens, Turkish dotted/dotless i), the
// tussenvoegsel in its own field, and a search key that ignores case and diacritics.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "model/client.hpp"

namespace kt::i18n {

/// "ijsbrand" -> "IJsbrand", "anne-marie" -> "Anne-Marie", "özlem" -> "Özlem",
/// "ılkay" -> "Ilkay", "i̇smail" -> "İsmail". Only the first letter of each word part is
/// raised (ICU titlecasing, root locale); the rest stays as typed, so "McDonald" stays.
/// A lower-case "ij" at the start of a part becomes "IJ" (the Dutch digraph); a typed "Ij"
/// is left alone ("Ijeoma" is not Dutch). Trims, collapses spaces, returns NFC.
std::string capitalise_given_name(std::string_view typed);

/// The family name without its tussenvoegsel: "dijk" -> "Dijk", "ijsselmuiden" ->
/// "IJsselmuiden", "el amrani" -> "El Amrani". The rules of capitalise_given_name, plus a
/// single letter before an apostrophe keeps the next letter up: "o'brien" -> "O'Brien".
std::string capitalise_family_name(std::string_view typed);

/// The tussenvoegsel as it is written after a given name: lower case, trimmed, single
/// spaces, typographic apostrophes made plain: "Van Der " -> "van der", "In ’T" -> "in 't".
std::string normalise_tussenvoegsel(std::string_view typed);

/// Splits a known Dutch tussenvoegsel (the longest that fits) off a typed family name:
/// "van der berg" -> {"van der", "Berg"}, "De Vries" -> {"de", "Vries"}. Nullopt when the
/// name starts with none ("dijkstra") or nothing would be left of the family name ("van").
std::optional<std::pair<std::string, std::string>> split_tussenvoegsel(
    std::string_view family_typed);

/// A search key without case or diacritics: "Öztürk" -> "ozturk", "Yılmaz" -> "yilmaz",
/// "Łukasz" -> "lukasz", "IJsbrand" -> "ijsbrand". Trimmed, single spaces. Scripts without
/// a Latin form (Arabic) stay as they are, lower-cased where they have case.
std::string search_fold(std::string_view text);

/// True when every word of the folded query is the start of some word of the client's
/// folded full name (given name, tussenvoegsel, family name; hyphens and apostrophes split
/// words). "ozturk" finds Öztürk, "dijk ijs" finds IJsbrand van Dijk; an empty query finds
/// everyone.
bool name_matches(std::string_view query, const model::Client& c);

}  // namespace kt::i18n
