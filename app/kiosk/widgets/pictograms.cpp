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
std::array<Baked, zrm::kDomainCount> g_baked;
int g_px = 0;

}  // namespace

void reserve_pictograms(ImFontAtlas* atlas, int px) {
    g_px = px;
    for (auto& b : g_baked) {
        b.rect = atlas->AddCustomRectRegular(px, px);
        b.ok = false;
    }
}

void bake_pictograms(ImFontAtlas* atlas) {
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (pixels == nullptr) return;
    for (std::size_t i = 0; i < g_baked.size(); ++i) {
        Baked& b = g_baked[i];
        const ImFontAtlasCustomRect* r =
            b.rect >= 0 ? atlas->GetCustomRectByIndex(b.rect) : nullptr;
        if (r == nullptr || !r->IsPacked()) continue;
        const auto alpha = report::pictogram_alpha(i, g_px);
        if (alpha.size() != std::size_t(g_px) * std::size_t(g_px)) continue;
        for (int y = 0; y < g_px; ++y)
            for (int x = 0; x < g_px; ++x) {
                unsigned char* px = pixels + 4 * (std::size_t(r->Y + y) * std::size_t(width) +
                                                  std::size_t(r->X + x));
                px[0] = px[1] = px[2] = 255;  // white, tinted at draw time
                px[3] = alpha[std::size_t(y) * std::size_t(g_px) + std::size_t(x)];
            }
        atlas->CalcCustomRectUV(r, &b.uv0, &b.uv1);
        b.ok = true;
    }
}

void draw_pictogram(ImDrawList* dl, int domain, ImVec2 p, float size, ImU32 col) {
    if (domain < 0 || domain >= zrm::kDomainCount) return;
    const Baked& b = g_baked[std::size_t(domain)];
    if (!b.ok) return;
    dl->AddImage(ImGui::GetIO().Fonts->TexID, p, ImVec2(p.x + size, p.y + size), b.uv0, b.uv1, col);
    record_text("pictogram:" + std::string(zrm::kDomains[std::size_t(domain)]));
}

}  // namespace kt::ui
