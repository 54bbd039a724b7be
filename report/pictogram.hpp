// The 13 domain pictograms (assets/pictograms/<domain id>.svg), drawn through librsvg: into a
// cairo surface for the client's PDF copy and the monitoring charts, and as alpha masks for
// the kiosk's font atlas. One shape per domain everywhere the client or worker meets it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

// cairo's own forward declaration, so that the kiosk can include this without cairo's headers.
typedef struct _cairo cairo_t;  // NOLINT(bugprone-reserved-identifier)

namespace kt::report {

/// $KEUKENTAFEL_DATA_DIR/pictograms when set, else <dir of the executable>/../share/
/// keukentafel/pictograms (build tree and installed alike).
std::filesystem::path pictogram_dir();

/// The colour a pictogram is drawn in, 0..1 per channel.
struct Ink {
    double r = 0, g = 0, b = 0;
};

/// Draws the pictogram of domain `domain` (zrm::kDomains order) into the square at (x, y)
/// with side `size`, in `ink`. False (and nothing drawn) when the file is missing or invalid.
bool draw_pictogram(cairo_t* cr, std::size_t domain, double x, double y, double size, Ink ink);

/// The pictogram as coverage, size x size bytes row by row (0 transparent, 255 ink); empty
/// when the file is missing or invalid.
std::vector<unsigned char> pictogram_alpha(std::size_t domain, int size);

}  // namespace kt::report
