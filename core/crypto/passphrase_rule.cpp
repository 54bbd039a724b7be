#include "crypto/passphrase_rule.hpp"

#include <zxcvbn.h>

#include <cmath>
#include <cstring>
#include <string>

#include "crypto/secret.hpp"

namespace kt::crypto {

namespace {

// libzxcvbn's dictionaries are English; these are the Dutch words (and the app's own) that a
// guesser tries first. Lower case: zxcvbn folds case itself.
constexpr const char* kDutchWords[] = {
    "wachtwoord", "welkom",    "geheim",    "keukentafel",  "wijkteam",  "gemeente", "hallo",
    "zomer",      "winter",    "voorjaar",  "najaar",       "liefde",    "schat",    "voetbal",
    "ajax",       "feyenoord", "nederland", "amsterdam",    "rotterdam", "utrecht",  "kluis",
    "sociaal",    "team",      "wijk",      "hulpverlener", "test",      "admin",
};

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// zxcvbn's score from its entropy in bits: guesses below 10^3, 10^6, 10^8, 10^10 give 0..3.
int score_of(double bits) {
    const double guesses_log10 = bits * std::log10(2.0);
    if (guesses_log10 < 3) return 0;
    if (guesses_log10 < 6) return 1;
    if (guesses_log10 < 8) return 2;
    if (guesses_log10 < 10) return 3;
    return 4;
}

const char* reason_for(ZxcTypeMatch_t type) {
    switch (static_cast<int>(type) & ~MULTIPLE_MATCH) {
        case DICTIONARY_MATCH:
        case DICT_LEET_MATCH:
            return "passphrase.rule.common";
        case USER_MATCH:
        case USER_LEET_MATCH:
            return "passphrase.rule.personal";
        case REPEATS_MATCH:
            return "passphrase.rule.repeat";
        case SEQUENCE_MATCH:
            return "passphrase.rule.sequence";
        case SPATIAL_MATCH:
            return "passphrase.rule.keyboard";
        case DATE_MATCH:
        case YEAR_MATCH:
            return "passphrase.rule.date";
        default:
            return "passphrase.rule.weak";
    }
}

// The worker's name and team as separate words of 3 characters or more: "Tjitske Hoekstra"
// gives "Tjitske" and "Hoekstra", so either one alone is recognised.
std::vector<std::string> split_words(const std::vector<std::string>& personal) {
    std::vector<std::string> out;
    for (const auto& entry : personal) {
        std::string word;
        for (std::size_t i = 0; i <= entry.size(); ++i) {
            const char c = i < entry.size() ? entry[i] : ' ';
            if (c == ' ' || c == '-' || c == '\t') {
                if (word.size() >= 3) out.push_back(word);
                word.clear();
            } else {
                word += c;
            }
        }
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Both word lists reach zxcvbn as its user dictionary: a match is the worker's own only when
// it contains one of their words.
bool personal_match(std::string_view part, const std::vector<std::string>& personal) {
    const std::string p = lower(part);
    for (const auto& w : personal)
        if (w.size() >= 3 && p.find(lower(w)) != std::string::npos) return true;
    return false;
}

// Four or more neighbouring keys of one row of a QWERTY keyboard, either way round.
bool keyboard_run(std::string_view part) {
    if (part.size() < 4) return false;
    const std::string p = lower(part);
    const std::string reversed(p.rbegin(), p.rend());
    for (const std::string row : {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"})
        if (row.find(p) != std::string::npos || row.find(reversed) != std::string::npos)
            return true;
    return false;
}

// The pattern that covers most of the passphrase says best why it is easy to guess.
const char* weakest_part(const ZxcMatch_t* info, std::string_view passphrase,
                         const std::vector<std::string>& personal) {
    const ZxcMatch_t* best = nullptr;
    for (const ZxcMatch_t* m = info; m; m = m->Next) {
        if ((static_cast<int>(m->Type) & ~MULTIPLE_MATCH) == BRUTE_MATCH) continue;
        if (!best || m->Length > best->Length) best = m;
    }
    if (!best) return "passphrase.rule.weak";
    // A part zxcvbn saw repeated ("aaaa" as "a" four times) is said as repetition.
    if (static_cast<int>(best->Type) & MULTIPLE_MATCH) return "passphrase.rule.repeat";
    const int type = static_cast<int>(best->Type);
    const auto part = passphrase.substr(static_cast<std::size_t>(best->Begin),
                                        static_cast<std::size_t>(best->Length));
    if (type == USER_MATCH || type == USER_LEET_MATCH)
        return personal_match(part, personal) ? "passphrase.rule.personal"
                                              : "passphrase.rule.common";
    // Its password list holds keyboard runs ("qwertyuiop"): the worker is told what they are.
    if (type == DICTIONARY_MATCH && keyboard_run(part)) return "passphrase.rule.keyboard";
    return reason_for(best->Type);
}

}  // namespace

PassphraseVerdict judge_passphrase(std::string_view passphrase,
                                   const std::vector<std::string>& personal_entries) {
    PassphraseVerdict v;
    const std::vector<std::string> personal = split_words(personal_entries);
    v.chars = code_points(passphrase);
    // zxcvbn needs a NUL-terminated copy: keep it in wiped secure memory.
    SecretBytes copy(passphrase.size() + 1);
    std::memcpy(copy.data(), passphrase.data(), passphrase.size());
    std::vector<const char*> dict;
    dict.reserve(personal.size() + std::size(kDutchWords) + 1);
    for (const auto& w : personal)
        dict.push_back(w.c_str());
    for (const char* w : kDutchWords)
        dict.push_back(w);
    dict.push_back(nullptr);
    ZxcMatch_t* info = nullptr;
    const double bits = ZxcvbnMatch(copy.chars(), dict.data(), &info);
    v.score = score_of(bits);
    const char* reason =
        v.score < kMinPassphraseScore ? weakest_part(info, passphrase, personal) : "";
    ZxcvbnFreeInfo(info);
    if (v.chars < kMinPassphraseChars)
        v.reason_key = "passphrase.rule.too_short";
    else
        v.reason_key = reason;
    v.ok = v.reason_key.empty();
    return v;
}

}  // namespace kt::crypto
