// The frame of every client-mode page: the title in the client's language, the languages,
// the lock and the way back to the worker (which asks for the worker's PIN). Mirrored for a
// right-to-left language.
#pragma once

#include "present/views.hpp"
#include "screens/commands.hpp"
#include "screens/ui_state.hpp"

namespace kt::kiosk {

/// Draws the top of a client-mode page. Returns false when the PIN prompt covers the page
/// (the caller draws nothing else then).
bool client_top(const present::ReviewView& v, ReviewState& st, Commands& out);

/// The x of an item of width `w` that starts `from_start` px from the start edge of the
/// content region: the left edge, or the right edge when the screen reads right to left.
float start_x(const present::ReviewView& v, float from_start, float w);

/// The bottom bar: "previous" at the start edge, "next" (primary) at the end edge.
void client_bottom(const present::ReviewView& v, const std::string& prev, bool can_prev,
                   const std::string& next, bool next_enabled, Commands& out,
                   const Command& on_prev, const Command& on_next);

/// A read-aloud button; emits ReadAloud with the page's text in the client's language.
void read_aloud_button(const present::ReviewView& v, ReviewState& st, float x, Commands& out);

}  // namespace kt::kiosk
