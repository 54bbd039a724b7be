// Dutch names as typed: capitals, tussenvoegsels, and the search key of the client list.
#include "i18n/names.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <utility>

using namespace kt::i18n;

namespace {

kt::model::Client client(std::string given, std::string tussenvoegsel, std::string family) {
    kt::model::Client c;
    c.given_name = std::move(given);
    c.tussenvoegsel = std::move(tussenvoegsel);
    c.family_name = std::move(family);
    return c;
}

using Split = std::optional<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("a given name starting with ij gets the Dutch capital IJ", "[i18n]") {
    CHECK(capitalise_given_name("ijsbrand") == "IJsbrand");
    CHECK(capitalise_given_name("IJsbrand") == "IJsbrand");
    CHECK(capitalise_given_name("iJsbrand") == "IJsbrand");
}

TEST_CASE("a given name typed as Ij is left as typed because it need not be Dutch", "[i18n]") {
    CHECK(capitalise_given_name("Ijeoma") == "Ijeoma");
}

TEST_CASE("every part of a hyphenated or spaced given name gets a capital", "[i18n]") {
    CHECK(capitalise_given_name("anne-marie") == "Anne-Marie");
    CHECK(capitalise_given_name("jan peter") == "Jan Peter");
    CHECK(capitalise_given_name("  jan   peter ") == "Jan Peter");
}

TEST_CASE("a given name with a diacritic on its first letter gets the capital", "[i18n]") {
    CHECK(capitalise_given_name("özlem") == "Özlem");
    CHECK(capitalise_given_name("łucja") == "Łucja");
    CHECK(capitalise_given_name("çağlar") == "Çağlar");
}

TEST_CASE("the Turkish dotless and dotted i get their own capitals", "[i18n]") {
    CHECK(capitalise_given_name("ılkay") == "Ilkay");
    // i followed by U+0307 COMBINING DOT ABOVE: the capital is İ (U+0130) after NFC.
    CHECK(capitalise_given_name("i\xCC\x87smail") == "\xC4\xB0smail");
    CHECK(capitalise_given_name("İsmail") == "İsmail");
}

TEST_CASE("a given name that is already right is left alone", "[i18n]") {
    CHECK(capitalise_given_name("McDonald") == "McDonald");
    CHECK(capitalise_given_name("Anne-Marie") == "Anne-Marie");
    CHECK(capitalise_given_name("Özlem") == "Özlem");
    CHECK(capitalise_given_name("") == "");
}

TEST_CASE("a family name without tussenvoegsel gets its capitals", "[i18n]") {
    CHECK(capitalise_family_name("dijk") == "Dijk");
    CHECK(capitalise_family_name("ijsselmuiden") == "IJsselmuiden");
    CHECK(capitalise_family_name("el amrani") == "El Amrani");
    CHECK(capitalise_family_name("öztürk") == "Öztürk");
    CHECK(capitalise_family_name("wójcik") == "Wójcik");
    CHECK(capitalise_family_name("McDonald") == "McDonald");
}

TEST_CASE("a family name with one letter before an apostrophe keeps both capitals", "[i18n]") {
    CHECK(capitalise_family_name("o'brien") == "O'Brien");
    CHECK(capitalise_family_name("d’ancona") == "D'Ancona");
}

TEST_CASE("a tussenvoegsel is written in lower case and trimmed", "[i18n]") {
    CHECK(normalise_tussenvoegsel("Van") == "van");
    CHECK(normalise_tussenvoegsel("Van Der ") == "van der");
    CHECK(normalise_tussenvoegsel("  van   den") == "van den");
    CHECK(normalise_tussenvoegsel("In 'T") == "in 't");
    CHECK(normalise_tussenvoegsel("in ’t") == "in 't");
    CHECK(normalise_tussenvoegsel("TER") == "ter");
    CHECK(normalise_tussenvoegsel("De") == "de");
    CHECK(normalise_tussenvoegsel("El") == "el");
    CHECK(normalise_tussenvoegsel("") == "");
}

TEST_CASE("a known tussenvoegsel is split off a typed family name", "[i18n]") {
    CHECK(split_tussenvoegsel("van dijk") == Split({"van", "Dijk"}));
    CHECK(split_tussenvoegsel("Van Dijk") == Split({"van", "Dijk"}));
    CHECK(split_tussenvoegsel("de vries") == Split({"de", "Vries"}));
    CHECK(split_tussenvoegsel("ter horst") == Split({"ter", "Horst"}));
    CHECK(split_tussenvoegsel("el amrani") == Split({"el", "Amrani"}));
    CHECK(split_tussenvoegsel("van ijsselmuiden") == Split({"van", "IJsselmuiden"}));
}

TEST_CASE("the longest tussenvoegsel that fits is split off", "[i18n]") {
    CHECK(split_tussenvoegsel("van der berg") == Split({"van der", "Berg"}));
    CHECK(split_tussenvoegsel("van den bosch") == Split({"van den", "Bosch"}));
    CHECK(split_tussenvoegsel("in 't veld") == Split({"in 't", "Veld"}));
    CHECK(split_tussenvoegsel("In ’T Veld") == Split({"in 't", "Veld"}));
    CHECK(split_tussenvoegsel("op de beek") == Split({"op de", "Beek"}));
    CHECK(split_tussenvoegsel("voor in 't holt") == Split({"voor in 't", "Holt"}));
}

TEST_CASE("a family name without a tussenvoegsel is not split", "[i18n]") {
    CHECK_FALSE(split_tussenvoegsel("dijkstra").has_value());
    CHECK_FALSE(split_tussenvoegsel("Vandenberg").has_value());
    CHECK_FALSE(split_tussenvoegsel("Jansen de Wit").has_value());
    CHECK_FALSE(split_tussenvoegsel("").has_value());
}

TEST_CASE("a lone tussenvoegsel is not split because no family name would be left", "[i18n]") {
    CHECK_FALSE(split_tussenvoegsel("van").has_value());
    CHECK_FALSE(split_tussenvoegsel("van der").has_value());
    CHECK_FALSE(split_tussenvoegsel("In 't").has_value());
}

TEST_CASE("the search key drops case and diacritics", "[i18n]") {
    CHECK(search_fold("Öztürk") == search_fold("ozturk"));
    CHECK(search_fold("Öztürk") == "ozturk");
    CHECK(search_fold("Wójcik") == "wojcik");
    CHECK(search_fold("Yılmaz") == "yilmaz");
    CHECK(search_fold("IJsbrand") == "ijsbrand");
    CHECK(search_fold("Łukasz") == "lukasz");
    CHECK(search_fold("İsmail") == "ismail");
    CHECK(search_fold("ŞÜKRÜ ÇAĞLAR") == "sukru caglar");
    CHECK(search_fold("  van   Dijk ") == "van dijk");
}

TEST_CASE("the search key keeps Arabic letters as they are written", "[i18n]") {
    CHECK(search_fold("محمد") == "محمد");
}

TEST_CASE("a search without diacritics finds a name with them", "[i18n]") {
    CHECK(name_matches("ozturk", client("Ayşe", "", "Öztürk")));
    CHECK(name_matches("ÖZTÜRK", client("Ayşe", "", "Öztürk")));
    CHECK(name_matches("ayse", client("Ayşe", "", "Öztürk")));
    CHECK(name_matches("wojcik", client("Agnieszka", "", "Wójcik")));
    CHECK(name_matches("yilmaz", client("Emre", "", "Yılmaz")));
    CHECK(name_matches("lukasz", client("Łukasz", "", "Nowak")));
}

TEST_CASE("every query word must start some word of the full name", "[i18n]") {
    const auto ijsbrand = client("IJsbrand", "van", "Dijk");
    CHECK(name_matches("van dijk", ijsbrand));
    CHECK(name_matches("ijsb", ijsbrand));
    CHECK(name_matches("dijk ijs", ijsbrand));
    CHECK(name_matches("  Dijk  ", ijsbrand));
    CHECK_FALSE(name_matches("ijk", ijsbrand));
    CHECK_FALSE(name_matches("dijk jan", ijsbrand));
    CHECK_FALSE(name_matches("dijkstra", ijsbrand));
}

TEST_CASE("hyphens and apostrophes in a name separate searchable words", "[i18n]") {
    CHECK(name_matches("marie", client("Anne-Marie", "in 't", "Veld")));
    CHECK(name_matches("anne-marie", client("Anne-Marie", "in 't", "Veld")));
    CHECK(name_matches("veld", client("Anne-Marie", "in 't", "Veld")));
}

TEST_CASE("an empty query finds every client", "[i18n]") {
    CHECK(name_matches("", client("IJsbrand", "van", "Dijk")));
    CHECK(name_matches("   ", client("IJsbrand", "van", "Dijk")));
    CHECK(name_matches("", client("", "", "")));
}
