// The network map's drawing: pure ImDrawList calls over the layout computed in core/present.
#pragma once

#include <imgui.h>

#include <array>
#include <string>
#include <vector>

#include "present/views.hpp"

namespace kt::kiosk {

/// The three rings, closest (darkest) inside, each named inside its edge where none of the
/// `people` (marker centres as drawn) covers the name: at its top when free.
void draw_rings(ImDrawList* dl, const present::NetworkLayout& l,
                const std::array<std::string, model::kRingCount>& names,
                const std::vector<present::Vec2>& people);
/// The client's disc in the centre.
void draw_client(ImDrawList* dl, const present::NetworkLayout& l, const std::string& label);
/// The line from the client to a person: solid when supportive, broken when hindering.
void draw_tie(ImDrawList* dl, const present::NetworkLayout& l, const present::NetworkPersonView& p,
              ImVec2 at);
/// A person: kind colour and icon, broken outline when hindering, outer ring for a heavily
/// loaded or overloaded carer.
void draw_person(ImDrawList* dl, const present::NetworkPersonView& p, ImVec2 c, float r,
                 bool selected);
/// The person's label under the marker; drawn after every marker, so no marker hides a name.
void draw_person_name(ImDrawList* dl, const present::NetworkPersonView& p, ImVec2 c, float r,
                      bool selected);

}  // namespace kt::kiosk
