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

}  // namespace kt::receiver
