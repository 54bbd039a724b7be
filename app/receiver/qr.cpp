#include "qr.hpp"

#include <qrencode.h>

#include <memory>
#include <vector>

namespace kt::receiver {

namespace {

constexpr std::size_t kQuietZone = 4;

struct QrDeleter {
    void operator()(QRcode* q) const { QRcode_free(q); }
};

// Dark modules of the code with the quiet zone around it, row by row.
std::vector<std::vector<bool>> modules(const QRcode& q) {
    const auto width = std::size_t(q.width);
    const std::size_t size = width + 2 * kQuietZone;
    std::vector<std::vector<bool>> dark(size, std::vector<bool>(size, false));
    for (std::size_t y = 0; y < width; ++y)
        for (std::size_t x = 0; x < width; ++x)
            dark[y + kQuietZone][x + kQuietZone] = q.data[y * width + x] & 1;
    return dark;
}

const char* cell(bool top_dark, bool bottom_dark) {
    if (!top_dark && !bottom_dark) return "\u2588";  // full block: both light
    if (!top_dark) return "\u2580";                  // upper half: top light
    if (!bottom_dark) return "\u2584";               // lower half: bottom light
    return " ";
}

}  // namespace

Result<std::string> qr_text(std::string_view text) {
    const std::string s(text);
    std::unique_ptr<QRcode, QrDeleter> q(QRcode_encodeString8bit(s.c_str(), 0, QR_ECLEVEL_M));
    if (!q) return make_error(ErrorCode::usage, "the text does not fit in a QR code");
    const auto dark = modules(*q);
    const std::size_t size = dark.size();
    std::string out;
    for (std::size_t y = 0; y < size; y += 2) {
        for (std::size_t x = 0; x < size; ++x)
            out += cell(dark[y][x], y + 1 < size ? bool(dark[y + 1][x]) : false);
        out += '\n';
    }
    return out;
}

Result<std::string> qr_svg(std::string_view text, int size, std::string_view label) {
    const std::string s(text);
    std::unique_ptr<QRcode, QrDeleter> q(QRcode_encodeString8bit(s.c_str(), 0, QR_ECLEVEL_M));
    if (!q) return make_error(ErrorCode::usage, "the text does not fit in a QR code");
    const auto dark = modules(*q);
    const auto n = std::to_string(dark.size());
    std::string path;
    for (std::size_t y = 0; y < dark.size(); ++y)
        for (std::size_t x = 0; x < dark.size(); ++x)
            if (dark[y][x]) path += "M" + std::to_string(x) + " " + std::to_string(y) + "h1v1h-1z";
    // `label` is our own fixed text (no markup characters). Black on white whatever the theme:
    // what every phone camera reads.
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" +
           std::string(label) + "\" width=\"" + std::to_string(size) + "\" height=\"" +
           std::to_string(size) + "\" viewBox=\"0 0 " + n + " " + n +
           "\" shape-rendering=\"crispEdges\"><rect width=\"" + n + "\" height=\"" + n +
           "\" fill=\"white\"/><path fill=\"black\" d=\"" + path + "\"/></svg>";
}

}  // namespace kt::receiver
