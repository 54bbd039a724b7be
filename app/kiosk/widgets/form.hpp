// Form widgets for fingers: labelled text fields, choice chips, steppers and toggles.
// All at least 12 mm high, recorded for headless scripts under their labels.
#pragma once

#include <imgui.h>

#include <string>

namespace kt::ui {

/// A labelled single-line (or, with `lines` > 1, multi-line) text field bound to `value`.
/// Returns true when the field was left after an edit (the moment to save).
bool text_field(const char* id, const std::string& label, std::string* value, float width,
                int lines = 1, ImGuiInputTextFlags flags = 0);

/// A labelled password field over a fixed buffer in wiped memory (crypto::SecretBytes): the
/// text never lands in a std::string. Returns true on Enter.
bool secret_field(const char* id, const std::string& label, char* buffer, std::size_t size,
                  float width);

/// A choice chip; returns true when tapped. `selected` draws it filled, with a check mark.
bool chip(const char* id, const std::string& label, bool selected);
/// The width chip() takes for `label` (selected: with its check mark).
float chip_width(const std::string& label, bool selected);

/// Lays out chips left to right, wrapping at the content width. Call before each chip.
void chip_flow(float next_width_hint);

/// A toggle row: a box with a check mark and a label; flips `*value` on tap.
bool toggle(const char* id, const std::string& label, bool* value, float width);

/// "- value +" with a label; returns true when the value changed.
bool stepper(const char* id, const std::string& label, int* value, int step, int min, int max,
             const std::string& suffix = {});

/// A section heading inside a form.
void section(const std::string& title);

}  // namespace kt::ui
