#include "widgets/rtl_text.hpp"

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "i18n/bidi.hpp"
#include "widgets/frame_record.hpp"

namespace kt::ui {

namespace {

bool g_rtl = false;

struct Lines {
    std::vector<std::string> text;
    std::vector<float> width;
    float max_width = 0.0f;
};

// Shaping, bidi and wrapping cost a few microseconds a line; the frame loop draws the same
// strings every frame, so they are kept. Cleared whole when full: screens show far fewer.
std::unordered_map<std::string, Lines> g_cache;
constexpr std::size_t kCacheLimit = 1024;

float measure(ImFont* font, std::string_view s) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
}

const Lines& lines_for(ImFont* font, const std::string& logical, float wrap_width) {
    const float size = font->FontSize;
    const char flags = g_rtl ? 'r' : 'l';
    const auto font_id = reinterpret_cast<std::uintptr_t>(font);  // the font, by address
    std::string key;
    key.reserve(logical.size() + sizeof font_id + 2 * sizeof(float) + 2);
    key.append(reinterpret_cast<const char*>(&font_id), sizeof font_id);
    key.append(reinterpret_cast<const char*>(&size), sizeof size);
    key.append(reinterpret_cast<const char*>(&wrap_width), sizeof wrap_width);
    key += flags;
    key += logical;
    if (const auto it = g_cache.find(key); it != g_cache.end()) return it->second;
    if (g_cache.size() >= kCacheLimit) g_cache.clear();
    Lines l;
    const auto base = g_rtl ? i18n::Direction::rtl : i18n::Direction::automatic;
    l.text = i18n::visual_lines(
        logical, wrap_width, [font](std::string_view s) { return measure(font, s); }, base);
    for (const auto& t : l.text) {
        l.width.push_back(measure(font, t));
        l.max_width = std::max(l.max_width, l.width.back());
    }
    return g_cache.emplace(std::move(key), std::move(l)).first->second;
}

void record(const std::string& logical, const Lines& l) {
    record_text(logical);
    for (const auto& t : l.text)
        if (logical.find(t) == std::string::npos) record_text(t);  // shaped or reordered
}

}  // namespace

void set_text_direction(bool rtl) {
    g_rtl = rtl;
}

bool text_direction_rtl() {
    return g_rtl;
}

TextDirectionScope::TextDirectionScope(bool rtl) : m_previous(g_rtl) {
    g_rtl = rtl;
}

TextDirectionScope::~TextDirectionScope() {
    g_rtl = m_previous;
}

std::vector<std::string> visual_lines(ImFont* font, const std::string& logical, float wrap_width) {
    return lines_for(font, logical, wrap_width).text;
}

float line_pitch(ImFont* font) {
    return g_rtl ? font->FontSize * 1.25f : font->FontSize;
}

ImVec2 text_size_dir(ImFont* font, const std::string& logical, float wrap_width) {
    const Lines& l = lines_for(font, logical, wrap_width);
    const float n = static_cast<float>(l.text.size());
    // The last line is one font size high; only the gaps between lines take the pitch.
    const float h = n == 0 ? 0.0f : (n - 1) * line_pitch(font) + font->FontSize;
    return ImVec2(l.max_width, h);
}

float draw_text_dir(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color,
                    const std::string& logical, float box_width) {
    const Lines& l = lines_for(font, logical, box_width);
    const float box = box_width > 0.0f ? box_width : l.max_width;
    const float pitch = line_pitch(font);
    float y = pos.y;
    for (std::size_t i = 0; i < l.text.size(); ++i) {
        const std::string& t = l.text[i];
        if (!t.empty()) {
            const float x = g_rtl ? pos.x + box - l.width[i] : pos.x;
            dl->AddText(font, font->FontSize, ImVec2(x, y), color, t.c_str(), t.c_str() + t.size());
        }
        y += pitch;  // an empty line keeps its height
    }
    record(logical, l);
    const ImVec2 size = text_size_dir(font, logical, box_width);
    record_text_box(logical, ImVec2(g_rtl ? pos.x + box - l.max_width : pos.x, pos.y), size, pos.x,
                    box_width);
    return size.y;
}

void text_dir(const std::string& logical, ImFont* font, ImU32 color, float width) {
    const float w = width > 0.0f ? width : ImGui::GetContentRegionAvail().x;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float h = draw_text_dir(ImGui::GetWindowDrawList(), font, pos, color, logical, w);
    ImGui::Dummy(ImVec2(w, h));
}

float mirror_x(float x, float w, float region_x, float region_w) {
    return region_x + region_w - (x - region_x) - w;
}

float dir_x(float x, float w, float region_x, float region_w) {
    return g_rtl ? mirror_x(x, w, region_x, region_w) : x;
}

void clear_text_cache() {
    g_cache.clear();
}

}  // namespace kt::ui
