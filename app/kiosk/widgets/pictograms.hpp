// The 13 domain pictograms in the font atlas: rendered once by librsvg (report/pictogram) when
// the fonts are built, drawn as tinted images. Same shapes as the PDF copy and the charts.
#pragma once

#include <imgui.h>

namespace kt::ui {

/// Reserves squares of up to `px` pixels per pictogram (the largest size drawn, and two
/// smaller ones); call while building the atlas, before Build().
void reserve_pictograms(ImFontAtlas* atlas, int px);
/// Rasterises the pictograms into the built atlas (its RGBA pixels); call after Build().
void bake_pictograms(ImFontAtlas* atlas);

/// Draws domain `domain`'s pictogram (zrm::kDomains order) in the square at `p` with side
/// `size`, in `col`. Records "pictogram:<domain id>" for headless scripts. Nothing when the
/// pictograms could not be baked.
void draw_pictogram(ImDrawList* dl, int domain, ImVec2 p, float size, ImU32 col);

}  // namespace kt::ui
