// The passphrase rule every place that sets a passphrase shares: length in characters,
// zxcvbn's score of 3 or more, and the reason a worker reads when it is refused.
#include "crypto/passphrase_rule.hpp"

#include <catch2/catch.hpp>

using kt::crypto::judge_passphrase;

TEST_CASE("a passphrase of a few unrelated words is accepted") {
    for (const char* p :
         {"fiets-boom-regen-lamp", "thee met de buurvrouw", "Koffie met koek 2026"}) {
        const auto v = judge_passphrase(p);
        CAPTURE(p, v.reason_key);
        CHECK(v.ok);
        CHECK(v.score >= 3);
        CHECK(v.reason_key.empty());
    }
}

TEST_CASE("a passphrase under 12 characters is too short, counted in characters not bytes") {
    CHECK(judge_passphrase("Zx9#kq!").reason_key == "passphrase.rule.too_short");
    // 11 characters, 22 bytes in UTF-8: still too short.
    const auto v = judge_passphrase("ééééééééééé");
    CHECK(v.chars == 11);
    CHECK(v.reason_key == "passphrase.rule.too_short");
}

TEST_CASE("an easy passphrase is refused with the reason that fits it") {
    struct Case {
        const char* passphrase;
        const char* reason;
    };
    for (const Case c : {Case{"password1234", "passphrase.rule.common"},
                         Case{"wachtwoord123", "passphrase.rule.common"},
                         Case{"keukentafel1", "passphrase.rule.common"},
                         Case{"aaaaaaaaaaaa", "passphrase.rule.repeat"},
                         Case{"abcdefghijkl", "passphrase.rule.sequence"},
                         Case{"qwertyuiopas", "passphrase.rule.keyboard"},
                         Case{"19-04-1966abc", "passphrase.rule.date"}}) {
        const auto v = judge_passphrase(c.passphrase);
        CAPTURE(c.passphrase, v.score);
        CHECK_FALSE(v.ok);
        CHECK(v.score < 3);
        CHECK(v.reason_key == c.reason);
    }
}

TEST_CASE("the worker's own name does not make a passphrase") {
    CHECK(judge_passphrase("tjitskehoekstra").ok);
    const auto v = judge_passphrase("tjitskehoekstra", {"Tjitske", "Hoekstra"});
    CHECK_FALSE(v.ok);
    CHECK(v.reason_key == "passphrase.rule.personal");
}

TEST_CASE("each word of the worker's name and team counts on its own") {
    const std::vector<std::string> worker{"Tjitske Hoekstra", "Wijkteam Oost"};
    CHECK(judge_passphrase("hoekstra-tjitske", worker).reason_key == "passphrase.rule.personal");
    CHECK(judge_passphrase("fiets-boom-regen-lamp", worker).ok);
}

TEST_CASE("the score is zxcvbn's, counted from its estimate of guesses") {
    // 12 characters but a word and digits: long enough, still refused for its guessability.
    const auto v = judge_passphrase("zomer2026zomer");
    CHECK_FALSE(v.ok);
    CHECK(v.score < kt::crypto::kMinPassphraseScore);
}
