// What screens ask for. Screens emit commands while drawing; the app applies them after the
// frame is rendered (a screen never touches storage). Most are the session's intents
// (present/intent.hpp, applied by Session::dispatch); the few here are the kiosk's own: the
// removable drives for the client's copy, and reading aloud.
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "present/intent.hpp"

namespace kt::kiosk {

using namespace present::intent;  // screens name the intents they emit

struct ChooseCopyTarget {  // opens (or refreshes) the list of USB sticks
    std::string assessment_id;
};
struct SaveClientCopy {
    std::string assessment_id;
    std::filesystem::path dir;
    std::string label;
};
struct CloseCopyPanel {};
struct ReadAloud {
    std::string text, locale;
};

using Command =
    std::variant<present::Intent, ChooseCopyTarget, SaveClientCopy, CloseCopyPanel, ReadAloud>;
using Commands = std::vector<Command>;

}  // namespace kt::kiosk
