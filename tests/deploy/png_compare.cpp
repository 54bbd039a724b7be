// kt_png_compare A.png B.png [MAX_PERCENT [ROWS]]: whether two screenshots show the same
// screen. Prints the size and the share of pixels whose colour differs by more than 48 in a
// channel. Exit 0 when both have the same size and at most MAX_PERCENT (default 1) % of the
// pixels differ and A is not one flat colour; 1 otherwise; 2 when a file cannot be read or an
// argument is not a number. With ROWS only the top ROWS rows are compared.
// kt_png_compare --kiosk A.png: whether A shows a kiosk screen: at least half of it the
// kiosk's light background (every channel >= 230) and at least 0.05 % dark text (every
// channel < 128). A black or empty capture fails.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include <stb_image.h>

namespace {

using Pixels = std::unique_ptr<unsigned char, decltype(&stbi_image_free)>;

Pixels load(const char* path, int& w, int& h) {
    int channels = 0;
    return Pixels(stbi_load(path, &w, &h, &channels, 3), &stbi_image_free);
}

bool flat(const unsigned char* p, long n) {
    for (long i = 3; i < n * 3; ++i)
        if (p[i] != p[i % 3]) return false;
    return true;
}

int kiosk_screen(const char* path) {
    int w = 0, h = 0;
    Pixels p = load(path, w, h);
    if (!p) {
        std::fprintf(stderr, "kt_png_compare: cannot read %s\n", path);
        return 2;
    }
    const long n = long(w) * h;
    long light = 0, dark = 0;
    for (long i = 0; i < n; ++i) {
        const unsigned char* c = p.get() + i * 3;
        const int lo = std::min({c[0], c[1], c[2]}), hi = std::max({c[0], c[1], c[2]});
        light += lo >= 230;
        dark += hi < 128;
    }
    const double light_pct = 100.0 * double(light) / double(n);
    const double dark_pct = 100.0 * double(dark) / double(n);
    std::printf("%dx%d: %.1f %% light background, %.2f %% dark text\n", w, h, light_pct, dark_pct);
    return light_pct >= 50.0 && dark_pct >= 0.05 ? 0 : 1;
}

// A non-negative number argument, or -1.
double number(const char* text) {
    char* end = nullptr;
    const double v = std::strtod(text, &end);
    return end == text || *end != '\0' || v < 0 ? -1 : v;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string_view(argv[1]) == "--kiosk") return kiosk_screen(argv[2]);
    if (argc < 3 || argc > 5) {
        std::fputs("usage: kt_png_compare A.png B.png [MAX_PERCENT [ROWS]]\n", stderr);
        return 2;
    }
    const double max_percent = argc >= 4 ? number(argv[3]) : 1.0;
    const double rows = argc == 5 ? number(argv[4]) : -2;
    if (max_percent < 0 || rows == -1) {
        std::fputs("kt_png_compare: MAX_PERCENT and ROWS are non-negative numbers\n", stderr);
        return 2;
    }
    int wa = 0, ha = 0, wb = 0, hb = 0;
    Pixels a = load(argv[1], wa, ha), b = load(argv[2], wb, hb);
    if (!a || !b) {
        std::fprintf(stderr, "kt_png_compare: cannot read %s\n", a ? argv[2] : argv[1]);
        return 2;
    }
    std::printf("A %dx%d, B %dx%d\n", wa, ha, wb, hb);
    if (wa != wb || ha != hb) return 1;
    const int compared_rows = rows >= 0 ? std::min(ha, int(rows)) : ha;
    const long n = long(wa) * compared_rows;
    if (n == 0 || flat(a.get(), n)) {
        std::puts("A is one flat colour: nothing was drawn");
        return 1;
    }
    long differing = 0;
    for (long i = 0; i < n; ++i)
        for (int c = 0; c < 3; ++c)
            if (std::abs(int(a.get()[i * 3 + c]) - int(b.get()[i * 3 + c])) > 48) {
                ++differing;
                break;
            }
    const double share = 100.0 * double(differing) / double(n);
    std::printf("%ld of %ld pixels differ (%.2f %%) in the top %d rows\n", differing, n, share,
                compared_rows);
    return share <= max_percent ? 0 : 1;
}
