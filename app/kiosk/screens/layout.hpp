// Shared screen frame: a full-screen window and the top bar every worker screen has.
#pragma once

#include <string>

#include "screens/commands.hpp"

namespace kt::kiosk {

/// Begins the full-screen window for a screen; always pair with end_screen().
void begin_screen(const char* id);
void end_screen();

/// The bar at the top: optional back button, a title with a subtitle, the lock button.
/// Emits flow::Back / flow::Lock. `pictogram` >= 0: that domain's pictogram before
/// the title.
void top_bar(const std::string& back_label, const std::string& title, const std::string& subtitle,
             const std::string& lock_label, Commands& out, int pictogram = -1);

/// A calm full-width band with a left stripe for something the worker must know (not an error
/// of their own making), e.g. a broken audit chain.
void notice_band(const std::string& message);

/// Height of the bottom action bar; content above it should stop here.
float bottom_bar_height();
/// The height left for a screen's scrolling body: above the bottom bar and the on-screen
/// keyboard (when it shows).
float body_height();
/// Places the cursor at the start of the bottom bar.
void begin_bottom_bar();

}  // namespace kt::kiosk
