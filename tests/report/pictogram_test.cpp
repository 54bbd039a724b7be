// The 13 domain pictograms as the kiosk and the PDF get them from librsvg: each one draws,
// at 12 mm on the tablet (71 px at 150 dpi) it has a clear amount of ink, and no two are
// alike (a client tells the domains apart by their shape alone).
#include "report/pictogram.hpp"

#include <cairo.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "model/zrm.hpp"

using kt::report::pictogram_alpha;

namespace {

constexpr int k12mm = 71;  // 12 mm at the 1280x800 tablet's 150 dpi

double ink(const std::vector<unsigned char>& a) {
    std::size_t on = 0;
    for (unsigned char v : a)
        on += v >= 128;
    return double(on) / double(a.size());
}

// The share of pixels where one pictogram has ink and the other has none.
double difference(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b) {
    std::size_t diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff += (a[i] >= 128) != (b[i] >= 128);
    return double(diff) / double(a.size());
}

}  // namespace

TEST_CASE("every domain's pictogram draws at 12 mm with a clear amount of ink") {
    for (std::size_t d = 0; d < kt::zrm::kDomains.size(); ++d) {
        CAPTURE(kt::zrm::kDomains[d]);
        const auto a = pictogram_alpha(d, k12mm);
        REQUIRE(a.size() == std::size_t(k12mm) * k12mm);
        const double share = ink(a);
        std::printf("pictogram %-30s ink %.0f%% at %d px\n",
                    std::string(kt::zrm::kDomains[d]).c_str(), 100 * share, k12mm);
        CHECK(share > 0.08);  // more than a hairline sketch
        CHECK(share < 0.45);  // not a blot: the shape has room to read
    }
    CHECK(pictogram_alpha(kt::zrm::kDomains.size(), k12mm).empty());  // no 14th domain
}

TEST_CASE("no two domain pictograms look alike") {
    std::vector<std::vector<unsigned char>> all;
    for (std::size_t d = 0; d < kt::zrm::kDomains.size(); ++d)
        all.push_back(pictogram_alpha(d, k12mm));
    double closest = 1.0;
    for (std::size_t i = 0; i < all.size(); ++i)
        for (std::size_t j = i + 1; j < all.size(); ++j) {
            CAPTURE(kt::zrm::kDomains[i], kt::zrm::kDomains[j]);
            const double d = difference(all[i], all[j]);
            closest = std::min(closest, d);
            CHECK(d > 0.08);
        }
    std::printf("closest two pictograms differ in %.0f%% of their pixels\n", 100 * closest);
}

TEST_CASE("a pictogram is drawn into a PDF page in the given ink") {
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, k12mm, k12mm);
    cairo_t* cr = cairo_create(s);
    REQUIRE(kt::report::draw_pictogram(cr, 0, 0, 0, k12mm, {0, 0, 1}));
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const unsigned char* px = cairo_image_surface_get_data(s);
    const int stride = cairo_image_surface_get_stride(s);
    std::size_t blue = 0, other = 0;
    for (int y = 0; y < k12mm; ++y)
        for (int x = 0; x < k12mm; ++x) {
            const unsigned char* p = px + y * stride + 4 * x;  // B G R A, premultiplied
            if (p[3] < 128) continue;
            (p[0] + 2 >= p[3] && p[1] < 8 && p[2] < 8 ? blue : other)++;
        }
    cairo_surface_destroy(s);
    CHECK(blue > 100);
    CHECK(other == 0);
}
