#include "platform/media.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace kt::kiosk {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> media_roots() {
    if (const char* root = std::getenv("KEUKENTAFEL_MEDIA_ROOT"); root && *root) return {root};
    std::vector<fs::path> roots;
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name) {
        roots.push_back(fs::path("/media") / pw->pw_name);
        roots.push_back(fs::path("/run/media") / pw->pw_name);
    }
    return roots;
}

// A mount point sits on another device than its parent; under a test root any dir counts.
bool is_mount(const fs::path& dir, bool test_root) {
    if (test_root) return true;
    struct stat self {
    }, parent{};
    if (::stat(dir.c_str(), &self) != 0 || ::stat(dir.parent_path().c_str(), &parent) != 0)
        return false;
    return self.st_dev != parent.st_dev;
}

}  // namespace

std::vector<MediaDir> removable_media() {
    const bool test_root = std::getenv("KEUKENTAFEL_MEDIA_ROOT") != nullptr;
    std::vector<MediaDir> out;
    for (const auto& root : media_roots()) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(root, ec)) {
            if (!e.is_directory(ec) || !is_mount(e.path(), test_root)) continue;
            if (::access(e.path().c_str(), W_OK) != 0) continue;
            out.push_back({e.path(), e.path().filename().string()});
        }
    }
    std::sort(out.begin(), out.end(),
              [](const MediaDir& a, const MediaDir& b) { return a.label < b.label; });
    return out;
}

}  // namespace kt::kiosk
