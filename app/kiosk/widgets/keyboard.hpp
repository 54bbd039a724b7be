// The on-screen keyboard: Dutch QWERTY with a digits row and a layer of accented letters,
// shown at the bottom while a text field is active on a touch screen. In client mode it takes
// the client's language: Turkish (ç ğ ı İ ö ş ü, with i/İ and ı/I), Polish (ą ć ę ł ń ó ś ź
// ż) and Arabic (the standard Arabic layout, no shift) beside Dutch. It hit-tests itself
// before ImGui::NewFrame, because in ImGui 1.86 any click outside the active InputText
// ends it: a tap on a key must never reach ImGui.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace kt::i18n {
class Catalog;
}

namespace kt::ui {

/// Words on the keys that are not letters, also their tap-text names; filled from the
/// catalog (keyboard.*) by keyboard_labels().
struct KeyboardLabels {
    std::string done;
    std::string space;
    std::string backspace;
    std::string shift;
    std::string accents;  // on the letters layer: switches to the accents
    std::string letters;  // on the accents layer: switches back
};

/// The keys' words in the catalog's language.
KeyboardLabels keyboard_labels(const i18n::Catalog& cat);

enum class KeyboardLayer { letters, accents };
struct KeyboardKey;  // one key of the layout (keyboard.cpp)

struct KeyboardState {
    /// False hides the keyboard (a worker with a physical keyboard); typing keeps working.
    bool enabled = true;
    KeyboardLabels labels;
    KeyboardLayer layer = KeyboardLayer::letters;
    /// The letters layer's language: "nl" (also en), "tr", "pl" or "ar". Set per screen.
    std::string language = "nl";
    bool shift = false;        // one-shot: the next key types its capital
    bool numeric = false;      // the digits pad of a PIN field (kept while the finger is down)
    ImGuiID digits_field = 0;  // the digits-only field that was active last (a PIN)

    // Written by draw_keyboard: what was drawn in the last frame, in screen pixels.
    struct Placed {
        const KeyboardKey* key;
        ImVec2 min, max;
    };
    std::vector<Placed> placed;
    ImVec2 area_min{0, 0}, area_max{0, 0};
    float height = 0.0f;  // 0 while hidden

    // Written by keyboard_before_new_frame: a press that started on the keyboard owns the
    // pointer until it is released, whatever happens to the keyboard meanwhile.
    bool captured = false;
    const KeyboardKey* pressed = nullptr;  // null once the finger slid off its key
    bool was_down = false;
    int held_scancode = -1;  // a key we set in io.KeysDown last frame, released next frame
};

/// The app's one keyboard.
KeyboardState& keyboard_state();

/// Call after the backends' NewFrame (and after injected input) and before
/// ImGui::NewFrame(). While the pointer is over the keyboard drawn last frame, or a press
/// began there, hides it from ImGui; a key activates on release when the finger stayed on
/// it, as characters (io.AddInputCharactersUTF8) or a key press (Backspace, Enter).
void keyboard_before_new_frame(KeyboardState& kb);

/// Call after the screen is drawn and before ImGui::Render(). Draws the keyboard on the
/// foreground draw list when a text field is active, records its keys for headless
/// scripts, and returns its height (0 when hidden).
float draw_keyboard(KeyboardState& kb);

/// Call right after a digits-only InputText (a PIN): while it is active the keyboard shows
/// two rows of digits instead of the letters, and takes far less of the screen.
void keyboard_digits_only();

/// The height of the keyboard drawn in the last frame (0 when hidden): screens keep their
/// text field and its button above it.
float keyboard_height();

}  // namespace kt::ui
