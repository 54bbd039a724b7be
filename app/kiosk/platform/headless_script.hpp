// Headless scripts: the real program driven line by line (tap, tap-text, drag, type, key,
// frames, advance-clock, wall-clock-jump, screenshot, the expect-… checks, kill; in
// KT_TEST_HOOKS builds also fault). See README "Headless test mode".
#pragma once

#include <string>

#include "kiosk_app.hpp"
#include "platform/window.hpp"
#include "util/clock.hpp"

namespace kt::kiosk {

inline constexpr int kExitScriptExpectation = 5;

/// Runs the script. Returns 0 when every line ran, 5 when an expect-… did not hold or a
/// tap-text found nothing, 1 for a malformed line, 2 when the script cannot be
/// read or a screenshot fails. The failing line goes to stderr.
int run_script(Window& window, KioskApp& app, OffsetClock& clock, const std::string& path);

}  // namespace kt::kiosk
