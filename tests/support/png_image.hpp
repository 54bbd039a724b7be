// A PNG read back as RGBA pixels (Debian's stb_image), for tests that look at what a person
// would see on a screenshot: which colours are there and where the ink is.
#pragma once

#include <stb_image.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <utility>

namespace kt::test {

class PngImage {
  public:
    /// Fails the current test when `path` is not a readable PNG.
    explicit PngImage(const std::filesystem::path& path) {
        int channels = 0;
        m_pixels.reset(stbi_load(path.c_str(), &m_width, &m_height, &channels, 4));
        REQUIRE(m_pixels != nullptr);
    }
    int width() const { return m_width; }
    int height() const { return m_height; }
    /// 0xRRGGBB of the pixel at (x, y).
    std::uint32_t pixel(int x, int y) const {
        const unsigned char* p = m_pixels.get() + (std::size_t(y) * std::size_t(m_width) + x) * 4;
        return (std::uint32_t(p[0]) << 16) | (std::uint32_t(p[1]) << 8) | std::uint32_t(p[2]);
    }
    /// Text-dark: every channel below 110 (the theme ink is far darker).
    bool ink(int x, int y) const {
        const std::uint32_t c = pixel(x, y);
        return ((c >> 16) & 0xFF) < 110 && ((c >> 8) & 0xFF) < 110 && (c & 0xFF) < 110;
    }
    /// The leftmost and rightmost x with ink in the rectangle [x0, x1) x [y0, y1); nothing
    /// when it holds no ink.
    std::optional<std::pair<int, int>> ink_extent(int x0, int x1, int y0, int y1) const {
        int lo = x1, hi = -1;
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x)
                if (ink(x, y)) lo = std::min(lo, x), hi = std::max(hi, x);
        if (hi < 0) return std::nullopt;
        return std::make_pair(lo, hi);
    }
    /// How many pixels in the rectangle have exactly the colour 0xRRGGBB.
    int count(std::uint32_t rgb_value, int x0, int x1, int y0, int y1) const {
        int n = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x)
                n += pixel(x, y) == rgb_value;
        return n;
    }

  private:
    struct Free {
        void operator()(unsigned char* p) const { stbi_image_free(p); }
    };
    std::unique_ptr<unsigned char, Free> m_pixels;
    int m_width = 0, m_height = 0;
};

}  // namespace kt::test
