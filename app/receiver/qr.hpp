// A QR code (libqrencode) drawn with Unicode half blocks for a terminal, two modules per
// character cell, with the standard four-module quiet zone.
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace kt::receiver {

/// The code for `text` as lines of '█', '▀', '▄' and ' ', light modules drawn (for a light
/// on dark terminal, as `qrencode -t UTF8` does). Errors: usage (text too long), internal.
Result<std::string> qr_text(std::string_view text);

/// The code for `text` as an SVG element (dark modules as one path, quiet zone included, no
/// style attribute), `size` pixels square, labelled `label` for assistive technology.
Result<std::string> qr_svg(std::string_view text, int size, std::string_view label);

}  // namespace kt::receiver
