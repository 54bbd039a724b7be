// Where the worker may save a client's copy: removable media mounted by the desktop (a USB
// stick under /media/<user>/ or /run/media/<user>/). Nothing is ever written to a temp dir.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kt::kiosk {

struct MediaDir {
    std::filesystem::path path;
    std::string label;  // the volume's name as mounted ("KINGSTON")
};

/// Writable mount points under the media roots, sorted by label. The roots are
/// $KEUKENTAFEL_MEDIA_ROOT when set (tests, or a site's own share), else /media/<user> and
/// /run/media/<user>.
std::vector<MediaDir> removable_media();

}  // namespace kt::kiosk
