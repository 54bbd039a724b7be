// One frame of the kiosk, and the event-driven interactive loop around it.
#pragma once

#include <imgui.h>

#include <string>

#include "kiosk_app.hpp"
#include "platform/window.hpp"

namespace kt::kiosk {

/// Input a headless script injects into one frame (replaces the pointer and keys SDL saw).
struct InjectedInput {
    ImVec2 pointer{-FLT_MAX, -FLT_MAX};
    bool down = false;
    std::string chars;                 // typed text
    int scancode = -1;                 // a key held during this frame
    bool ctrl = false, shift = false;  // modifiers held with it
};

/// Frames drawn after an event before the loop sleeps: a field focused in one frame is active
/// in the next, and the keyboard it brings moves the layout in the one after.
inline constexpr int kSettleFrames = 3;

/// Draws one frame; with `screenshot` set, saves it as PNG. Applies the frame's commands
/// afterwards and returns true when any were applied.
bool run_frame(Window& window, KioskApp& app, const InjectedInput* input,
               const std::string* screenshot = nullptr, bool* screenshot_ok = nullptr);

/// Blocks in SDL_WaitEvent while nothing happens (0 % CPU idle); after any event draws a
/// few frames so ImGui settles. Returns when the window is closed.
void run_interactive(Window& window, KioskApp& app);

}  // namespace kt::kiosk
