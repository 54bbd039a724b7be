// The radar chart of the client's copy, drawn with cairo from present::radar_geometry:
// this assessment filled, the previous one as a dashed outline, domain names placed by their
// measured size. Internal to kt_report.
#pragma once

#include <cairo.h>

#include "report/client_copy.hpp"

namespace kt::report {

/// Draws the chart inside the rectangle (x, y, w, h) in points. Returns false when the names
/// could not be placed without clipping or covering each other even when wrapped narrowly.
bool draw_radar(cairo_t* cr, const ClientCopy& copy, double x, double y, double w, double h);

/// The dashes of the previous assessment's outline (the legend draws the same line).
void set_previous_dash(cairo_t* cr);

}  // namespace kt::report
