#include "report/pictogram.hpp"

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "model/zrm.hpp"

namespace kt::report {

namespace {

struct HandleFree {
    void operator()(RsvgHandle* h) const { g_object_unref(h); }
};
using Handle = std::unique_ptr<RsvgHandle, HandleFree>;

Handle open(std::size_t domain) {
    if (domain >= zrm::kDomains.size()) return nullptr;
    const std::string path =
        (pictogram_dir() / (std::string(zrm::kDomains[domain]) + ".svg")).string();
    GError* err = nullptr;
    Handle h(rsvg_handle_new_from_file(path.c_str(), &err));
    if (err != nullptr) g_error_free(err);
    return h;
}

// The SVG as a mask in `ink`: whatever colours the file has, the shape takes the caller's.
bool render(cairo_t* cr, RsvgHandle* h, double x, double y, double size, Ink ink) {
    const RsvgRectangle viewport{x, y, size, size};
    cairo_save(cr);
    cairo_push_group(cr);
    GError* err = nullptr;
    const bool ok = rsvg_handle_render_document(h, cr, &viewport, &err) != 0;
    if (err != nullptr) g_error_free(err);
    cairo_pattern_t* shape = cairo_pop_group(cr);
    if (ok) {
        cairo_set_source_rgb(cr, ink.r, ink.g, ink.b);
        cairo_mask(cr, shape);
    }
    cairo_pattern_destroy(shape);
    cairo_restore(cr);
    return ok;
}

}  // namespace

std::filesystem::path pictogram_dir() {
    if (const char* env = std::getenv("KEUKENTAFEL_DATA_DIR"); env && *env)
        return std::filesystem::path(env) / "pictograms";
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return "/usr/share/keukentafel/pictograms";
    buf[n] = '\0';
    return std::filesystem::path(buf).parent_path().parent_path() / "share" / "keukentafel" /
           "pictograms";
}

bool draw_pictogram(cairo_t* cr, std::size_t domain, double x, double y, double size, Ink ink) {
    const Handle h = open(domain);
    return h && render(cr, h.get(), x, y, size, ink);
}

std::vector<unsigned char> pictogram_alpha(std::size_t domain, int size) {
    const Handle h = open(domain);
    if (!h || size <= 0) return {};
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, size, size);
    cairo_t* cr = cairo_create(surface);
    const bool ok = render(cr, h.get(), 0, 0, size, Ink{});
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    std::vector<unsigned char> out;
    if (ok) {
        const unsigned char* data = cairo_image_surface_get_data(surface);
        const int stride = cairo_image_surface_get_stride(surface);
        out.reserve(std::size_t(size) * std::size_t(size));
        for (int row = 0; row < size; ++row)
            out.insert(out.end(), data + row * stride, data + row * stride + size);
    }
    cairo_surface_destroy(surface);
    return out;
}

}  // namespace kt::report
