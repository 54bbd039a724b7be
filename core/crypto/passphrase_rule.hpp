// The one rule for a new passphrase, wherever it is set (the kiosk's first run and settings,
// keukentafel-cli init, demo and passwd): at least 12 characters and a zxcvbn score of 3 or
// more (Debian's libzxcvbn). A refusal names its reason as a message key in locales/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kt::crypto {

inline constexpr std::size_t kMinPassphraseChars = 12;
inline constexpr int kMinPassphraseScore = 3;

struct PassphraseVerdict {
    bool ok = false;
    int score = 0;           // zxcvbn's 0..4 (from its estimate of guesses)
    std::size_t chars = 0;   // characters (UTF-8 code points), not bytes
    std::string reason_key;  // "passphrase.rule.*" when refused, "" when ok
};

/// Judges a new passphrase. `personal` holds what must not carry it (the worker's name and
/// team, whole: each word of 3 or more characters counts on its own); Dutch words every
/// guesser tries first are added by the rule itself. Pure: no
/// copy of the passphrase outlives the call except inside libzxcvbn's freed match list.
PassphraseVerdict judge_passphrase(std::string_view passphrase,
                                   const std::vector<std::string>& personal = {});

}  // namespace kt::crypto
