#include "widgets/pictograms.hpp"

#include <array>
#include <string>

#include "model/zrm.hpp"
#include "report/pictogram.hpp"
#include "widgets/frame_record.hpp"

namespace kt::ui {

namespace {

struct Baked {
    int rect = -1;  // the atlas's custom rect
    bool ok = false;
    ImVec2 uv0, uv1;
};

// Each pictogram is baked at a few sizes and drawn from the smallest one at least as large
// as asked, so a small chip is not a large bitmap squeezed by bilinear filtering (thin
// strokes would break up).
constexpr std::size_t kSizes = 3;
using Set = std::array<Baked, zrm::kDomainCount>;
std::array<Set, kSizes> g_baked;
std::array<int, kSizes> g_px{};

}  // namespace

void reserve_pictograms(ImFontAtlas* atlas, int px) {
    g_px = {px * 9 / 20, px * 3 / 5, px};  // e.g. 36, 48 and 80 at px 80
    for (std::size_t s = 0; s < kSizes; ++s)
        for (auto& b : g_baked[s]) {
            b.rect = atlas->AddCustomRectRegular(g_px[s], g_px[s]);
            b.ok = false;
        }
}

void bake_pictograms(ImFontAtlas* atlas) {
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (pixels == nullptr) return;
    for (std::size_t s = 0; s < kSizes; ++s) {
        const int px = g_px[s];
        for (std::size_t i = 0; i < std::size_t(zrm::kDomainCount); ++i) {
            Baked& b = g_baked[s][i];
            const ImFontAtlasCustomRect* r =
                b.rect >= 0 ? atlas->GetCustomRectByIndex(b.rect) : nullptr;
            if (r == nullptr || !r->IsPacked()) continue;
            const auto alpha = report::pictogram_alpha(i, px);
            if (alpha.size() != std::size_t(px) * std::size_t(px)) continue;
            for (int y = 0; y < px; ++y)
                for (int x = 0; x < px; ++x) {
                    unsigned char* p = pixels + 4 * (std::size_t(r->Y + y) * std::size_t(width) +
                                                     std::size_t(r->X + x));
                    p[0] = p[1] = p[2] = 255;  // white, tinted at draw time
                    p[3] = alpha[std::size_t(y) * std::size_t(px) + std::size_t(x)];
                }
            atlas->CalcCustomRectUV(r, &b.uv0, &b.uv1);
            b.ok = true;
        }
    }
}

void draw_pictogram(ImDrawList* dl, int domain, ImVec2 p, float size, ImU32 col) {
    if (domain < 0 || domain >= zrm::kDomainCount) return;
    std::size_t s = 0;
    while (s + 1 < kSizes && float(g_px[s]) + 0.5f < size)
        ++s;
    const Baked& b = g_baked[s][std::size_t(domain)];
    if (!b.ok) return;
    dl->AddImage(ImGui::GetIO().Fonts->TexID, p, ImVec2(p.x + size, p.y + size), b.uv0, b.uv1, col);
    record_text("pictogram:" + std::string(zrm::kDomains[std::size_t(domain)]));
}

}  // namespace kt::ui
